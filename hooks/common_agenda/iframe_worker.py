"""The inline script that search's shim for file:// writes, read from the shim file itself.

Chromium will not start a Web Worker from a file:// page, so for the offline bundle Material's
search runs its worker in a hidden about:blank iframe (the iframe-worker shim, our copy in
docs/vendor/iframe-worker/). The shim document.write()s an inline <script> into that iframe, and
the iframe runs under the page's Content-Security-Policy, so the policy must allow that script
by its hash. The script's text is a template literal of the shim with two of the shim's own
functions put in by their source text (Function.prototype.toString gives exactly that), so it is
known from the file, and reading it from the file means an updated shim brings its own hash
instead of silently breaking search. Upstream's template also names the worker's address, which
differs with each page's depth; our copy passes the address in an attribute instead (NOTICE).
"""

from __future__ import annotations

import re

# The iframe's first script: `document.write(`<html><body><script…>TEXT<\/script>…`
_WRITTEN = re.compile(r"document\.write\(`<html><body><script\b[^>]*>(?P<text>.*?)<\\/script>", re.S)
_PLACEHOLDER = re.compile(r"\$\{(?P<expr>[^}]*)\}")


class ShimNotUnderstood(ValueError):
    """The shim does not write its iframe script the way this module expects (an update changed it)."""


def written_script(shim: str) -> str:
    """The text of the inline script the shim writes into its iframe, as the browser will hash it."""
    found = _WRITTEN.findall(shim)
    if len(found) != 1:
        raise ShimNotUnderstood(f"expected one document.write(`<html><body><script>…`) in the shim, found {len(found)}")
    template = found[0]
    if "\\" in template or "`" in template:
        raise ShimNotUnderstood("the iframe script has an escape or a backtick: its text is not its source")

    def source_of(placeholder: re.Match) -> str:
        name = placeholder.group("expr")
        if not re.fullmatch(r"[A-Za-z_$][\w$]*", name) or f"function {name}(" not in shim:
            raise ShimNotUnderstood(f"the iframe script puts in ${{{name}}}, which is not one of the shim's "
                                    "functions, so its text is not known before it runs (a page address?)")
        return function_source(shim, name)

    return _PLACEHOLDER.sub(source_of, template)


def function_source(script: str, name: str) -> str:
    """`function name(…){…}` as written in `script`, to its matching brace (string literals skipped)."""
    start = script.index(f"function {name}(")
    depth, i, opened = 0, start, False
    while i < len(script):
        char = script[i]
        if char in "\"'":
            end = re.compile(rf"{char}(?:[^{char}\\\n]|\\.)*{char}").match(script, i)
            if not end:
                raise ShimNotUnderstood(f"function {name}: a string that does not close")
            i = end.end()
            continue
        if char in "`/" and opened:
            raise ShimNotUnderstood(f"function {name} holds a template literal or a regular expression: "
                                    "its end cannot be found by counting braces")
        if char == "{":
            depth, opened = depth + 1, True
        elif char == "}":
            depth -= 1
            if opened and depth == 0:
                return script[start:i + 1]
        i += 1
    raise ShimNotUnderstood(f"function {name} does not close")
