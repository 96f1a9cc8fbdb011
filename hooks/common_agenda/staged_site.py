"""Build the site beside the old one and swap it in only when the whole build has succeeded.

MkDocs empties `site/` early, before it renders a page; anything that fails afterwards - a check
over the rendered HTML, a broken link found by MkDocs' own validation in strict mode, a bug -
would leave the reader with no site at all. The checks of the content loader run before that,
but a guarantee should not depend on every check being early: the build writes to
`<site>.partial`, and the finished folder replaces `site/` in two renames. A failed build
deletes its partial folder and leaves `site/` exactly as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class StagedSite:
    def __init__(self, final: Path):
        self.final = final
        self.partial = final.with_name(final.name + ".partial")
        self.succeeded = False

    def start(self) -> str:
        """Where MkDocs should write: an empty partial folder (a crashed build's is removed)."""
        shutil.rmtree(self.partial, ignore_errors=True)
        return str(self.partial)

    def failed(self) -> None:
        self.succeeded = False
        shutil.rmtree(self.partial, ignore_errors=True)

    def finish(self) -> None:
        """Put the partial folder in place of the final one; the old one goes only once that worked."""
        if not self.succeeded or not self.partial.is_dir():
            return
        old = self.final.with_name(self.final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.final.is_symlink() or self.final.is_mount():
            self._replace_contents()
            return
        if self.final.exists():
            self.final.rename(old)
        self.partial.rename(self.final)
        shutil.rmtree(old, ignore_errors=True)

    def _replace_contents(self) -> None:
        """A mounted or linked site/ cannot be renamed: empty it and move the new files in."""
        for child in self.final.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        for child in self.partial.iterdir():
            shutil.move(str(child), self.final / child.name)
        self.partial.rmdir()
