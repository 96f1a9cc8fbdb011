"""Commands for authors that need no site build: `python -m common_agenda lint [PROJECT]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import item_lint
from .content import lint_report, load_content
from .problems import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m common_agenda")
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("lint", help="print the item-writing figures of every quiz and the check, and any breach")
    lint.add_argument("project", nargs="?", default=".", type=Path, help="the folder holding mkdocs.yml (default: .)")
    args = parser.parse_args(argv)
    try:
        content = load_content(args.project.resolve(), lint_items=False)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    report = lint_report(content.quizzes, content.check, content.check_questions, content.plans)
    print(item_lint.table(report))
    if report.problems:
        print(f"\n{len(report.problems)} item-writing problem(s); the build stops on these:")
        for problem in sorted(set(report.problems)):
            print(f"  {problem}")
        return 1
    print("\nEvery quiz passes the item-writing rules.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
