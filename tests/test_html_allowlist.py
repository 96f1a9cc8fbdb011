"""The HTML allowlist judges the tree a browser builds: what Markdown and our templates write passes,
everything that could run script, load from another host or send a form anywhere is refused,
however it is spelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from common_agenda.html_allowlist import findings, line_of
from common_agenda.markdown_setup import SITE_MARKDOWN
from common_agenda.rendered_html import find as find_rendered

RICH_MARKDOWN = """\
# Title {#custom-id}

Some *emphasis*, **strong**, `code`, a [link](../modules/timelines.md#ask), <https://example.org>,
<someone@example.org>, [mail](mailto:a@example.org), [phone](tel:+15550100) and an ![image](../assets/x.png).
Smart (c) symbols --> and a footnote[^1].

| Left | Centre | Right |
|:-----|:------:|------:|
| a    | b      | c     |

!!! note "A note"
    Inside an admonition.

??? tip "Details"
    Folded.

=== "Police"
    One tab.

=== "Providers"
    Another tab.

- [x] done
- [ ] open

Term
:   Definition.

```python
print("<script>alert(1)</script>")
```

<div markdown>
**Markdown** inside HTML.
</div>

A paragraph with attributes
{: .lead #intro }

*[CSEC]: commercial sexual exploitation of children

CSEC is an abbreviation.

[^1]: The footnote.
"""


def test_everything_markdown_writes_with_the_site_extensions_passes():
    html = SITE_MARKDOWN.converter().convert(RICH_MARKDOWN)
    assert "tabbed-set" in html and 'style="text-align: center;"' in html and "footnote" in html
    assert findings(html) == []


def test_our_quiz_form_markup_passes():
    html = ('<form class="ca-quiz" data-ca-quiz="q" data-pass-mark="70"><fieldset aria-describedby="p">'
            '<legend>Choose</legend><p class="ca-option"><input type="radio" name="ca-q1" id="a" value="a">'
            '<label for="a">A</label></p></fieldset><details class="ca-answer"><summary>Show</summary></details>'
            '<button type="button" class="md-button">Check</button><textarea rows="3" spellcheck="true"></textarea>'
            '<input type="time" step="300"><time datetime="2026-01-01">1 Jan</time></form>')
    assert findings(html) == []


@pytest.mark.parametrize("html, expected", [
    ("<script>alert(1)</script>", "has a <script> element"),
    ("<SCRIPT SRC=//x.org/a.js></SCRIPT>", "has a <script> element"),
    ("<style>body{}</style>", "has a <style> element"),
    ("<iframe src=https://example.org></iframe>", "has a <iframe> element"),
    ("<object data=x></object>", "has a <object> element"),
    ("<embed src=x>", "has a <embed> element"),
    ("<meta http-equiv=refresh content='0;url=https://example.org'>", "has a <meta> element"),
    ("<base href=https://example.org/>", "has a <base> element"),
    ("<link rel=stylesheet href=https://example.org/x.css>", "has a <link> element"),
    ("<noscript><p>x</p></noscript>", "has a <noscript> element"),
    ("<template><img src=x onerror=alert(1)></template>", "has a <template> element"),
    ("<svg onload=alert(1)>", "has a <svg> element (SVG markup)"),
    ("<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "has a <math> element (MATH markup)"),
    ("<p onclick=alert(1)>x</p>", "has the attribute onclick= on <p>"),
    ("<p/onmouseover=alert(1)>x</p>", "has the attribute onmouseover= on <p>"),
    ('<img src="x.png" srcset="https://example.org/y.png 2x">', "has the attribute srcset= on <img>"),
    ('<div style="background:url(https://example.org/t.png)">x</div>', "has the attribute style= on <div>"),
    ('<td style="color:red">x</td>'.join(["<table><tr>", "</tr></table>"]), "has a style attribute on <td>"),
    ('<form action="https://example.org/collect"></form>', "has the attribute action= on <form>"),
    ('<form><button formaction="https://example.org">Go</button></form>', "has the attribute formaction= on <button>"),
    ('<form><input type="image" src="x.png"></form>', "has <input type='image'>"),
    ('<a href="javascript:alert(1)">x</a>', "<a> href= uses the javascript: scheme"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a> href= uses the javascript: scheme"),
    ('<a href="java\tscript:alert(1)">x</a>', "<a> href= uses the javascript: scheme"),
    ('<a href="java&#x0A;script:alert(1)">x</a>', "<a> href= uses the javascript: scheme"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "<a> href= uses the javascript: scheme"),
    ('<a href=" \x01javascript:alert(1)">x</a>', "<a> href= uses the javascript: scheme"),
    ('<a href="vbscript:x">x</a>', "<a> href= uses the vbscript: scheme"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a> href= uses the data: scheme"),
    ('<a href="file:///etc/passwd">x</a>', "<a> href= uses the file: scheme"),
    ('<img src="https://example.org/pixel.png">', "<img> src= loads an image from another place"),
    ('<img src="//example.org/pixel.png">', "<img> src= loads an image from another place"),
    ('<img src="/\\example.org/pixel.png">', "<img> src= loads an image from another place"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img> src= loads an image from another place"),
    ('<a href="x" target="_blank">x</a>', "has the attribute target= on <a>"),
    ('<div contenteditable>x</div>', "has the attribute contenteditable= on <div>"),
    ('<p is="x-y">x</p>', "has the attribute is= on <p>"),
])
def test_what_could_run_script_or_reach_another_host_is_refused(html, expected):
    found = findings(html)
    assert found, html
    assert found[0].what.startswith(expected), found[0].what


def test_inside_a_refused_element_nothing_more_is_listed():
    assert len(findings("<svg><a href=x><circle onclick=y /></a></svg>")) == 1


def test_links_anywhere_a_reader_chooses_to_go_are_allowed():
    for href in ("https://example.org", "http://example.org", "mailto:a@example.org", "tel:+15550100",
                 "//example.org/page", "../modules/timelines/", "#ask", "page.md", ""):
        assert findings(f'<a href="{href}">x</a>') == [], href


def test_the_allowlist_is_judged_on_the_parse_not_the_text():
    # A comment that ends early to a browser ("--!>") leaves the tag after it live.
    assert findings("<!-- a --!> <img src=x onerror=alert(1)> -->")[0].what.startswith("has the attribute onerror=")
    # Text that only looks like a tag is text.
    assert findings("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == []
    assert findings("<pre><code>&lt;img onerror=x&gt;</code></pre>") == []
    # A tag inside an attribute value is part of the value.
    assert findings('<abbr title="&lt;script&gt;">x</abbr>')[0].what.startswith("has a title attribute with '<'")


def test_author_text_is_converted_and_judged_with_its_line():
    assert find_rendered("plain words, *emphasis* and `code`") is None
    found = find_rendered("one\n\ntwo\n{: style=\"color:red\" }")
    assert (found.what, found.line) == ("converts to HTML that has the attribute style= on <p>, which is not allowed", 3)
    assert found.fix.startswith("use only the HTML Markdown writes")
    what, line, _ = find_rendered("a\n\n![tracker](https://example.org/p.png)")
    assert what.startswith("converts to HTML that <img> src= loads an image from another place") and line == 2
    what, _, _ = find_rendered("[x](<ftp://example.org/file>)")
    assert "uses the ftp: scheme" in what


def test_line_of_is_case_blind_and_falls_back_to_the_first_line():
    assert line_of("<SCRIPT", "a\nb <script>") == 1
    assert line_of("nowhere", "a\nb") == 0


def test_a_docs_page_is_judged_before_site_is_touched_and_named_with_its_line(tiny_site):
    from sitekit import QUIZ
    tiny_site.add_module()
    tiny_site.write("quizzes/shared-goals.yml", QUIZ)
    tiny_site.write("docs/brief.md", "# Brief\n\nWhat to bring.\n\n<div><p>ok</p>\n<img src=x onerror=alert(1)></div>\n")
    tiny_site.write("docs/other.md", "# Other\n\n[Read more](https://tracker.example.org){: ping=\"https://tracker.example.org/p\" }\n")
    (tiny_site.root / "site").mkdir()
    (tiny_site.root / "site" / "index.html").write_text("previous", encoding="utf-8")
    build = tiny_site.build()
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert "docs/brief.md:6: body: contains an event-handler attribute in <img>" in build.output
    assert ("docs/other.md:3: body: converts to HTML that has the attribute ping= on <a>, which is not allowed — use only "
            "the HTML Markdown writes") in build.output
    assert [p.name for p in (tiny_site.root / "site").iterdir()] == ["index.html"]
    assert not list(tiny_site.root.glob("site.partial*"))


def test_the_page_check_names_the_file_and_line_that_hold_what_it_refuses(tmp_path):
    from common_agenda.page_allowlist import PageChecks
    (tmp_path / "docs").mkdir()
    (tmp_path / "local.yml").write_text("agency: A\ncontacts:\n  - name: x\n    role: 'onerror=alert(1) }'\n", encoding="utf-8")
    checks = PageChecks(tmp_path, tmp_path / "docs")
    checks.check('<p><img alt="a" onerror="alert(1)" src="x"></p>', "first-meeting.md", None, None)
    [problem] = checks.problems
    assert (problem.file, problem.line, problem.field) == ("local.yml", 4, "HTML")
    assert problem.what == "has the attribute onerror= on <img>, which is not allowed"


def test_the_real_site_runs_the_guarantees_in_the_right_places():
    """The staged site first (every hook then writes into it), the page allowlist after every hook that
    changes page content, the CSP check over whole pages after that."""
    from sitekit import read_config
    hooks = [Path(h).name for h in read_config()["hooks"]]
    assert hooks[0] == "staged_site.py"
    assert hooks.index("html_allowlist.py") > max(hooks.index(h) for h in ("glossary.py", "html_fixes.py", "search_skip.py",
                                                                          "quiz_pages.py", "local_settings.py"))
    assert hooks.index("csp.py") > hooks.index("html_allowlist.py")


@pytest.mark.parametrize("front_matter, expected", [  # refused by preflight's docs_front_matter, before site/ is cleaned
    ('title: "About </title><b>x</b>"',
     "docs/brief.md:2: title: the page's title ('About </title><b>x</b>') would be written"),
    # Material decodes a page title with striptags where no front-matter title is set: entities are refused too.
    ("title: 'About &lt;/title&gt;&lt;b&gt;'", "docs/brief.md:2: title: the page's title ('About &lt;/title&gt;&lt;b&gt;') would be written"),
    ("description: 'About\"><b>x</b>'",
     "docs/brief.md:2: description: the page's description ('About\"><b>x</b>') would be written"),
])
def test_titles_and_descriptions_cannot_leave_their_element(tiny_site, front_matter, expected):
    from sitekit import QUIZ
    tiny_site.add_module()
    tiny_site.write("quizzes/shared-goals.yml", QUIZ)
    tiny_site.write("docs/brief.md", f"---\n{front_matter}\n---\n\n# Brief\n\nWhat to bring.\n")
    build = tiny_site.build()
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert expected in build.output, build.output



@pytest.mark.parametrize("html, author, expected", [
    ('<div id="__config" hidden>{"features": ["content.tooltips"]}</div>', False, "has id='__config' on <div>: names starting with __"),
    ('<a data-md-component="source" href="https://gitlab.example.org/a/b"><b>x</b></a>', False,
     "has the attribute data-md-component= on <a>, which Material acts on"),
    ('<pre class="mermaid">graph TD; A-->B</pre>', False, "has the class 'mermaid' on <pre>"),
    ('<span title="&lt;img src=x onerror=alert(1)&gt;">x</span>', False, "has a title attribute with '<' on <span>"),
    ('<span id="caQuiz">x</span>', True, "has id='caQuiz' on <span>: use lower-case letters"),
    ('<h2 id="ca-quiz-end">x</h2>', True, "has id='ca-quiz-end' on <h2>: names starting with ca- belong"),
    ('<label for="ca-q1-a">x</label>', True, "has for='ca-q1-a' on <label>: names starting with ca- belong"),
    ('<form></form>', True, "has a <form> element"),
    ('<button type="button">x</button>', True, "has a <button> element"),
    ('<input type="text" name="q">', True, "has <input type='text'>"),
    ('<input type="checkbox" name="x">', True, "has name='x' on <input>: author text has no forms"),
    ('<p data-ca-question="q1">x</p>', True, "has the attribute data-ca-question= on <p>, which our page scripts may read"),
])
def test_nothing_the_theme_or_our_scripts_act_on(html, author, expected):
    found = findings(html, author=author)
    assert found and found[0].what.startswith(expected), found


def test_what_markdown_writes_for_tabs_and_task_lists_passes_as_author_text():
    html = SITE_MARKDOWN.converter().convert('=== "A"\n    one\n\n=== "B"\n    two\n\n- [x] done\n\n## Heading {#my-id}\n\nA note[^1].\n\n[^1]: Text.\n')
    assert findings(html, author=True) == [], findings(html, author=True)


def test_author_text_cannot_take_a_class_our_scripts_look_up():
    found = findings('<p class="ca-quiz-saved">Your best so far: 100%</p>', author=True)
    assert found and found[0].what.startswith("has a class starting with ca- on <p>")
    assert findings('<p class="ca-quiz-saved">x</p>') == []  # our own templates write these


def test_markdown_shape_counts_every_opener_and_splits_where_markdown_does():
    from common_agenda.markdown_shape import problems_in
    links = "\n".join(f"- [Source document number {i}](https://example.org/docs/{i}) about topic" for i in range(250))
    assert problems_in(links, "m.md", "body", 1) == []  # each list item is its own inline run (refused before)
    [problem] = problems_in("Intro.\n\n" + "<a " * 8000, "m.md", "body", 1)
    assert (problem.line, problem.what) == (3, "has 8,000 of [ ( < ` in a block of 24,000 characters, which "
                                               "Markdown would take seconds to convert (limit: 4,000,000 openers × characters)")
    [problem] = problems_in("Term\n" + ": meaning\n" * 1200, "m.md", "body", 1)
    assert problem.what.startswith("has a block of 1,201 lines with no blank line")


def test_a_conversion_that_runs_too_long_is_refused_not_waited_for(monkeypatch):
    from common_agenda import markdown_setup
    monkeypatch.setattr(markdown_setup, "SECONDS", 0.001)
    with pytest.raises(markdown_setup.ConversionRefused, match="takes over 0.001 seconds of processor time to convert"):
        markdown_setup.convert_within_stack(SITE_MARKDOWN.converter(), "| a | b |\n|---|---|\n" + "| x | *y* |\n" * 900)


def test_the_conversion_time_bound_counts_processor_time_not_the_clock(monkeypatch):
    """A conversion that waits (as one does on a machine busy with other work) is not refused."""
    import time

    from common_agenda import markdown_setup
    monkeypatch.setattr(markdown_setup, "SECONDS", 0.2)

    class Sleepy:
        def reset(self):
            return self

        def convert(self, text):
            time.sleep(0.5)  # the clock runs, this process's processor time barely does
            return text

    assert markdown_setup.convert_within_stack(Sleepy(), "<p>x</p>") == "<p>x</p>"


def test_a_problem_prints_control_characters_from_a_file_as_escapes():
    from common_agenda.problems import Problem
    shown = str(Problem("a.yml", 1, "text", "links to '../x.md\x00.png' \x1b[31mred\nb.yml:9: fake", "fix it"))
    assert shown == "a.yml:1: text: links to '../x.md\\x00.png' \\x1b[31mred\\x0ab.yml:9: fake — fix it"


def test_a_refused_link_is_found_by_its_scheme_or_its_first_forty_characters():
    assert [f.needle for f in findings('<a href=" JavaScript:alert(1)">x</a>')] == ["JavaScript:"]
    far = "//evil.example/" + "x" * 60
    assert [f.needle for f in findings(f'<img src="{far}">')] == [far[:40]]


def test_line_of_counts_from_the_first_character_and_the_first_match():
    assert line_of("<script", "<script>\n<script>") == 0  # found at offset 0: line 0
    assert line_of("b", "a\nb\nb") == 1  # the first occurrence, not the last
    assert line_of("", "\na") == 0  # nothing to look for: the first line
    assert line_of("b", "\nb") == 1  # a line break at offset 0 counts


@pytest.mark.parametrize(("html", "author", "expected"), [
    ('<button type="image">x</button>', False, [("has <button type='image'>, which is not allowed", "image")]),
    ('<p class="ca_x">x</p>', True, [("has a class starting with ca- on <p>: those belong to the site's own quiz, check "
                                      "and plan markup, which its scripts look up by class", "ca-")]),
    ('<a id="ca_x">x</a>', True, [("has id='ca_x' on <a>: names starting with ca- belong to the site's own quiz, check "
                                   "and plan markup", "ca_x")]),
    ('<div class="mermaid">x</div>', True, [("has the class 'mermaid' on <div>, which makes Material load a script "
                                             "from another host", "mermaid")]),
    ('<abbr title="x &lt;b&gt; then a long tail &lt;c">x</abbr>', True,
     [("has a title attribute with '<' on <abbr> (Material shows titles as HTML)", "b> then a long t")]),
])
def test_each_refusal_says_what_and_where_to_look(html, author, expected):
    """The needle is what the author's file is searched for to name the line: the first 16 characters after '<'."""
    assert [(f.what, f.needle) for f in findings(html, author=author)] == expected


def test_an_allowed_data_attribute_does_not_end_the_check_of_the_others():
    assert [f.needle for f in findings('<p data-note="1" aria-label="x" onclick="alert(1)">x</p>')] == ["onclick"]


def test_inside_a_refused_html_element_nothing_more_is_listed_either():
    assert [f.needle for f in findings('<form><a href="javascript:alert(1)">x</a></form>', author=True)] == ["<form"]
