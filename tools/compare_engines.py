"""Build the site with ProperDocs and with MkDocs and compare the two trees file by file.

ProperDocs is the fallback engine (MAINTAINING.md): if MkDocs 1.6.1 stops installing or working,
we switch to it. That is only a plan if ProperDocs still builds this site, hooks and all, under
`--strict`, to the same bytes. Measured on the real site, one thing differs and is allowed to:
the `<meta name="generator" content="...">` tag Material writes into every page, which names the
engine ("mkdocs-1.6.1, ..." against "mkdocs-ProperDocs 1.6.7, ..."). It is blanked before pages
are compared, and each tree must name its own engine there, so two builds by the same engine
cannot pass for a comparison.

Dates would differ too if the builds fell on different days: both engines date the sitemap
(`<lastmod>`, and the gzip header of sitemap.xml.gz) with the build day. Rather than blanking
them, both builds get the same SOURCE_DATE_EPOCH, which both engines honour; a reused MkDocs
site (`--mkdocs-site`, the test suite's own build) gives its build day, read from its
sitemap.xml.gz, to the ProperDocs build. Everything else, the search index included, must be
identical.

Exit status: 0 same site, 1 any other difference (each file named), 2 a build failed.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROPERDOCS = REPO / ".venv-properdocs" / "bin" / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
BLANK_GENERATOR = b'<meta name="generator" content="">'
SHOWN_DIFFS = 3


def normalise(relpath: str, data: bytes) -> tuple[bytes, str | None]:
    """The file with its generator tag blanked, and what the tag said (None for no tag).

    Only the first tag of an HTML page is blanked: Material writes one, in the head. The same
    text anywhere else (a page quoting it, the search index) must still match.
    """
    if not relpath.endswith(".html"):
        return data, None
    found = GENERATOR.search(data)
    if found is None:
        return data, None
    return data[:found.start()] + BLANK_GENERATOR + data[found.end():], found.group(1).decode()


@dataclass
class Comparison:
    files: int = 0
    generator_only: int = 0
    changed: list[str] = field(default_factory=list)
    only_mkdocs: list[str] = field(default_factory=list)
    only_properdocs: list[str] = field(default_factory=list)
    generators: dict[str, set[str]] = field(default_factory=lambda: {"MkDocs": set(), "ProperDocs": set()})

    @property
    def same(self) -> bool:
        return not (self.changed or self.only_mkdocs or self.only_properdocs or self.wrong_engine())

    def wrong_engine(self) -> list[str]:
        """Why the trees cannot be the two engines' builds: each must name its engine in every tag."""
        wrong = [f"a MkDocs page's generator tag names ProperDocs: {g!r}" for g in sorted(self.generators["MkDocs"]) if "ProperDocs" in g]
        wrong += [f"a ProperDocs page's generator tag does not name ProperDocs: {g!r}"
                  for g in sorted(self.generators["ProperDocs"]) if "ProperDocs" not in g]
        if self.files and not self.generators["ProperDocs"]:
            wrong.append("no page carries a generator tag, so nothing shows which engine built it")
        return wrong


def site_files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def compare(mkdocs_site: Path, properdocs_site: Path) -> Comparison:
    ours, theirs = site_files(mkdocs_site), site_files(properdocs_site)
    result = Comparison(only_mkdocs=sorted(ours.keys() - theirs.keys()), only_properdocs=sorted(theirs.keys() - ours.keys()))
    for relpath in sorted(ours.keys() & theirs.keys()):
        result.files += 1
        raw_m, raw_p = ours[relpath].read_bytes(), theirs[relpath].read_bytes()
        norm_m, gen_m = normalise(relpath, raw_m)
        norm_p, gen_p = normalise(relpath, raw_p)
        for engine, generator in (("MkDocs", gen_m), ("ProperDocs", gen_p)):
            if generator is not None:
                result.generators[engine].add(generator)
        if norm_m != norm_p:
            result.changed.append(relpath)
        elif raw_m != raw_p:
            result.generator_only += 1
    return result


def excerpt(relpath: str, mkdocs_site: Path, properdocs_site: Path, lines: int = 12) -> str:
    """The start of a unified diff of one changed file (after normalising), to see what moved."""
    texts = [normalise(relpath, (site / relpath).read_bytes())[0].decode("utf-8", "replace").splitlines()
             for site in (mkdocs_site, properdocs_site)]
    diff = difflib.unified_diff(*texts, f"mkdocs/{relpath}", f"properdocs/{relpath}", lineterm="", n=1)
    return "\n".join(line[:200] for line in list(diff)[:lines])


def report(result: Comparison, mkdocs_site: Path, properdocs_site: Path) -> str:
    out = [f"Compared {result.files} files: {result.generator_only} differ only in their generator tag, "
           f"{result.files - result.generator_only - len(result.changed)} are byte for byte the same."]
    for engine in ("MkDocs", "ProperDocs"):
        out.append(f"  {engine + ':':<12} generator {', '.join(repr(g) for g in sorted(result.generators[engine])) or '(none)'}")
    if result.same:
        out.append("Same site: the engines differ only in the generator tag.")
        return "\n".join(out)
    out += [f"  {problem}" for problem in result.wrong_engine()]
    out += [f"  only in MkDocs's build: {p}" for p in result.only_mkdocs]
    out += [f"  only in ProperDocs's build: {p}" for p in result.only_properdocs]
    out += [f"  differs beyond the generator tag: {p}" for p in result.changed]
    out += [excerpt(p, mkdocs_site, properdocs_site) for p in result.changed[:SHOWN_DIFFS]]
    count = len(result.changed) + len(result.only_mkdocs) + len(result.only_properdocs)
    if count:
        out.append(f"Different sites: {count} file{'s' if count != 1 else ''} differ beyond the generator tag.")
    else:
        out.append("Not a comparison of the two engines: the generator tags above say which built each tree.")
    return "\n".join(out)


def build_epoch(site: Path) -> int:
    """The build day of a MkDocs site, as SOURCE_DATE_EPOCH: the mtime in its sitemap.xml.gz header.

    Both engines write the build day's midnight (UTC) there, the day the sitemap's <lastmod> gives.
    """
    header = (site / "sitemap.xml.gz").read_bytes()[:8]
    return int.from_bytes(header[4:8], "little")


def build(engine: str, command: list[str], site: Path, epoch: int) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch))
    started = time.perf_counter()
    done = subprocess.run([*command, "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{engine} build failed (exit {done.returncode}):\n{done.stdout}{done.stderr}", file=sys.stderr)
        raise SystemExit(2)
    print(f"{engine} built the site in {time.perf_counter() - started:.1f} s.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mkdocs-site", type=Path, help="a MkDocs build of this checkout to reuse instead of building one")
    parser.add_argument("--properdocs", type=Path, default=PROPERDOCS, help=f"the properdocs command (default {PROPERDOCS.relative_to(REPO)})")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-engines-") as scratch:
        properdocs_site = Path(scratch) / "properdocs"
        if args.mkdocs_site:
            mkdocs_site = args.mkdocs_site.resolve()
            epoch = build_epoch(mkdocs_site)
        else:
            mkdocs_site, epoch = Path(scratch) / "mkdocs", int(time.time())
            build("MkDocs", [sys.executable, "-m", "mkdocs"], mkdocs_site, epoch)
        build("ProperDocs", [str(args.properdocs)], properdocs_site, epoch)
        result = compare(mkdocs_site, properdocs_site)
        print(report(result, mkdocs_site, properdocs_site))
    return 0 if result.same else 1


if __name__ == "__main__":
    sys.exit(main())
