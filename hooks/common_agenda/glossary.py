"""The glossary: each term defined once, shown on the Glossary page and as a tooltip wherever it is used.

Tooltips are Markdown abbreviations (the abbr extension's glossary). Only the first use of a term
on a page keeps its tooltip, and that one is made focusable: one definition per page reads well
and keeps the keyboard path short.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

from .problems import Problem
from .reference_data import load_yaml_file
from .render import render
from .yaml_links import as_written
from .yaml_source import YamlDoc

PAGE_URI = "glossary.md"


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    aliases: tuple[str, ...]
    taught_in: str | None = None  # the id of the module that teaches the term, if one does


def load_glossary(path: Path, display: str, schema: Path, module_ids: set[str] | None = None,
                  unreadable: set[str] = frozenset()) -> tuple[tuple[Term, ...], list[Problem]]:
    """`module_ids`, when given, are the modules a `taught_in:` may name (`unreadable` ones are not judged)."""
    if not path.is_file():
        return (), []  # a site without a glossary is fine
    doc, problems = load_yaml_file(path, display, schema)
    if doc is None:
        return (), problems
    terms = tuple(Term(e["term"].strip(), e["definition"].strip(), tuple(a.strip() for a in e.get("aliases", [])),
                       e.get("taught_in"))
                  for e in doc.data)
    problems = _check_unique(terms, doc) + _check_tooltips(doc)
    if module_ids is not None:
        problems += [Problem(doc.display, doc.line_of((index, "taught_in")), f"[{index}].taught_in",
                             f"no module has the id '{term.taught_in}'",
                             "use a module id: " + ", ".join(sorted(module_ids)))
                     for index, term in enumerate(terms)
                     if term.taught_in and term.taught_in not in module_ids and term.taught_in not in unreadable]
    return (() if problems else terms), problems


def _check_tooltips(doc: YamlDoc) -> list[Problem]:
    """A definition becomes the title (tooltip) of every marked term on every page, and Material's
    tooltips insert titles as HTML: so it holds no '<', written or as an entity such as &lt;."""
    return [Problem(doc.display, doc.line_of((index, "definition")), f"[{index}].definition",
                    "has a '<' (or an entity that makes one), and becomes the tooltip of the term on every page",
                    "write it as plain words: tooltips may show their text as HTML")
            for index, entry in enumerate(doc.data) if "<" in html.unescape(entry["definition"])]


def _check_unique(terms: tuple[Term, ...], doc: YamlDoc) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for index, term in enumerate(terms):
        for position, spelling in enumerate((term.term, *term.aliases)):
            path = (index, "term") if position == 0 else (index, "aliases", position - 1)
            if spelling in first:
                problems.append(Problem(doc.display, doc.line_of(path), f"[{index}]",
                                        f"'{spelling}' is already defined by entry [{first[spelling]}]",
                                        "define each spelling once: merge the entries or drop the repeat"))
            else:
                first[spelling] = index
    return problems


def abbreviations(terms: tuple[Term, ...]) -> dict[str, str]:
    """Every spelling and its definition, for the abbr extension's `glossary` option.

    A tooltip is no page, so a link in a definition shows as written (yaml_links.as_written).
    Given once to the extension, not appended to each page's source: a block of definitions on
    every page made Markdown rescan it once per definition, most of a large site's build time.
    """
    return {spelling: as_written(term.definition) for term in terms for spelling in (term.term, *term.aliases)}


def trie_pattern(words: tuple[str, ...]) -> str:
    """One regex alternative per shared prefix (`tra(?:fficking|uma)`) instead of one per word.

    Python's regex engine tries every alternative at every word boundary; a trie tries only the
    branch the next letter allows. Greedy optional endings keep abbr's longest-match rule.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + ("?" if "" in node else "")

    return pattern(trie)


@lru_cache(maxsize=16)
def _terms_regex(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + trie_pattern(words) + r")\b")


class _TrieAbbrTreeprocessor(AbbrTreeprocessor):
    """abbr's own tree walk, with the terms' regex built once per set of terms and as a trie.

    The stock processor rebuilt one alternative per spelling on every page, which made the
    glossary a tenth of a large site's build.
    """

    def run(self, root):
        if not self.abbrs:
            return
        self.RE = _terms_regex(tuple(sorted(self.abbrs)))
        self.iter_element(root)

    def iter_element(self, el, parent=None, position=0):
        """abbr's own walk, told each child's position instead of looking it up with
        `list(parent).index(el)`: on a quiz page's thousands of top-level blocks that lookup made
        the walk quadratic, a third of the page's conversion. Terms found in a tail are inserted
        after `el`, so the positions of the siblings still to come (walked last to first) hold."""
        for index in range(len(el) - 1, -1, -1):
            self.iter_element(el[index], el, index)
        if (text := el.text) and not isinstance(text, AtomicString):
            for m in reversed(list(self.RE.finditer(text))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end():]))
                    text = text[:m.start()]
            el.text = text
        if parent is not None and (tail := el.tail) and not isinstance(tail, AtomicString):
            for m in reversed(list(self.RE.finditer(tail))):
                if self.abbrs[m.group(0)]:
                    parent.insert(position + 1, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end():]))
                    tail = tail[:m.start()]
            el.tail = tail


class FasterAbbreviations(Extension):
    """Put after `abbr` in the Markdown extensions; it swaps in the faster processor, same output."""

    def extendMarkdown(self, md):
        if "abbr" in md.treeprocessors:
            stock = md.treeprocessors["abbr"]
            md.treeprocessors.register(_TrieAbbrTreeprocessor(md, stock.abbrs), "abbr", 7)


_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)
_HEADING = re.compile(r"<(h[1-6])\b[^>]*>.*?</\1>|<thead\b[^>]*>.*?</thead>", re.S)
_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.S)


def without_tooltips(html: str) -> str:
    """The Glossary page defines every term in full; tooltips there would only repeat it."""
    return _ABBR.sub(r"\2", html)


def first_use_only(html: str) -> str:
    """Keep the tooltip on the first use of each term and make it focusable; unwrap the rest.

    Headings never carry one: a tooltip in a title is noise, and the text below explains it.
    Table headers count as headings: on a phone they are shown only as each cell's label.
    Links never carry one either: HTML allows no tab stop inside a link, and the first use
    outside a link gets the tooltip instead.
    """
    html = _HEADING.sub(lambda m: _ABBR.sub(r"\2", m.group()), html)
    html = _LINK.sub(lambda m: _ABBR.sub(r"\2", m.group()), html)
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        title, text = match.group(1), match.group(2)
        if title in seen:
            return text
        seen.add(title)
        return f'<abbr title="{title}" tabindex="0">{text}</abbr>'

    return _ABBR.sub(keep_first, html)


def page_markdown(terms: tuple[Term, ...], modules=()) -> str:
    """The Glossary page: terms in alphabetical order, grouped under their first letter, each
    linked to the module that teaches it."""
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        groups.setdefault(term.term[0].upper(), []).append(term)
    return render("glossary_page.md.j2", groups=list(groups.items()), modules={m.id: m for m in modules})
