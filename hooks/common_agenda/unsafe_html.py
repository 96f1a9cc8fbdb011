"""Find HTML in author text that could run code in a reader's browser, or break the page around it.

Markdown passes raw HTML through, so a quiz prompt could carry a <script>. The check runs on
every prose field before anything is rendered. Code spans and fenced code are skipped: Markdown
shows them as text.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)/?\s*>")
_COMMENT = re.compile(r"<!--|<!\[CDATA\[|<\?")
_EVENT_ATTR = re.compile(r"(?:^|[\s\"'/])on[a-z]+\s*=", re.I)
_SCRIPT_URL = re.compile(r"(?:java|vb)\s*script\s*:|data\s*:\s*text/html", re.I)

RUNS_CODE = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
             "base", "link", "meta", "form", "svg", "math", "template"}
INLINE_TEXT_TAGS = {"em", "strong", "b", "i", "u", "s", "code", "kbd", "br", "sub", "sup", "small",
                    "mark", "abbr", "q", "cite", "span", "wbr"}


def _blank_code(match: re.Match) -> str:
    """Keep positions (and so line numbers) while hiding code from the checks."""
    return re.sub(r"[^\n]", " ", match.group())


def find(text: str, *, inline_only: bool) -> tuple[str, int] | None:
    """Describe the first unsafe thing in `text` and the 0-based line it is on, or None.

    `inline_only` also refuses structural tags (div, table, ...): quiz text sits inside the
    quiz's own markup, where a stray </fieldset> would break the form.
    """
    plain = _CODE.sub(_blank_code, text)

    def at(match: re.Match) -> int:
        return plain.count("\n", 0, match.start())

    for match in _TAG.finditer(plain):
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if name in RUNS_CODE:
            return f"contains a <{name}> tag", at(match)
        if _EVENT_ATTR.search(attrs or ""):
            return f"contains an event-handler attribute in <{name}>", at(match)
        if inline_only and name not in INLINE_TEXT_TAGS:
            return f"contains an HTML <{closing}{name}> tag", at(match)
    if match := _SCRIPT_URL.search(plain):
        return "contains a javascript: (or similar) link", at(match)
    if inline_only and (match := _COMMENT.search(plain)):
        return "contains an HTML comment or processing instruction", at(match)
    return None
