"""Quiz prose converted once per build: an answer key shows the HTML its quiz page already made.

An answer key repeats every prompt, option and explanation of its quiz, and converting them again
cost about as much as the quiz page itself. So a key's Markdown carries a token where such a text
goes (`token`), the quiz page's converted pieces are remembered by their text (`remember`), and the
key's converted page gets them back in place of the tokens (`fill`).

Only text whose HTML cannot depend on the page it sits on takes a token (`reusable`): no links or
images (their addresses are relative to the page), no raw HTML, attribute lists, footnotes or
abbreviation definitions (which reach across a page), and no line that could open a block other
than a paragraph (a heading gets a page-unique id; a list after `**1.**` would be text). Such text
is a run of paragraphs, converted alike wherever it stands, so the answer key is byte for byte
what converting it there made. Anything else stays Markdown in the key, converted with the page.
A text no quiz page has converted yet is converted here, with the site's own Markdown settings.

One definition reaches text with none of those marks: an abbreviation (`*[MOU]: ...`, the abbr
extension) marks its term in every paragraph of the page it is on, and may retitle or unmark a
glossary term there. So a page whose Markdown holds `*[` anywhere (every such definition does, and
the check need not know which `*[` is one) neither lends its HTML (`remember` is not called for it)
nor borrows any (`tokened` gives it no tokens, and `fill` refuses one that got some later).
Footnotes and link references are page-wide too, but only text with `[` can use them.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import markdown

_PREFIX = f"caprose{secrets.token_hex(6)}x"  # letters and digits only: Markdown leaves a word alone
_TOKEN = re.compile(_PREFIX + r"(\d+)z")
_UNSAFE = re.compile(r"[\[\]<>{}\ue000-\uf8ff]|^(?:[ \t]|[-+*#>:|=!?`~_]|\d+[.)])", re.M)
_PAGE_WIDE = "*["  # how every abbreviation definition starts, wherever it stands on the page
_ONE_PARAGRAPH = re.compile(r"<p>((?:(?!</?p[\s>]).)*)</p>", re.S)


class ProseCache:
    def __init__(self):
        self._texts: list[str] = []
        self._numbers: dict[str, int] = {}
        self._html: dict[str, str] = {}
        self._converter: markdown.Markdown | None = None

    def token(self, text: str) -> str:
        """The text itself when it is not reusable, else a token `fill` replaces with its HTML."""
        if not reusable(text):
            return text
        number = self._numbers.setdefault(text, len(self._texts))
        if number == len(self._texts):
            self._texts.append(text)
        return f"{_PREFIX}{number}z"

    def tokened(self, page: Callable[[Callable[[str], str]], str]) -> str:
        """The page `page(prose)` makes with a token for each reusable text; but when the page made
        with the texts themselves defines an abbreviation, that one, so they convert among it."""
        plain = page(str)
        return plain if not lends_html(plain) else page(self.token)

    def remember(self, text: str, html: str) -> None:
        """`html` is the text as a page converted it; kept only for text a key may ask for."""
        if text in self._numbers:
            self._html.setdefault(text, html)

    def fill(self, html: str, config, markdown: str) -> str:
        """Each token in a converted page replaced by its text's HTML: the first paragraph goes on in
        the one the token stands in (after `**1.**` or `*Why:*`), the rest follow it. `markdown` is
        what the page was converted from: a hook that added a definition after `tokened` is refused."""
        if _PREFIX not in html:
            return html
        if not lends_html(markdown):
            raise ValueError("a page with tokens for quiz texts also defines an abbreviation (*[): "
                             "its texts must be converted with it, not taken from another page")

        def put(match: re.Match) -> str:
            text = self._texts[int(match.group(1))]
            piece = self._html.get(text)
            if piece is None:
                piece = self._html[text] = self._convert(text, config)
            if whole := _ONE_PARAGRAPH.fullmatch(piece):
                return whole.group(1) + (match.group(2) or "")
            if match.group(2) and piece.startswith("<p>"):
                return piece[3:]
            raise ValueError(f"quiz text converted to more than paragraphs where one paragraph goes: {text[:60]!r}")

        return re.sub(_TOKEN.pattern + r"(</p>)?", put, html)

    def _convert(self, text: str, config) -> str:
        if self._converter is None:
            self._converter = markdown.Markdown(extensions=config.markdown_extensions,
                                                extension_configs=config.mdx_configs or {})
        return self._converter.reset().convert(text).strip()


_build = ProseCache()


def new_build() -> ProseCache:
    """A fresh cache for each build: the glossary or the extensions may have changed since the last."""
    global _build
    _build = ProseCache()
    return _build


def this_build() -> ProseCache:
    return _build


def lends_html(markdown: str) -> bool:
    """Whether the texts on a page with this Markdown convert as they would anywhere else."""
    return _PAGE_WIDE not in markdown


def reusable(text: str) -> bool:
    return bool(text.strip()) and not _UNSAFE.search(text.strip())
