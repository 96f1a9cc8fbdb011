"""Two engines proven: ProperDocs builds this site, hooks and all, to the same files as MkDocs.

The last test is the proof CI runs (`make test`): it creates .venv-properdocs from its hashed lock on
first use (`make .venv-properdocs/.site`), builds the site once with ProperDocs and compares it with the
suite's own MkDocs build (the real_build fixture). The tests before it pin down what the comparison
forgives: the generator tag of an HTML page, and nothing else.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

import compare_engines

from sitekit import REPO

MKDOCS_TAG = b'<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'
PROPERDOCS_TAG = b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'
PAGE = b'<html><head><meta charset="utf-8">%s<title>Glossary</title></head><body><p>MOU</p></body></html>'


def test_normalise_blanks_the_generator_tag_and_returns_what_it_said():
    page, generator = compare_engines.normalise("glossary/index.html", PAGE % PROPERDOCS_TAG)
    assert page == (b'<html><head><meta charset="utf-8"><meta name="generator" content=""><title>Glossary</title>'
                    b'</head><body><p>MOU</p></body></html>')
    assert generator == "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"


def test_normalise_blanks_only_the_first_tag_of_an_html_page():
    quoted = PAGE % MKDOCS_TAG + MKDOCS_TAG
    page, generator = compare_engines.normalise("index.html", quoted)
    assert page == PAGE % b'<meta name="generator" content="">' + MKDOCS_TAG
    assert generator == "mkdocs-1.6.1, mkdocs-material-9.8.1"


def test_normalise_leaves_other_files_and_untagged_pages_alone():
    index = b'{"docs": [{"text": "' + PROPERDOCS_TAG + b'"}]}'
    assert compare_engines.normalise("search/search_index.json", index) == (index, None)
    untagged = PAGE % b""
    assert compare_engines.normalise("404.html", untagged) == (untagged, None)


def write_tree(root: Path, files: dict[str, bytes]) -> Path:
    for relpath, data in files.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_bytes(data)
    return root


def test_compare_forgives_the_generator_tag_only(tmp_path):
    style = b"body { color: #222; }"
    mkdocs = write_tree(tmp_path / "mk", {"index.html": PAGE % MKDOCS_TAG, "assets/site.css": style})
    properdocs = write_tree(tmp_path / "pd", {"index.html": PAGE % PROPERDOCS_TAG, "assets/site.css": style})
    result = compare_engines.compare(mkdocs, properdocs)
    assert (result.files, result.generator_only, result.same) == (2, 1, True)
    assert result.generators == {"MkDocs": {"mkdocs-1.6.1, mkdocs-material-9.8.1"},
                                 "ProperDocs": {"mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"}}


def test_compare_names_every_other_difference(tmp_path):
    mkdocs = write_tree(tmp_path / "mk", {"index.html": PAGE % MKDOCS_TAG, "a/index.html": PAGE % MKDOCS_TAG,
                                          "sitemap.xml": b"<lastmod>2026-12-01</lastmod>"})
    properdocs = write_tree(tmp_path / "pd", {"index.html": (PAGE % PROPERDOCS_TAG).replace(b"MOU", b"MOUs"),
                                              "b/index.html": PAGE % PROPERDOCS_TAG,
                                              "sitemap.xml": b"<lastmod>2026-12-02</lastmod>"})
    result = compare_engines.compare(mkdocs, properdocs)
    assert result.same is False
    assert (result.changed, result.only_mkdocs, result.only_properdocs) == (["index.html", "sitemap.xml"], ["a/index.html"], ["b/index.html"])
    text = compare_engines.report(result, mkdocs, properdocs)
    assert "  differs beyond the generator tag: sitemap.xml\n" in text
    assert "-<lastmod>2026-12-01</lastmod>\n+<lastmod>2026-12-02</lastmod>" in text
    assert text.endswith("Different sites: 4 files differ beyond the generator tag.")


def test_two_builds_by_one_engine_are_not_a_comparison(tmp_path):
    mkdocs = write_tree(tmp_path / "mk", {"index.html": PAGE % MKDOCS_TAG})
    also_mkdocs = write_tree(tmp_path / "pd", {"index.html": PAGE % MKDOCS_TAG})
    result = compare_engines.compare(mkdocs, also_mkdocs)
    assert result.wrong_engine() == ["a ProperDocs page's generator tag does not name ProperDocs: 'mkdocs-1.6.1, mkdocs-material-9.8.1'"]
    assert result.same is False


def test_build_epoch_is_the_mtime_in_the_sitemap_gzip_header(tmp_path):
    midnight = 1764547200  # 2025-12-01T00:00:00Z
    with gzip.GzipFile(tmp_path / "sitemap.xml.gz", "wb", mtime=midnight) as out:
        out.write(b"<urlset/>")
    assert compare_engines.build_epoch(tmp_path) == midnight


def pin(lock: str, package: str) -> str:
    return re.search(rf"^{re.escape(package)}==(\S+)", (REPO / lock).read_text(), re.MULTILINE).group(1)


def test_properdocs_builds_the_same_site(site_dir):
    made = subprocess.run(["make", "-s", ".venv-properdocs/.site"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stdout + made.stderr
    done = subprocess.run([sys.executable, str(REPO / "tools" / "compare_engines.py"), "--mkdocs-site", str(site_dir)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    material = pin("requirements.txt", "mkdocs-material")
    assert pin("requirements-properdocs.txt", "mkdocs-material") == material
    assert done.stdout.splitlines()[1:] == [
        f"Compared {len(files)} files: {len(pages)} differ only in their generator tag, {len(files) - len(pages)} are byte for byte the same.",
        f"  MkDocs:      generator 'mkdocs-{pin('requirements.txt', 'mkdocs')}, mkdocs-material-{material}'",
        f"  ProperDocs:  generator 'mkdocs-ProperDocs {pin('requirements-properdocs.txt', 'properdocs')}, mkdocs-material-{material}'",
        "Same site: the engines differ only in the generator tag.",
    ]
