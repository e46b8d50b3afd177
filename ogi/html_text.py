"""HTML to plain text: block elements become lines, table rows become `a | b | c` lines.

Uses selectolax's Lexbor parser (a real HTML5 parser that tolerates truncated markup) and
an explicit stack instead of recursion, so deeply nested pages cannot exhaust the stack.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

_LOOKS_HTML = re.compile(
    r"<\s*(!doctype|html|head|body|div|p|table|tr|td|br|span|meta|title|section|article)\b", re.I
)
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "table", "tbody", "thead", "tfoot", "blockquote", "pre",
    "hr", "dl", "dt", "dd", "form", "center", "title", "main", "nav", "aside",
}


def looks_like_html(text: str) -> bool:
    return len(_LOOKS_HTML.findall(text[:20000])) >= 2


def html_to_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    title = tree.css_first("title")
    parts: list[str] = []
    if title is not None and title.text(strip=True):
        parts.extend([title.text(strip=True), "\n"])
    root = tree.body or tree.root
    if root is None:
        return "".join(parts)
    # (node, entering) pairs; leaving a node lets blocks and cells close their line.
    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if not entering:
            if tag in ("td", "th"):
                parts.append(" | ")
            elif tag == "tr" or tag in _BLOCK:
                parts.append("\n")
            continue
        if tag == "-text":
            parts.append(node.text_content or "")  # type: ignore[attr-defined]
            continue
        if tag in _SKIP or tag == "-comment":
            continue
        if tag in _BLOCK:
            parts.append("\n")
        stack.append((node, False))
        children = list(node.iter(include_text=True))  # type: ignore[attr-defined]
        stack.extend((child, True) for child in reversed(children))
    text = "".join(parts)
    text = re.sub(r"[ \t\u00a0]*\|\s*\n", "\n", text)  # trailing cell separator
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
