"""The project's own site builds strictly, with nothing to warn about."""


def test_strict_build_passes_without_warnings(real_build):
    done, out = real_build
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert not [line for line in output.splitlines() if line.startswith("WARNING")], output
    assert (out / "index.html").exists()


def test_module_pages_are_generated_with_edit_links_to_their_sources(site_dir):
    html = (site_dir / "modules/shared-goals/index.html").read_text(encoding="utf-8")
    assert "/edit/main/modules/shared-goals.md" in html
    assert "What you will learn" in html


def test_no_answer_of_any_quiz_reaches_the_search_index(site_dir):
    """Answer keys, quiz pages and the check all hold answers; none may be searchable."""
    import json

    from common_agenda.content import load_content
    from sitekit import REPO

    docs = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    # Modules may teach the same sentence; pages that hold questions must not give their answers.
    index = " ".join(" ".join(d["text"].split()) for d in docs
                     if d["location"].startswith(("quizzes/", "training/check", "training/answer-keys")))
    leaks = []
    for quiz in load_content(REPO).quizzes:
        for question in quiz.scored():
            texts = [question.explanation] + [o.feedback for o in question.options]
            leaks += [f"{quiz.id}/{question.id}: {t[:50]}" for t in texts if " ".join(t.split())[:60] in index]
    assert leaks == []


def test_no_script_holds_up_the_first_paint(site_dir):
    """ca-page.html defers Material's bundle (it blocked the first paint of short pages on a phone)
    and mkdocs.yml defers progress-marks.js, which needs the bundle's document$ when it runs. If a
    Material release changes the bundle's tag, the replace there stops matching and this fails."""
    import re

    for page in ("index.html", "modules/shared-goals/index.html", "glossary/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        external = re.findall(r"<script src=\"[^\"]+\"[^>]*>", html)
        assert external and all(" defer" in tag for tag in external), (page, external)
    quiz = (site_dir / "quizzes/shared-goals/index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js" defer>', quiz)


def test_no_page_shows_markup_leftovers(site_dir):
    """An attribute list that did not attach (`{: .class }`) prints as text on the page and on paper:
    the brief, every handout and every print pack carried one."""
    import re

    for page in site_dir.rglob("*.html"):
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not re.search(r"\{:\s*[.#]", text), page.relative_to(site_dir)
