"""Commands for authors that need no site build: `python -m common_agenda check|lint [PROJECT]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

from . import content_check, item_lint, site_config
from .content import lint_report, load_content
from .problems import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m common_agenda")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every content file as the build does, without building; exit 1 on a problem")
    check.add_argument("project", nargs="?", default=".", type=Path, help="the folder holding mkdocs.yml (default: .)")
    lint = commands.add_parser("lint", help="print the item-writing figures of every quiz and the check, and any breach")
    lint.add_argument("project", nargs="?", default=".", type=Path, help="the folder holding mkdocs.yml (default: .)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.project.resolve())
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


def _check(root: Path) -> int:
    started = time.perf_counter()
    try:
        site = site_config.read(root)
    except (OSError, yaml.YAMLError) as error:
        print(f"Common Agenda: cannot read {root / site_config.CONFIG_FILE}: {error}", file=sys.stderr)
        return 1
    try:
        content = content_check.checked(root, site)
    except ContentError as error:
        count = len(error.problems)
        print(f"Common Agenda: {count} {'problem' if count == 1 else 'problems'} in the content:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        print("Fix the lines above and check again; the build stops on these.", file=sys.stderr)
        return 1
    print(f"Content OK: {content_check.counted(content, root)} checked in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
