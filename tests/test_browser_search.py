"""Search finds what a reader types: every glossary spelling, and everyday questions, in the real search box.

The glossary queries are generated from modules/glossary.yml: each term, each alias, and the long
form of each abbreviation (the first sentence of its definition) must bring up the page that
teaches the term among the first three pages listed. That page is the module named by the entry's
`taught_in:` when the module's page holds that spelling (search cannot find a word a page does not
hold), else the Glossary page, whose entry links to the module. Ranking comes from Material's own
tools only: `search: boost` in front matter, the glossary's headings, and the search settings in
mkdocs.yml. One browser page types every query (about a minute).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from browsing import search_results
from common_agenda.glossary import load_glossary

REPO = Path(__file__).resolve().parent.parent
ABBREVIATION = re.compile(r"^[A-Z]{2,}s?$")


def module_urls() -> dict[str, str]:
    """Module id -> its page's address, read from each module's front matter."""
    urls = {}
    for path in sorted((REPO / "modules").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---", 2)[1]
        urls[yaml.safe_load(front)["id"]] = f"modules/{path.stem}/"
    return urls


def long_form(entry: dict) -> str:
    """An abbreviation's definition starts with what it stands for: 'Memorandum of Understanding.'"""
    return entry["definition"].split(". ", 1)[0].rstrip(".")


def words(text: str) -> list[str]:
    """Text as the search box reads it: lower case, split at spaces, hyphens and punctuation."""
    return [w for w in re.split(r"[^\w§]+|(?<!\d)\.|\.(?!\d)", text.lower()) if w]


def uses(text: list[str], spelling: str) -> bool:
    """Whether the words of `spelling` stand in `text` in order, each word as typed or as the start
    of a longer word: search finds "visa" in "visas", but not "visas" in "visa"."""
    query = words(spelling)
    return any(all(text[i + k].startswith(q) for k, q in enumerate(query))
               for i in range(len(text) - len(query) + 1))


def indexed_words(site: Path) -> dict[str, list[str]]:
    """Each page's words as the search index holds them (titles and text of all its sections)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, list[str]] = {}
    for doc in index["docs"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))
        pages.setdefault(doc["location"].split("#")[0], []).extend(words(text))
    return pages


def glossary_queries(site: Path) -> list[tuple[str, str]]:
    """(query, page) for every term, alias and abbreviation's long form.

    The page is the module in `taught_in:`; a spelling that module's page never uses (an alias
    such as ROI, or a long form the module does not spell out), so that no search could find it
    there, is taught by the Glossary page, whose entry links to the module.
    """
    urls = module_urls()
    pages = indexed_words(site)
    entries = yaml.safe_load((REPO / "modules" / "glossary.yml").read_text(encoding="utf-8"))
    queries = []
    for entry in entries:
        spellings = [entry["term"], *entry.get("aliases", [])]
        if ABBREVIATION.match(entry["term"]):
            spellings.append(long_form(entry))
        page = urls[entry["taught_in"]] if "taught_in" in entry else None
        queries += [(s, page if page and uses(pages[page], s) else "glossary/") for s in spellings]
    return queries


# What officers, providers and facilitators type, and the page that answers them.
EVERYDAY_QUERIES = [
    ("U visa who signs", "modules/immigration-relief/"),
    ("who signs the certification", "modules/immigration-relief/"),
    ("T visa declaration form", "modules/immigration-relief/"),  # "T visa declaration": see README, Search
    ("law enforcement declaration", "modules/immigration-relief/"),
    ("work permit", "modules/immigration-relief/"),
    ("bail release notify", "modules/confidentiality/"),
    ("safe harbor", "modules/trafficking-basics/"),
    ("safe harbor new york", "modules/trafficking-basics/"),
    ("MOU template", "training/mou-template/"),
    ("consent form minor", "modules/confidentiality/"),
    ("subpoena", "modules/confidentiality/"),
    ("subpoena records", "modules/confidentiality/"),
    ("hipaa counseling records", "modules/confidentiality/"),
    ("labor trafficking", "modules/trafficking-basics/"),
    ("debt bondage", "modules/trafficking-basics/"),
    ("minor commercial sex", "modules/trafficking-basics/"),
    ("changing story", "modules/trauma-informed/"),
    ("interview", "modules/trauma-informed/"),
    ("staff stress", "modules/sustaining-partnership/"),
    ("call at night", "modules/relationships/"),
    ("operation planning", "modules/timelines/"),
    ("disagreement", "modules/tension-and-conflict/"),
    ("what to share with police", "modules/confidentiality/"),
]


def rank(results: list[str], target: str) -> int | None:
    return results.index(target) + 1 if target in results else None


def misses(page, site_url: str, queries: list[tuple[str, str]]) -> list[str]:
    found = []
    for query, target in queries:
        results = search_results(page, site_url, query)
        if rank(results, target) is None or rank(results, target) > 3:
            found.append(f"{query!r}: wanted {target} in the top three, got {results[:3]}")
    return found


@pytest.mark.browser
def test_every_glossary_term_alias_and_long_form_finds_its_teaching_page(page, site_url, site_dir):
    queries = glossary_queries(site_dir)
    assert len(queries) > 80  # terms, aliases and long forms: the generator read the glossary
    page.goto(site_url, wait_until="networkidle")
    assert misses(page, site_url, queries) == []


@pytest.mark.browser
def test_everyday_questions_find_the_page_that_answers_them(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    assert misses(page, site_url, EVERYDAY_QUERIES) == []


def test_glossary_queries_cover_every_spelling_and_abbreviation(site_dir):
    queries = {q for q, _ in glossary_queries(site_dir)}
    assert {"MOU", "MOUs", "Memorandum of Understanding", "Safe Harbor", "I-918B"} <= queries
    assert all(len(long_form(e).split()) <= 10 for e in yaml.safe_load(
        (REPO / "modules" / "glossary.yml").read_text(encoding="utf-8")) if ABBREVIATION.match(e["term"]))  # a long form, not a sentence


def test_boosts_reach_the_index_and_answers_stay_out(site_dir):
    """Module pages carry their front matter's boost; quiz pages get none, and no answer is indexed."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    boosts = {d["location"].split("#")[0]: d.get("boost") for d in docs}
    for url in module_urls().values():
        front = yaml.safe_load((REPO / "modules" / (url.split("/")[1] + ".md")).read_text(encoding="utf-8").split("---", 2)[1])
        assert boosts[url] == front.get("search", {}).get("boost"), url
    assert boosts["glossary/"] and all(boosts[u] is None for u in boosts if u.startswith("quizzes/"))
    indexed = " ".join(" ".join(words(html.unescape(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]))))
                       for d in docs if d["location"].startswith("quizzes/"))
    answers = [" ".join(words(text)[:8]) for path in sorted((REPO / "quizzes").glob("*.yml"))
               for text in answer_texts(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert len(answers) > 100 and [a for a in answers if a in indexed] == []


def answer_texts(node) -> list[str]:
    """Every option feedback and explanation in a quiz: the text that must stay out of search."""
    if isinstance(node, list):
        return [t for item in node for t in answer_texts(item)]
    if isinstance(node, dict):
        return [v for k, v in node.items() if k in ("feedback", "explanation") and isinstance(v, str)] + \
               [t for k, v in node.items() if k not in ("feedback", "explanation") for t in answer_texts(v)]
    return []


def test_taught_in_must_name_a_module(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("- term: MOU\n  definition: An agreement.\n  taught_in: protocols\n", encoding="utf-8")
    schema = REPO / "schemas" / "glossary.schema.json"
    terms, problems = load_glossary(path, "modules/glossary.yml", schema, {"protocols"})
    assert problems == [] and terms[0].taught_in == "protocols"
    terms, problems = load_glossary(path, "modules/glossary.yml", schema, {"confidentiality", "timelines"})
    assert terms == () and [str(p) for p in problems] == [
        "modules/glossary.yml:3: [0].taught_in: no module has the id 'protocols' — use a module id: confidentiality, timelines"]
