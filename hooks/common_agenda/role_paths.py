"""Role paths and routes: what an officer, a provider and a facilitator read first, as data.

`modules/curriculum.yml` names, per role, a *core path* (whole modules or sections of them, at
most 90 minutes), the part of it to read in the next 15-20 minutes, and why. Everything else is
computed: a module's time from its `minutes`, a section's from its share of the module's words,
the full curriculum from each module's `audiences` and the teaching order. Nothing is typed twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .content import Content
from .markdown_setup import MarkdownSetup
from .modules import Module
from .problems import ContentError, Problem
from .quiz_sections import module_page, section_of
from .reference_data import load_yaml_file
from .render import render
from .yaml_source import YamlDoc, field_name

PATHS = {
    "police": ("paths/police.md", "Path for police officers"),
    "provider": ("paths/provider.md", "Path for service providers"),
}
ROUTES = {
    "police": ("start/police.md", "I'm a police officer"),
    "provider": ("start/provider.md", "I work with survivors"),
    "facilitator": ("start/facilitator.md", "I'm running a training"),
}
MODULES_INDEX_URI = "modules/index.md"
MODULES_INDEX_TITLE = "Training modules"
GUIDE_URI = "training/facilitator-guide.md"  # a page in docs/, the facilitator route's second stop
BRIEF_URI = "first-meeting.md"  # the two-page brief in docs/, read first on every route
CORE_LIMIT = 90   # minutes: a core path fits one sitting or one short session
NOW_LIMIT = 20    # minutes: the brief and the first sections, read right away
CURRICULUM = "modules/curriculum.yml"

_HEADING = re.compile(r"<h([1-6])\b[^>]*>", re.I)
_HEADING_ID = re.compile(r'\bid="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Part:
    """One stop on a path: a whole module (`section` empty) or one section of it, with its time."""

    module: Module
    section: str
    title: str      # the section's heading, or the module's title
    minutes: int

    @property
    def anchor(self) -> str:
        return f"#{self.section}" if self.section else ""


@dataclass(frozen=True)
class RolePath:
    """`modules` is the full curriculum for the audience (the step after the core path)."""

    audience: str
    uri: str
    title: str
    modules: tuple[Module, ...]
    core: tuple[Part, ...] = ()
    now: tuple[Part, ...] = ()
    why: str = ""

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def core_minutes(self) -> int:
        return sum(p.minutes for p in self.core)

    @property
    def now_minutes(self) -> int:
        return sum(p.minutes for p in self.now)

    @property
    def core_groups(self) -> list[tuple[Module, list[Part]]]:
        """Runs of parts from one module, so a table names each module once per run."""
        groups: list[tuple[Module, list[Part]]] = []
        for part in self.core:
            if groups and groups[-1][0].id == part.module.id:
                groups[-1][1].append(part)
            else:
                groups.append((part.module, [part]))
        return groups

    @property
    def core_modules(self) -> tuple[Module, ...]:
        """The modules the core path draws on, in the order it first reaches them."""
        seen: dict[str, Module] = {}
        for part in self.core:
            seen.setdefault(part.module.id, part.module)
        return tuple(seen.values())

    @property
    def route_uri(self) -> str:
        return ROUTES[self.audience][0]


# ---------------------------------------------------------------- section times


@cache
def _section_words(title: str, body: str, setup: MarkdownSetup) -> tuple[int, tuple[tuple[str, int], ...]]:
    """(words in the body, ((heading id, words from that heading to the next of its level or higher), ...)),
    counted in the page as the site's Markdown builds it, so ids match the page's anchors."""
    html = module_page(title, body, setup)[0]  # '' when it cannot be converted: the module's own check says why
    heads = [(m.start(), m.end(), int(m.group(1)), (_HEADING_ID.search(m.group(0)) or [None, ""])[1])
             for m in _HEADING.finditer(html)]
    if not heads:
        return 0, ()
    total = _words(html[heads[0][1]:])  # everything after the page title
    counts = []
    for index, (start, _, level, heading_id) in enumerate(heads[1:], start=1):
        end = next((s for s, _, lvl, _ in heads[index + 1:] if lvl <= level), len(html))
        if heading_id:
            counts.append((heading_id, _words(html[start:end])))
    return total, tuple(counts)


def _words(html: str) -> int:
    return len(_WORD.findall(_TAG.sub(" ", html)))


def section_minutes(module: Module, section: str, setup: MarkdownSetup) -> int | None:
    """The module's minutes times the section's share of its words, rounded, at least 1; None when
    the module has no such heading."""
    total, counts = _section_words(module.title, module.body, setup)
    words = dict(counts).get(section)
    if words is None or not total:
        return None
    return max(1, round(module.minutes * words / total))


def section_ids(module: Module, setup: MarkdownSetup) -> list[str]:
    return [heading_id for heading_id, _ in _section_words(module.title, module.body, setup)[1]]


def section_title(module: Module, section: str, setup: MarkdownSetup) -> str:
    found = section_of(module, section, setup)
    return found.title if found else section


# ---------------------------------------------------------------- the data


def _doc(content: Content) -> tuple[YamlDoc | None, list[Problem]]:
    layout = content.layout
    path = layout.modules_dir / "curriculum.yml"
    return load_yaml_file(path, layout.display(path), layout.schema("curriculum"))


def _parts(refs: list[str], where: tuple, doc: YamlDoc, content: Content) -> tuple[list[Part], list[Problem]]:
    by_id = {m.id: m for m in content.modules}
    parts, problems = [], []
    for index, ref in enumerate(refs):
        path = where + (index,)
        module_id, _, section = ref.partition("#")
        module = by_id.get(module_id)
        if module is None:
            problems.append(Problem(doc.display, doc.line_of(path), field_name(path),
                                    f"no module has the id '{module_id}'",
                                    "use a module id: " + ", ".join(m.id for m in content.modules)))
            continue
        if not section:
            parts.append(Part(module, "", module.title, module.minutes))
            continue
        minutes = section_minutes(module, section, content.markdown)
        if minutes is None:
            problems.append(Problem(doc.display, doc.line_of(path), field_name(path),
                                    f"no heading '{section}' in {module.source}",
                                    f"write '{module_id}' for the whole module, or '{module_id}#' and one of: "
                                    + ", ".join(section_ids(module, content.markdown))))
            continue
        parts.append(Part(module, section, section_title(module, section, content.markdown), minutes))
    return parts, problems


def _overlaps(parts: list[Part], where: tuple, doc: YamlDoc) -> list[Problem]:
    """A part named twice, or a section of a module the path already takes whole, would count twice."""
    problems, whole, seen, sectioned = [], set(), set(), set()
    for index, part in enumerate(parts):
        key = (part.module.id, part.section)
        repeat = key in seen or part.module.id in whole
        if repeat or (not part.section and part.module.id in sectioned):
            path = where + (index,)
            what = (f"'{part.module.id}{part.anchor}' is already on this path" if repeat else
                    f"the whole module '{part.module.id}' takes in sections of it named above on this path")
            problems.append(Problem(doc.display, doc.line_of(path), field_name(path), what,
                                    "name each module or section once (a whole module includes its sections)"))
        seen.add(key)
        (sectioned if part.section else whole).add(part.module.id)
    return problems


def load_paths(content: Content) -> tuple[list[RolePath], list[Problem]]:
    """Each role's path from curriculum.yml, with every problem in it (totals over the limits, unknown
    modules or headings, the two core paths alike)."""
    doc, problems = _doc(content)
    if doc is None:
        return [], problems
    return paths_from(doc, content)


def paths_from(doc: YamlDoc, content: Content) -> tuple[list[RolePath], list[Problem]]:
    """The paths of a curriculum document that passed its schema."""
    problems: list[Problem] = []
    roles = doc.data.get("paths")
    paths = []
    for audience, (uri, title) in PATHS.items():
        full = tuple(m for m in content.modules if audience in m.audiences)
        if roles is None:  # a project without core paths (a small test site): the full curriculum only
            paths.append(RolePath(audience, uri, title, full))
            continue
        entry = roles[audience]  # the schema requires both roles
        core, found = _parts(entry["core"], ("paths", audience, "core"), doc, content)
        problems += found + _overlaps(core, ("paths", audience, "core"), doc)
        now, found = _parts(entry["now"], ("paths", audience, "now"), doc, content)
        problems += found
        path = RolePath(audience, uri, title, full, tuple(core), tuple(now), entry["why"])
        problems += _limits(path, doc, content) if not found else []
        paths.append(path)
    if roles is not None and len(paths) == 2 and not problems and {(p.module.id, p.section) for p in paths[0].core} == \
            {(p.module.id, p.section) for p in paths[1].core}:
        problems.append(Problem(doc.display, doc.line_of(("paths",)), "paths",
                                "the police and provider core paths name the same modules and sections",
                                "give each role what that role most needs first: the two paths must differ"))
    return paths, problems


def _limits(path: RolePath, doc: YamlDoc, content: Content) -> list[Problem]:
    problems = []
    where = ("paths", path.audience)
    if path.core_minutes > CORE_LIMIT:
        listing = ", ".join(f"{p.module.id}{p.anchor} {p.minutes}" for p in path.core)
        problems.append(Problem(doc.display, doc.line_of(where + ("core",)), field_name(where + ("core",)),
                                f"takes {path.core_minutes} minutes, over the {CORE_LIMIT}-minute limit ({listing})",
                                "leave out a module or name sections ('module-id#heading-id') instead of whole modules"))
    core = {(p.module.id, p.section) for p in path.core}
    for index, part in enumerate(path.now):
        if (part.module.id, part.section) not in core and (part.module.id, "") not in core:
            at = where + ("now", index)
            problems.append(Problem(doc.display, doc.line_of(at), field_name(at),
                                    f"'{part.module.id}{part.anchor}' is not on the core path",
                                    "read-now items are the start of the core path: name one of its parts"))
    brief = brief_minutes(content)
    if path.now_minutes + brief > NOW_LIMIT:
        problems.append(Problem(doc.display, doc.line_of(where + ("now",)), field_name(where + ("now",)),
                                f"takes {path.now_minutes} minutes, plus {brief} for the first-meeting brief: "
                                f"over the {NOW_LIMIT} minutes of a first read",
                                "name fewer or shorter sections"))
    return problems


def brief_minutes(content: Content) -> int:
    """The first-meeting brief's time at the modules' own pace (all their words over all their minutes)."""
    brief = content.layout.root / "docs" / BRIEF_URI
    words = sum(_section_words(m.title, m.body, content.markdown)[0] for m in content.modules)
    minutes = sum(m.minutes for m in content.modules)
    if not brief.is_file() or not words:
        return 0
    return max(1, round(_words(brief.read_text(encoding="utf-8")) * minutes / words))


def role_paths(content: Content) -> list[RolePath]:
    """The checked paths; the build stops with located problems when curriculum.yml's paths are wrong."""
    paths, problems = _cached(content)
    if problems:
        raise ContentError(problems)
    return paths


_CACHE: dict[int, tuple[Content, tuple[list[RolePath], list[Problem]]]] = {}


def _cached(content: Content) -> tuple[list[RolePath], list[Problem]]:
    """Several hooks ask for the paths of one build; the content object is that build's."""
    held = _CACHE.get(id(content))
    if held is None or held[0] is not content:
        _CACHE.clear()
        held = (content, load_paths(content))
        _CACHE[id(content)] = held
    return held[1]


def problems(content: Content) -> list[Problem]:
    return _cached(content)[1]


# ---------------------------------------------------------------- pages


def duration(minutes: int) -> str:
    """'4 h 35 min', '50 min', '2 h': how people say a length of time."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def has_routes(content: Content) -> bool:
    """Routes need core paths and the pages they lead to: the brief, the training kit and its guide
    (a small test project has none of them, and then gets no routes)."""
    root = content.layout.root
    return (all(p.core for p in role_paths(content)) and (root / "docs" / BRIEF_URI).is_file()
            and content.layout.training_dir.is_dir() and (root / "docs" / GUIDE_URI).is_file())


def pages(content: Content) -> list[tuple[str, str]]:
    """(uri, title) of every page this module makes, in the order the hook adds them."""
    found = [(p.uri, p.title) for p in role_paths(content)]
    if has_routes(content):
        found += [(uri, title) for uri, title in ROUTES.values()]
    found.append((MODULES_INDEX_URI, MODULES_INDEX_TITLE))
    return found


def page_markdown(path: RolePath, content: Content) -> str:
    quizzes = [q for m in path.core_modules if (q := content.quiz_for(m.id))]
    return render("role_path.md.j2", path=path, duration=duration, quiz_for=content.quiz_for,
                  core_quizzes=quizzes, other=[p for p in role_paths(content) if p is not path])


def route_markdown(audience: str, content: Content) -> str:
    title = ROUTES[audience][1]
    path = next((p for p in role_paths(content) if p.audience == audience), None)
    return render("route.md.j2", audience=audience, title=title, path=path, duration=duration,
                  brief=brief_minutes(content), plans=content.plans, modules=content.modules,
                  builder=_builder_uri(content))


def _builder_uri(content: Content) -> str | None:
    """The session builder's page, which the training kit adds (imported here: training_pages, which
    the builder uses, imports this module)."""
    from .session_builder import PAGE_URI
    return PAGE_URI if content.layout.training_dir.is_dir() else None


def modules_index_markdown(content: Content) -> str:
    return render("modules_index.md.j2", modules=content.modules, duration=duration, quiz_for=content.quiz_for,
                  total=sum(m.minutes for m in content.modules))

