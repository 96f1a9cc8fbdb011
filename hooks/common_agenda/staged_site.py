"""Build the site beside the old one and swap it in only when the whole build has succeeded.

MkDocs empties `site/` early, before it renders a page; anything that fails afterwards - a check
over the rendered HTML, a broken link found by MkDocs' own validation in strict mode, a bug -
would leave the reader with no site at all. The checks of the content loader run before that,
but a guarantee should not depend on every check being early: the build writes to
`<site>.partial-<pid>`, and the finished folder replaces `site/` in two renames. A failed build
deletes its partial folder and leaves `site/` exactly as it was.

Each build has its own partial and old folder (two builds at once used to share one and publish
a truncated site), folders left by a killed build are removed by the next, and a site folder
that leads to the project's own sources (`site -> docs`) is refused before anything is emptied.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
from pathlib import Path


class StagedSiteError(Exception):
    """The site folder cannot be used or replaced; the message says why and what to do."""


class StagedSite:
    def __init__(self, final: Path, protected: tuple[Path, ...] = ()):
        """`protected`: folders the site must never be, contain or sit inside (the sources)."""
        self.final = final
        self.protected = protected
        self.partial = final.with_name(f"{final.name}.partial-{os.getpid()}")
        self.succeeded = False

    def start(self) -> str:
        """Where MkDocs should write: a fresh partial folder, once the final one is known to be safe."""
        target = self.final.resolve()
        for source in self.protected:
            source = source.resolve()
            if target == source or target.is_relative_to(source) or source.is_relative_to(target):
                raise StagedSiteError(
                    f"site_dir {self.final} leads to {target}, which holds or is part of {source}: building "
                    "there would delete the sources. Point site_dir (or the link) at a folder of its own.")
        with contextlib.suppress(OSError):  # as MkDocs makes a site folder's missing parents (sites/<agency>)
            self.final.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(self.final.parent, os.W_OK):
            raise StagedSiteError(f"cannot write in {self.final.parent}, where the site is built: "
                                  "make the folder writable or pass another --site-dir")
        for leftover in self.final.parent.glob(f"{glob.escape(self.final.name)}.*-*"):
            if leftover.name.rsplit("-", 1)[-1].isdigit() and not _running(int(leftover.name.rsplit("-", 1)[-1])):
                shutil.rmtree(leftover, ignore_errors=True)  # left by a build that was killed
        shutil.rmtree(self.partial, ignore_errors=True)
        return str(self.partial)

    def failed(self) -> None:
        self.succeeded = False
        shutil.rmtree(self.partial, ignore_errors=True)

    def finish(self) -> None:
        """Put the partial folder in place of the final one; the old one goes only once that worked."""
        if not self.succeeded or not self.partial.is_dir():
            return
        try:
            if self.final.is_symlink() or self.final.is_mount():
                self._replace_contents()
                return
            old = self.final.with_name(f"{self.final.name}.old-{os.getpid()}")
            if self.final.exists():
                self.final.rename(old)
            self.partial.rename(self.final)
            shutil.rmtree(old, ignore_errors=True)
        except OSError as error:
            raise StagedSiteError(f"the new site is built in {self.partial} but could not replace {self.final} "
                                  f"({error.strerror or error}): fix the folder's permissions, then build again, "
                                  f"or publish {self.partial} yourself") from None

    def _replace_contents(self) -> None:
        """A mounted or linked site/ cannot be renamed: empty it and move the new files in."""
        target = self.final.resolve()
        target.mkdir(parents=True, exist_ok=True)
        for child in target.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        for child in self.partial.iterdir():
            shutil.move(str(child), target / child.name)
        self.partial.rmdir()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # pragma: no mutate (another signal would reach the pid: the test process itself)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
