"""Refuse symbolic links that would carry files from elsewhere into the site (issue 13).

Git stores a symbolic link as a file, so a contribution can hold `training/mou-template.md ->
/etc/passwd`: the build followed it and printed the system file in every print pack. MkDocs
follows links too, and copies every file under `docs/` into `site/` as it is, so a linked
`docs/notes.txt` would publish whatever it points at, `.git/config` included (where CI checkouts
keep their access token). A link is accepted only when it ends at a file or folder in the content
areas these checks read (modules/, quizzes/, training/, the docs folder, local.yml); anything else
is a located problem, found before any linked file is opened (a link to /dev/zero would never
finish reading).

MkDocs walks `docs/` following folder links, so a folder linked to one it is already inside would
make the walk go on until the system gives up; such links are refused too. The walk here follows
only links it has accepted, and never enters a folder twice, so it ends on any input. The same walk
refuses, before any file is opened, what is not an ordinary file or folder, what cannot be read,
and names the loaders or MkDocs would skip or mangle (entries.py). `schemas/`
and `overrides/` are the project's code, like `hooks/`, and are not walked: the tests link them.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from .entries import entry_problems
from .problems import Problem

FOLDERS = ("modules", "quizzes", "training")  # and the docs folder
SETTINGS = "local.yml"


def link_problems(root: Path, docs_dir: Path) -> list[Problem]:
    """Every symbolic link in the content areas (or standing in for one) that leads where it may not.

    `docs_dir` is MkDocs' docs folder, absolute or relative to `root`.
    """
    given, root = root.absolute(), Path(os.path.realpath(root))
    docs_dir = given / docs_dir if not docs_dir.is_absolute() else docs_dir
    docs_dir = root / docs_dir.relative_to(given) if docs_dir.is_relative_to(given) else docs_dir
    tops = [root / name for name in FOLDERS] + [docs_dir, root / SETTINGS]
    tops = [top for top in tops if os.path.lexists(top)]
    areas = [top for top in tops if os.path.realpath(top) == str(top)]  # reached without a link
    names = [f"{name}/" for name in FOLDERS] + [_display(docs_dir, root) + "/"]
    allowed = Allowed(root, areas, ", ".join(names) + " or " + SETTINGS)
    problems = _settings_names(root)
    for top in tops:
        if top not in areas:  # the area itself, or a folder on the way to it, is a link
            problem = _refused(top, allowed, ancestors=())
            if problem:
                problems.append(problem)
                continue
        place = None if top == docs_dir else "" if top.name == SETTINGS else top.name
        found, enter = entry_problems(str(top), _display(top, root), place, "file" if top.name == SETTINGS else "folder")
        problems += found
        if enter:
            problems += _walk(top, allowed, place)
    return problems


def _settings_names(root: Path) -> list[Problem]:
    """local.YML or local.yaml would be skipped without a word: the loader opens local.yml only."""
    try:
        names = os.listdir(root)
    except OSError:
        return []
    return [Problem(name, 1, "file", "is not read by the build under this name, so it would be left out",
                    f"rename it to {SETTINGS}")
            for name in sorted(names) if name != SETTINGS and name.lower() in (SETTINGS, "local.yaml")]


@dataclass(frozen=True)
class Allowed:
    """Where a link may lead: inside `root`, into one of `areas` (named in messages by `names`)."""

    root: Path
    areas: list[Path]
    names: str


def _walk(top: Path, allowed: Allowed, place: str | None) -> list[Problem]:
    """Check each entry under `top` (entries.py), and each link, descending into accepted folder
    links as MkDocs would. `place` is the content folder's name, None for the docs folder."""
    problems = []
    pending = [(top, (os.path.realpath(top),))]
    seen: set[str] = set()
    while pending:
        folder, ancestors = pending.pop()
        if ancestors[-1] in seen:
            continue
        seen.add(ancestors[-1])
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:  # Path.glob would hide it, and the site would lose the folder's files
            display = _display(folder, allowed.root)
            problems.append(Problem(display, 1, "folder", f"cannot be opened ({error.strerror}), so its files "
                                                          "would be left out",
                                    f"make it readable (chmod u+rx {display}), or remove it"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                problem = _refused(path, allowed, ancestors)
                if problem:
                    problems.append(problem)
                    continue
            inner = None if place is None else _display(folder, allowed.root)
            found, enter = entry_problems(entry.path, _display(path, allowed.root), inner)
            problems += found
            if enter:  # follows an accepted link, as MkDocs does
                pending.append((path, ancestors + (os.path.realpath(path),)))
    return problems


def _refused(path: Path, allowed: Allowed, ancestors: tuple[str, ...]) -> Problem | None:
    """Why the link at `path` may not be followed, or None when it leads to content."""
    root, display = allowed.root, _display(path, allowed.root)
    target = _shown(os.readlink(path)) if path.is_symlink() else _shown(os.path.realpath(path))
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(root):
        kind = "folder" if real.is_dir() else "file"
        return Problem(display, 1, kind, f"is a symbolic link to a place outside the project ({target})",
                       f"copy the {kind} into the project instead of linking to it")
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(display, 1, "file", f"is a symbolic link that leads back to itself ({target})",
                           "replace the link with the file itself")
        return Problem(display, 1, "file", f"is a symbolic link to a file that does not exist ({target})",
                       "replace the link with the file itself, or remove it")
    kind = "folder" if real.is_dir() else "file"
    if not any(real.is_relative_to(area) for area in allowed.areas):
        return Problem(display, 1, kind, f"is a symbolic link to a place in the project that is not content ({target})",
                       f"link only to files in {allowed.names}, or copy the {kind} here instead of linking to it")
    if kind == "folder" and any(ancestor == str(real) or ancestor.startswith(str(real) + os.sep)
                                for ancestor in ancestors):
        return Problem(display, 1, kind, f"is a symbolic link to a folder it is inside ({target}), "
                                         "so the site would contain itself without end",
                       "remove the link")
    return None


def _display(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _shown(target: str) -> str:
    """The link's target as written, with anything that could break the message's line escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in target)
