"""What the walk of the content areas (symlinks.py) refuses besides links, found without opening any file.

Issue 13: `mkfifo modules/fifo.md` made the build wait forever on a read, and MkDocs too for one in
docs/; a folder the build may not list hid every quiz (Path.glob keeps quiet about it); a folder
named `quizzes/x.yml` was reported as a missing file; `quizzes/x.YML` was skipped with exit 0; a
file named `sg#x.md` passed every check and broke links MkDocs could not locate. Each is refused at
line 1 of the name the author sees, from `os.stat` and `os.access` alone.
"""

from __future__ import annotations

import os
import re
import stat

from .problems import Problem

# Characters a page address cannot carry as written (#, ?, %), or HTML and quoting take for markup.
UNSAFE_NAME = re.compile(r"[#?%<>\"'\\\x00-\x1f\x7f-\x9f]")
# What each loader reads, by folder: the endings it globs and the exact names it opens.
READ = {
    "modules": ((".md",), ("curriculum.yml", "source-points.yml", "glossary.yml")),
    "quizzes": ((".yml", ".yaml"), ()),
    "training": ((), ("activities.yml", "checks.yml", "evaluation.yml", "mou-template.md")),
    "training/scenarios": ((".yml",), ()),
    "training/plans": ((".yml",), ()),
    "training/scripts": ((".yml",), ()),
    "training/duties": ((".yml",), ()),
    "": ((), ("local.yml",)),
}
CONTENT_ENDINGS = (".md", ".yml", ".yaml")
KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
         (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def entry_problems(path: str, display: str, place: str | None, expect: str | None = None) -> tuple[list[Problem], bool]:
    """Problems with one walked entry, and whether the walk may go into it.

    `place` is the content folder holding it ("quizzes", "training/plans", "" for the project
    root), None in the docs folder; `expect` is "file" or "folder" for an area itself.
    """
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in display)
    name = os.path.basename(path)
    if expect is None and UNSAFE_NAME.search(name):
        return [Problem(shown, 1, "file", "has a name with a character a web address or a page cannot carry "
                                          "(# ? % < > \" ' \\ or an invisible one)",
                        "rename it using letters, digits, - and _")], False
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return [Problem(shown, 1, "file", f"cannot be read ({error.strerror})", "make it readable, or remove it")], False
    if stat.S_ISDIR(mode):
        if expect == "file" or (expect is None and place is not None and name.lower().endswith(CONTENT_ENDINGS)):
            return [Problem(shown, 1, "folder", "is a folder where the build expects a file",
                            f"replace the folder with the file {display}, or remove it")], False
        if not os.access(path, os.R_OK | os.X_OK):
            return [Problem(shown, 1, "folder", "cannot be opened (no permission to list it), so its files "
                                                "would be left out", f"make it readable (chmod u+rx {display}), or remove it")], False
        return [], True
    if not stat.S_ISREG(mode):
        kind = next((word for test, word in KINDS if test(mode)), "not an ordinary file")
        return [Problem(shown, 1, "file", f"is {kind}, not an ordinary file: the build would wait on it or fail",
                        "replace it with an ordinary file, or remove it")], False
    if expect == "folder":
        return [Problem(shown, 1, "file", "is a file where the build expects a folder",
                        f"replace it with the folder {display}/, or remove it")], False
    if not os.access(path, os.R_OK):
        return [Problem(shown, 1, "file", "cannot be read (no permission)",
                        f"make it readable (chmod a+r {display}), or remove it")], False
    wanted = _renamed(name, place) if expect is None and place is not None else None
    if wanted:
        return [Problem(shown, 1, "file", "is not read by the build under this name, so it would be left out",
                        f"rename it to {wanted}")], False
    return [], False


def _renamed(name: str, place: str) -> str | None:
    """The name the loader for `place` reads, when `name` differs from it only in case or .yaml/.yml."""
    if place not in READ:
        return None
    endings, names = READ[place]
    if name in names or name.endswith(endings) or name.lower() == "readme.md":
        return None
    lower = name.lower()
    for known in names:
        if lower in (known, known.replace(".yml", ".yaml")):
            return known
    stem, ending = os.path.splitext(name)
    ending = ending.lower()
    if ending in endings:
        return stem + ending
    if ending in (".yml", ".yaml") and ".yml" in endings:
        return stem + ".yml"
    return None
