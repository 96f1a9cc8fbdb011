"""The HTML a page may serve, judged on the tree a browser builds, not on the source text.

Checking Markdown source with patterns means predicting what Python-Markdown, its extensions and
the browser will make of it, and every prediction that was wrong let script through (issue 13).
So the converted HTML is parsed with JustHTML, a conforming HTML5 parser (it passes the
html5lib-tests suite browsers are held to; the standard library's HTMLParser reads comments and
bogus tags differently), and every element, attribute and URL in the tree must be on the lists
below. They hold what Python-Markdown with our extensions writes, what Material styles inside
an article, and what our page templates need (quiz and check forms) - nothing else.

- Elements in another namespace (<svg>, <math>) are refused: the parser switches rules inside them.
- Attributes are named one by one, plus aria-* and data-* (inert: only our scripts read data-*).
- A link may go anywhere on the web a reader can choose to follow (http, https, mailto, tel, or a
  path on this site); an image must come from this site: a page makes no request to another host.
- style="" is allowed only as the table alignment Markdown writes; anything else is refused
  (the CSP would block it anyway, and the offline bundle has no CSP).
- <form> takes no action, method or target, so no form can send anything anywhere.
- Nothing Material's or our scripts act on: no id starting with `__` (Material reads its settings
  from the first `#__config` in the page: an author's copy could switch on features and point
  its search worker elsewhere) but the tab ids pymdownx writes, no data-md-* attribute (Material
  fetches from the host of a `data-md-component="source"` link), no `mermaid` class (Material
  loads Mermaid from a CDN for it), no `<` in a title attribute (Material's tooltips insert
  titles as HTML).

Author text (findings(html, author=True)) is held to more: it is Markdown, so it needs no forms,
and its ids, `for` and `name` values must be lower case and keep clear of the `ca-` and `__`
prefixes (its classes of `ca-`) our templates and Material use, so an author's element cannot stand in for theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from justhtml import JustHTML

_TEXT = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
         "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup",
         "time", "u", "var", "wbr"}
_BLOCKS = {"address", "article", "aside", "blockquote", "caption", "col", "colgroup", "dd", "details",
           "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
           "header", "hr", "img", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
           "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_FORMS = {"button", "fieldset", "form", "input", "label", "legend", "meter", "option", "output",
          "progress", "select", "textarea"}
ELEMENTS = _TEXT | _BLOCKS | _FORMS

GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "hidden", "tabindex", "role", "translate"}
ATTRIBUTES = {
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style", "headers"},
    "th": {"colspan", "rowspan", "style", "scope", "headers", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open", "name"},
    "time": {"datetime"},
    "data": {"value"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "label": {"for"},
    "button": {"type", "name", "value", "disabled"},
    "input": {"type", "name", "value", "checked", "disabled", "readonly", "required", "autocomplete",
              "spellcheck", "step", "min", "max", "minlength", "maxlength", "placeholder", "size", "inputmode"},
    "textarea": {"name", "rows", "cols", "disabled", "readonly", "required", "spellcheck", "placeholder",
                 "minlength", "maxlength", "autocomplete"},
    "select": {"name", "disabled", "required", "multiple", "size"},
    "option": {"value", "selected", "disabled", "label"},
    "output": {"for", "name"},
    "progress": {"value", "max"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "fieldset": {"disabled", "name"},
}
INPUT_TYPES = {"checkbox", "radio", "text", "number", "search", "email", "tel", "date", "time", "hidden"}
BUTTON_TYPES = {"button", "submit", "reset"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
_ALIGN = re.compile(r"\s*text-align\s*:\s*(?:left|right|center)\s*;?\s*", re.I)
# Browsers drop ASCII tabs and line breaks anywhere in a URL and spaces and controls at its ends.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")

_TAB_ID = re.compile(r"__tabbed_\d+(?:_\d+)?")  # pymdownx.tabbed's radio ids and names
_AUTHOR_ID = re.compile(r"[a-z0-9][a-z0-9_:.-]*")
_AUTHOR_FORMS = _FORMS - {"input", "label"}  # a task list's checkbox and a tab's radio are Markdown's
_AUTHOR_DATA = {"data-tabs"}  # pymdownx.tabbed

FIX = ("use only the HTML Markdown writes: no script, style, iframe, form, meta or svg tags, no on* or "
       "style attributes, links only to http(s), mailto, tel or this site, images only from this site")


@dataclass(frozen=True)
class Finding:
    """One thing outside the allowlist. `needle` is text to look for in the source to find its line."""

    what: str
    needle: str


def findings(html: str, *, author: bool = False) -> list[Finding]:
    """Everything in `html` (a fragment, as it will sit in a page's body) that is not allowed;
    `author`: the fragment is an author's text, not a page our templates assembled."""
    found: list[Finding] = []
    stack = list(JustHTML(html, fragment=True, sanitize=False).root.children or ())
    while stack:
        node = stack.pop()
        name = node.name
        if name.startswith("#"):  # text, comment (inert once parsed), doctype
            continue
        problems = _element(node, author)
        found += problems
        if not (problems and problems[0].needle.lstrip("<") == name):
            stack.extend(reversed(node.children or ()))  # what sits inside a refused element is not listed too
    return found


def _element(node, author: bool = False) -> list[Finding]:
    name, namespace = node.name, node.namespace
    if namespace not in (None, "html"):
        return [Finding(f"has a <{name}> element ({namespace.upper()} markup), which is not allowed", name)]
    if name not in ELEMENTS or (author and name in _AUTHOR_FORMS):
        return [Finding(f"has a <{name}> element, which is not allowed", f"<{name}")]
    found = []
    allowed = ATTRIBUTES.get(name, set())
    for attribute, value in (node.attrs or {}).items():
        attribute = attribute.lower()
        value = value or ""
        if attribute.startswith("data-md-"):
            found.append(Finding(f"has the attribute {attribute}= on <{name}>, which Material acts on", attribute))
        elif attribute.startswith("data-") and author and attribute not in _AUTHOR_DATA:
            found.append(Finding(f"has the attribute {attribute}= on <{name}>, which our page scripts may read", attribute))
        elif attribute.startswith(("aria-", "data-")) and re.fullmatch(r"[a-z0-9_.:-]+", attribute):
            continue
        elif attribute not in GLOBAL_ATTRIBUTES and attribute not in allowed:
            found.append(Finding(f"has the attribute {attribute}= on <{name}>, which is not allowed", attribute))
        elif attribute in ("href", "src"):
            problem = _url_problem(name, value)
            if problem:
                found.append(Finding(f"<{name}> {attribute}= {problem}", _needle_of_url(value)))
        elif attribute == "style" and not _ALIGN.fullmatch(value):
            found.append(Finding(f"has a style attribute on <{name}> ({value[:40]!r}); only table alignment is allowed", "style"))
        elif attribute == "type" and name == "input" and value.lower() not in (("checkbox", "radio") if author else INPUT_TYPES):
            found.append(Finding(f"has <input type={value!r}>, which is not allowed", value))
        elif attribute == "type" and name == "button" and value.lower() not in BUTTON_TYPES:
            found.append(Finding(f"has <button type={value!r}>, which is not allowed", value))
        elif attribute in ("id", "for", "name"):
            problem = _name_problem(value, author, attribute == "name")
            if problem:
                found.append(Finding(f"has {attribute}={value[:40]!r} on <{name}>: {problem}", value or attribute))
        elif attribute == "class" and "mermaid" in value.lower().split():
            found.append(Finding(f"has the class 'mermaid' on <{name}>, which makes Material load a script from another host", "mermaid"))
        elif attribute == "class" and author and any(c.startswith(("ca-", "ca_")) for c in value.lower().split()):
            found.append(Finding(f"has a class starting with ca- on <{name}>: those belong to the site's own quiz, check "
                                 "and plan markup, which its scripts look up by class", "ca-"))
        elif attribute == "title" and "<" in value:
            after = value.split("<", 1)[1][:16].strip()  # the source may hold it as &lt;...: find what follows
            found.append(Finding(f"has a title attribute with '<' on <{name}> (Material shows titles as HTML)", after or "title"))
    return found


def _name_problem(value: str, author: bool, is_name: bool) -> str | None:
    """Ids, label targets and form names that could stand in for the theme's or our templates' own."""
    if value.startswith("__") and not _TAB_ID.fullmatch(value):
        return "names starting with __ belong to Material (e.g. #__config holds its settings)"
    if not author:
        return None
    if is_name and not _TAB_ID.fullmatch(value):
        return "author text has no forms, so no name= (only the tabs Markdown writes)"
    if value.startswith(("ca-", "ca_")):
        return "names starting with ca- belong to the site's own quiz, check and plan markup"
    if not _TAB_ID.fullmatch(value) and not _AUTHOR_ID.fullmatch(value):
        return "use lower-case letters, digits, - _ : or . (e.g. {#talk-before-a-case})"
    return None


def _url_problem(element: str, url: str) -> str | None:
    url = _URL_IGNORED.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
                                           "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    scheme = _SCHEME.match(url)
    if element == "img":
        if scheme or re.match(r"[/\\]{2}", url):
            return f"loads an image from another place ({url[:60]!r}); put the image in docs/ and link it by path"
        return None
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return f"uses the {scheme.group(1).lower()}: scheme ({url[:60]!r})"
    return None


def _needle_of_url(url: str) -> str:
    scheme = _SCHEME.match(url.strip())
    return scheme.group(0) if scheme else url.strip()[:40]


def line_of(needle: str, text: str) -> int:
    """0-based line of the first case-insensitive occurrence of `needle` in `text`, or 0."""
    at = text.lower().find(needle.lower()) if needle else -1
    return text.count("\n", 0, at) if at >= 0 else 0
