"""A Content-Security-Policy for every page, as a <meta> element: only the site's own origin.

A static site sets its policy in each page (a host could send the same as a header). No
'unsafe-inline': the few inline scripts, Material's and ours, are allowed by their SHA-256
hashes. Which scripts may be hashed is decided before any page is built, from the templates
(KnownScripts): every <script> of our overrides/ and of Material's partials/javascripts/, with
each Jinja expression in it standing for a URL-like value (Material's only ones name the site
root). A page with any other inline script - whatever put it there - stops the build instead of
being blessed by a hash; so does a <meta http-equiv="refresh">, a <base> or a form that sends
anywhere (page_problems). The hashes of every page go into every page's policy, because instant
navigation runs the inline scripts of the pages it brings in under the policy of the first page
loaded; the script naming the site root differs with the page's depth, so there are a handful.

What the site needs, and why each part is there:
- script-src 'self' + hashes: Material's bundle, its search worker, our page scripts; the inline ones
  (in the offline bundle also the one search's file:// shim writes into its iframe: iframe_worker.py).
- style-src 'self': stylesheets only; scripts set styles through the CSSOM, which CSP allows.
- img-src 'self' data:: Material draws its icons from data: SVG images in its stylesheet.
- default-src 'self' covers the rest (fetches of pages and the search index, the worker, fonts).
- object-src 'none', base-uri 'self', form-action 'self': nothing a page needs, closed.
frame-ancestors cannot be set by a <meta> element (a host header can add it).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>\n?", re.I)
_RUNS = ("", "text/javascript", "application/javascript", "module")  # types a browser executes
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_URL_LIKE = r"[^\"'<>\\\n]*"  # what a Jinja expression in a known script may become: no way out of its string
# Whole pages are checked by their tags read as a browser reads them - a quoted attribute value
# may hold '>' (a regular expression that stopped at the first '>' was fooled by name="a>b", and
# by src= inside another attribute's value) - and against exact forms, not by looking for bad
# words: every '<script' must be one of the forms our templates and Material write, and no tag
# may carry http-equiv (a refresh; our own policy is added after this check), action= or
# formaction=. Escaped text (&lt;meta ...>) in a code sample is no tag and is left alone.
_TAG_REST = r"""(?:[^>"']|"[^"]*"|'[^']*')*>?"""
_SCRIPT_OPENING = re.compile(r"<script\b" + _TAG_REST, re.I)
_SCRIPT_FORMS = re.compile(r'<script>|<script id="__config" type="application/json">'
                           r'|<script src="(?![A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2})[^"<>\\\s]*"(?: defer)?>')
_ANY_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*" + _TAG_REST)
_FORBIDDEN_IN_TAGS = [
    (re.compile(r"^<meta\b.*http-equiv", re.I | re.S), "has a <meta http-equiv> (a refresh would send readers elsewhere)"),
    (re.compile(r"^<base\b", re.I), "has a <base> element, which would change where every link on the page goes"),
    (re.compile(r"[\s/\"']action\s*=|formaction", re.I), "has a form that sends to an address (action= or formaction=)"),
    (re.compile(r"^<(?:iframe|frame|object|embed)\b", re.I), "has an <iframe>, <frame>, <object> or <embed>"),
    (re.compile(r"javascript:", re.I), "has a javascript: address"),
]

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


class KnownScripts:
    """The inline scripts the templates can write, as patterns; nothing else may be hashed into a policy."""

    def __init__(self, snippets: list[str]):
        self.patterns = [re.compile("".join(_URL_LIKE if i % 2 else re.escape(part)
                                            for i, part in enumerate(_split_jinja(snippet))), re.S)
                         for snippet in snippets if "{%" not in snippet]

    @classmethod
    def from_templates(cls, own_dirs: list[Path], theme_dirs: list[Path]) -> KnownScripts:
        """Every script in our template folders, and in the theme's partials/javascripts/ (Material's snippets)."""
        files = [f for d in own_dirs for f in sorted(Path(d).rglob("*.html"))]
        files += [f for d in theme_dirs for f in sorted((Path(d) / "partials" / "javascripts").glob("*.html"))]
        return cls([body for f in files for body in _TEMPLATE_SCRIPT.findall(f.read_text(encoding="utf-8"))])

    def allows(self, script: str) -> bool:
        return any(pattern.fullmatch(script) for pattern in self.patterns)


def _split_jinja(snippet: str) -> list[str]:
    """Literal text and Jinja expressions, alternating (literal first)."""
    parts, end = [], 0
    for match in _JINJA_EXPRESSION.finditer(snippet):
        parts += [snippet[end:match.start()], match.group()]
        end = match.end()
    return parts + [snippet[end:]]


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script a browser would run (not src=, not JSON data)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _RUNS:
            continue
        found.append(match.group("body"))
    return found


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_script_hashes(html: str) -> set[str]:
    """'sha256-…' sources for each inline script a browser would run."""
    return {script_hash(script) for script in inline_scripts(html)}


def page_problems(html: str, known: KnownScripts) -> list[str]:
    """What in a whole built page (before its policy is added) no template of ours or Material's writes."""
    problems = [f"has a script tag not in a form our templates or Material write: {m.group()[:80]!r}"
                for m in _SCRIPT_OPENING.finditer(html) if not _SCRIPT_FORMS.fullmatch(m.group())]
    problems += [f"has an inline script that is not one of the known template scripts: {script.strip()[:80]!r}"
                 for script in inline_scripts(html) if not known.allows(script)]
    tags = [m.group() for m in _ANY_TAG.finditer(html)]
    problems += [what for pattern, what in _FORBIDDEN_IN_TAGS if any(pattern.search(tag) for tag in tags)]
    return problems


def policy(hashes: set[str]) -> str:
    listed = "".join(" " + h for h in sorted(hashes))
    return "; ".join(d.format(hashes=listed) for d in DIRECTIVES)


def with_policy(html: str, content: str) -> str:
    """The page with its policy as the first thing after <meta charset> (anything before it is not covered)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">\n'
    head_end = html.find("</head>")  # a policy only ever sits in the head; the body is most of a page
    if _META.search(html, 0, head_end if head_end >= 0 else len(html)):
        html = _META.sub("", html)
    match = _CHARSET.search(html)
    if match:
        return html[:match.end()] + meta + html[match.end():]
    head = re.search(r"<head\b[^>]*>\n?", html, re.I)
    if not head:
        raise ValueError("a page without <head>: no place for its Content-Security-Policy")
    return html[:head.end()] + meta + html[head.end():]


def apply_to_site(site_dir: Path, known: set[str] = frozenset(), settled: set[Path] = frozenset()) -> tuple[int, str]:
    """Give every built page the site's policy. Returns (pages, policy). Running it twice changes nothing.

    `known` hashes are already in the policy; `settled` pages already carry exactly that policy,
    so they are read again only if another page adds a hash.
    """
    pages = sorted(site_dir.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages if page not in settled}
    hashes = set(known)
    for text in texts.values():
        hashes |= inline_script_hashes(text)
    if hashes != set(known):
        texts.update({page: page.read_text(encoding="utf-8") for page in settled if page.is_file()})
    content = policy(hashes)
    for page, text in texts.items():
        updated = with_policy(text, content)
        if updated != text:
            page.write_text(updated, encoding="utf-8")
    return len(pages), content


_SCOPE = re.compile(r'__md_scope=new URL\("([^"]*)",location\)')


class PolicyAsPagesAreWritten:
    """Put the policy into each page before MkDocs writes it, instead of reading and writing every
    page again at the end (on a large site the whole site is mostly navigation, so that second pass
    grew with the square of the pages).

    The inline scripts are the theme's and ours (content may hold none), the same on every page
    but one of Material's, which names the site root relative to the page. So once a page is
    seen, the scripts of every depth are known and later pages get the final policy as they are
    written. A page with a script not foreseen still gets it allowed: `finish` rewrites the pages
    written before it.
    """

    def __init__(self, site_dir: Path, base_urls: set[str], known: set[str] = frozenset()):
        self.site_dir = site_dir
        self.base_urls = base_urls
        self.known: set[str] = set(known)  # hashes of scripts no page holds, written at run time (search's shim)
        self.written: dict[Path, frozenset[str]] = {}

    def add(self, dest_path: str, html: str) -> str:
        found = inline_script_hashes(html)
        if not found <= self.known:
            self.known |= found | self._for_every_depth(html)
        self.written[self.site_dir / dest_path] = frozenset(self.known)
        return with_policy(html, policy(self.known))

    def _for_every_depth(self, html: str) -> set[str]:
        variants = []
        for match in _SCRIPT.finditer(html):
            body = match.group("body")
            scope = _SCOPE.search(body)
            if scope:
                variants += [f'<script>{body[:scope.start(1)]}{base}{body[scope.end(1):]}</script>' for base in self.base_urls]
        return inline_script_hashes("".join(variants))

    def finish(self) -> tuple[int, str]:
        final = frozenset(self.known)
        settled = {path for path, hashes in self.written.items() if hashes == final}
        return apply_to_site(self.site_dir, self.known, settled)
