"""Compile every requirements*.in in a folder into its hashed lock (requirements*.txt) with pip-tools.

`make lock` runs this on the project; tests/test_conventions.py runs it on a copy and compares,
so the flags live here once. pip-compile keeps the pins already in a lock and changes only what
the .in files force, unless --upgrade is given (`make lock UPGRADE=1`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

# Hashes for `pip install --require-hashes`; pip and setuptools pinned too (pip-tools needs them,
# and hash-checking mode refuses an unhashed package); no index or find-links lines, which would
# name this machine's pip configuration; LF endings, so the file is the same bytes everywhere.
FLAGS = ("--quiet", "--generate-hashes", "--allow-unsafe", "--strip-extras",
         "--no-emit-index-url", "--no-emit-find-links", "--newline=lf")

# The header of each lock names this command instead of the pip-compile line.
COMPILE_COMMAND = "make lock"


def in_files(folder: Path) -> list[Path]:
    """Each .in after the .in files whose locks it reads (-r/-c lines: requirements.in first, then
    requirements-test.in before requirements-mutate.in), so it is compiled against their fresh pins."""
    found = sorted(folder.glob("requirements*.in"))
    ordered: list[Path] = []

    def place(source: Path) -> None:
        if source in ordered:
            return
        for line in source.read_text(encoding="utf-8").splitlines():
            option, _, name = line.partition(" ")
            needed = folder / (name.strip().removesuffix(".txt").removesuffix(".in") + ".in")
            if option in ("-r", "-c") and needed in found and needed != source:
                place(needed)
        ordered.append(source)

    for source in found:
        place(source)
    return ordered


def lock_of(source: Path) -> Path:
    return source.with_suffix(".txt")


def compile_locks(folder: Path, upgrade: bool = False) -> list[Path]:
    """Compile each .in in folder, in order; return the locks written. Stops at the first failure."""
    env = {**os.environ, "CUSTOM_COMPILE_COMMAND": COMPILE_COMMAND}
    written = []
    for source in in_files(folder):
        lock = lock_of(source)
        command = [sys.executable, "-m", "piptools", "compile", *FLAGS, *(["--upgrade"] if upgrade else []),
                   f"--output-file={lock.name}", source.name]
        subprocess.run(command, cwd=folder, env=env, check=True)
        written.append(lock)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path.cwd(), help="where the .in files are (default: here)")
    parser.add_argument("--upgrade", action="store_true", help="take the newest releases the .in pins allow")
    args = parser.parse_args()
    try:
        locks = compile_locks(args.folder, args.upgrade)
    except subprocess.CalledProcessError as error:
        print(f"lock: pip-compile failed (exit {error.returncode})", file=sys.stderr)
        return 1
    print("Locked: " + ", ".join(lock.name for lock in locks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
