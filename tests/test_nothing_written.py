"""A failed build leaves the previous site/ byte for byte, whatever kind of failure it is.

test_bad_inputs proves it for content errors found while loading; the build can also fail later,
after MkDocs would have emptied site/: a strict-mode warning (a broken link or anchor, a nav entry
naming no page), an exception in a hook while pages are assembled or after they are written, or
an error in a theme template. Each is planted in a copy of one good tiny site built with the real
hooks (hooks/staged_site.py swaps the new site in only on success).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from sitekit import REPO, TinySite, module_text, read_config

PARTS = "site.partial-", "site.old-"
NAV = "- Home: index.md\n- Modules: modules/*.md\n- Other: other.md"


class ThemedSite(TinySite):
    """A tiny site whose theme overrides are a copy, so a test can break one template."""

    def config(self) -> str:
        return super().config().replace(f"custom_dir: {REPO / 'overrides'}", f"custom_dir: {self.root / 'overrides'}")


def raising_hook(event: str) -> str:
    return f"def {event}(*args, **kwargs):\n    raise RuntimeError('planted fault in {event}')\n"


def content_error(site: TinySite) -> None:
    site.add_module(text=module_text(minutes='"twenty"'), in_order=False)


def broken_link_in_module(site: TinySite) -> None:
    site.add_module(text=module_text() + "\nSee [the missing page](../../nowhere.md).\n", in_order=False)


def missing_anchor(site: TinySite) -> None:
    site.write("docs/other.md", "# Other\n\nBack to [the no such part](index.md#no-such-part).\n")


def nav_names_missing_page(site: TinySite) -> None:
    site.nav = NAV + "\n- Gone: gone.md"


def raise_in(event: str):
    def plant(site: TinySite) -> None:
        site.extra_hooks = [site.write(f"planted_{event}.py", raising_hook(event))]
    return plant


def jinja_error(site: TinySite) -> None:
    main = site.root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")


# Each failure, and the line that proves the build failed for that reason and not another.
FAILURES = {
    "content error": (content_error, "modules/shared-goals.md:6: minutes: must be a whole number"),
    "broken link in a module body": (
        broken_link_in_module, "contains a link '../../nowhere.md', but the target '../nowhere.md' is not found"),
    "missing anchor in a docs page": (missing_anchor, "the doc 'index.md' does not contain an anchor '#no-such-part'"),
    "nav naming a missing page": (nav_names_missing_page, "A reference to 'gone.md' is included in the 'nav'"),
    "exception in on_post_page": (raise_in("on_post_page"), "RuntimeError: planted fault in on_post_page"),
    "exception in a late on_post_build": (raise_in("on_post_build"), "RuntimeError: planted fault in on_post_build"),
    "Jinja error in overrides/main.html": (jinja_error, "jinja2.exceptions.TemplateSyntaxError"),
}


def tiny_site(root: Path) -> ThemedSite:
    """The good site every failure starts from: a module, two docs pages and the real site's link checks."""
    site = ThemedSite(root)
    shutil.copytree(REPO / "overrides", root / "overrides")
    site.add_module()
    site.write("docs/other.md", "# Other\n\nBack [home](index.md#home).\n")
    site.nav = NAV
    site.extra = yaml.safe_dump({"validation": {"links": read_config()["validation"]["links"]}})
    return site


def hashes(site_dir: Path) -> dict[str, str]:
    return {p.relative_to(site_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site_dir.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("good") / "project"
    built = tiny_site(root).build()
    assert built.returncode == 0, built.output
    return root


@pytest.mark.parametrize("kind", FAILURES)
def test_a_failed_build_leaves_the_previous_site_byte_for_byte(good, tmp_path, kind):
    root = tmp_path / "project"
    site = tiny_site(root)
    shutil.copytree(good / "site", root / "site")
    # A file no build writes: a new site swapped in (even one byte-identical to the old) loses it.
    (root / "site" / "previous-build.txt").write_text("the site as it was\n", encoding="utf-8")
    before = hashes(root / "site")
    assert {"index.html", "other/index.html", "modules/shared-goals/index.html", "previous-build.txt"} <= set(before)
    plant, cause = FAILURES[kind]
    plant(site)

    built = site.build()

    assert built.returncode != 0, built.output
    assert cause in built.output, built.output
    assert hashes(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(PARTS)] == []
    assert f"ERROR   -  Common Agenda: the build failed; {root / 'site'} was left as it was." in built.output


def test_the_good_site_builds_again_without_the_failure_line(good, tmp_path):
    """The control: the same sources, unbroken, build over the copied site and say nothing of a failure."""
    root = tmp_path / "project"
    site = tiny_site(root)
    shutil.copytree(good / "site", root / "site")
    built = site.build()
    assert built.returncode == 0, built.output
    assert "the build failed" not in built.output
    assert [p.name for p in root.iterdir() if p.name.startswith(PARTS)] == []

