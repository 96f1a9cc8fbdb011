"""Which section of its module teaches a quiz question: heading ids, and the check of `section:`.

A question may name the heading of its module that teaches it (`section: ask-for-a-stage-update`);
a learner who misses the question is linked there. The ids are those the built page will have, so the module's title and body are converted with the
site's own Markdown extensions (the hook passes `markdown_extensions` from mkdocs.yml): a heading
inside an HTML comment or raw HTML is no heading, one inside an admonition is, and `(c)` turns into
a symbol before the toc extension makes the id. Imitating that on the heading lines alone let ids
through that the page does not have, and the build then failed after MkDocs had cleaned `site/`.
Converting all ten modules takes under a tenth of a second. Plain Python-Markdown, no MkDocs: this
runs while content is checked, before MkDocs writes anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .markdown_setup import SITE_MARKDOWN, ConversionRefused, MarkdownSetup, convert_within_stack  # noqa: F401 (MarkdownSetup: imported from here by the hooks)
from .modules import Module
from .problems import Problem
from .quizzes import Question, Quiz
from .yaml_source import field_name

_NAMEABLE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # the schema's form for `section:` (no toc `_1` repeats)


@dataclass(frozen=True)
class Section:
    id: str
    title: str




@cache
def module_page(title: str, body: str, setup: MarkdownSetup) -> tuple[str, tuple[Section, ...]]:
    """A module page's HTML, title first, and its sections: converted once for the section ids here and
    the section times of the role paths. ('', ()) when the text cannot be converted (the module's own
    check says why: rendered_html)."""
    md = setup.converter()
    try:
        html = convert_within_stack(md, "# " + title + "\n\n" + body)
    except ConversionRefused:
        return "", ()

    def walk(tokens):
        for token in tokens:
            yield Section(token["id"], token["name"])
            yield from walk(token["children"])

    return html, tuple(walk(md.toc_tokens))[1:]  # the first is the page title


def sections(module: Module, setup: MarkdownSetup = SITE_MARKDOWN) -> tuple[Section, ...]:
    """The module page's sections in order, as the built page will have them (the title left out)."""
    return module_page(module.title, module.body, setup)[1]


def section_of(module: Module, section_id: str, setup: MarkdownSetup = SITE_MARKDOWN) -> Section | None:
    return next((s for s in sections(module, setup) if s.id == section_id), None)


def taught_in(question: Question, parent: Question | None = None) -> str:
    """A question's own section, else its scenario's; empty means the module page as a whole."""
    return question.section or (parent.section if parent else "")


def _with_parents(quiz: Quiz) -> Iterator[tuple[Question, Question | None]]:
    for question in quiz.questions:
        yield question, None
        for sub in question.questions:
            yield sub, question


def check_sections(quizzes: list[Quiz], modules: list[Module], setup: MarkdownSetup = SITE_MARKDOWN,
                   check=None) -> list[Problem]:
    """Every `section:` names a heading id of its module: a quiz's module, or for a check question
    the module it names (a module that does not exist is told elsewhere)."""
    by_id = {m.id: m for m in modules}
    wanted = [(quiz, question, quiz.module) for quiz in quizzes for question, _ in _with_parents(quiz)]
    if check is not None:
        wanted += [(check, item.question, item.module) for item in check.items]
    problems = []
    for source, question, module_id in wanted:
        module = by_id.get(module_id)
        if module is not None and question.section and section_of(module, question.section, setup) is None:
            path = question.path + ("section",)
            known = [s.id for s in sections(module, setup) if _NAMEABLE.match(s.id)]
            problems.append(Problem(source.source, source.doc.line_of(path), field_name(path),
                                    f"no heading '{question.section}' in {module.source}",
                                    "use one of: " + ", ".join(known) if known
                                    else f"give a heading of {module.source} an id such as {{#ask-early}}, "
                                    "or leave section out"))
    return problems


def study_links(quiz: Quiz, module: Module, setup: MarkdownSetup = SITE_MARKDOWN) -> dict[str, Section]:
    """Each scored question's place to read again: its section, or the module page (id '')."""
    whole = Section("", module.title)
    links = {}
    for question, parent in _with_parents(quiz):
        if question.type != "scenario":
            wanted = taught_in(question, parent)
            links[question.id] = (section_of(module, wanted, setup) if wanted else None) or whole
    return links
