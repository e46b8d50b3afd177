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


_NUMERIC = re.compile(r"^[+\-]?\d[\d,.]*\s*(万元|元|件|条|项)?$")


def looks_like_html(text: str) -> bool:
    # Two tags decide it: stop there rather than collect every tag of a page.
    tags = _LOOKS_HTML.finditer(text[:20000])
    return next(tags, None) is not None and next(tags, None) is not None


_SPACES = re.compile(r"\s+")


def _cell_text(node: object) -> str:
    return _SPACES.sub(" ", node.text(separator=" ", strip=True) or "").strip()  # type: ignore[attr-defined]


def _span(raw: str | None) -> int:
    raw = (raw or "1").strip()
    # isdigit() also accepts "²", which int() rejects; isdecimal() is what int() reads.
    return max(1, min(int(raw), 200)) if raw.isdecimal() else 1


def _spans(node: object) -> tuple[int, int]:
    """(rowspan, colspan), reading the attributes once: most cells have none."""
    attrs = node.attributes  # type: ignore[attr-defined]
    if not attrs:
        return 1, 1
    return _span(attrs.get("rowspan")), _span(attrs.get("colspan"))


def table_rows(table: object) -> list[list[str]]:
    """The table as a grid: rowspan/colspan resolved by repeating the merged cell's text."""
    grid: dict[tuple[int, int], str] = {}
    rows = [tr for tr in table.css("tr")  # type: ignore[attr-defined]
            if _nearest_table(tr) == table]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.iter():
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            rs, cs = _spans(cell)
            if rs == cs == 1:
                grid[r, c] = text  # the slot is free: the loop above skipped taken ones
                c += 1
                continue
            # A merged label repeats into every slot it covers; a merged number is one
            # value, so it goes in its first slot only.
            numeric = bool(_NUMERIC.match(text))
            for dr in range(rs):
                for dc in range(cs):
                    grid.setdefault((r + dr, c + dc), "" if numeric and (dr or dc) else text)
            c += cs
    if not grid:
        return []
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]


def _nearest_table(node: object) -> object | None:
    parent = node.parent  # type: ignore[attr-defined]
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


def html_to_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    title = tree.css_first("title")
    parts: list[str] = []
    if title is not None and title.text(strip=True):
        parts.extend([title.text(strip=True), "\n"])
    root = tree.body or tree.root
    if root is None:
        return "".join(parts)
    # Nodes still to visit, and the "\n" that closes a block once its children are done.
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
            continue
        tag = node.tag  # type: ignore[attr-defined]
        if tag == "-text":
            parts.append(node.text_content or "")  # type: ignore[attr-defined]
            continue
        if tag in _SKIP or tag == "-comment":
            continue
        if tag == "table":
            # Tables become one line per row, cells joined by " | ", merged cells repeated,
            # so the text-level table reader sees every row complete.
            rows = table_rows(node)
            # A closing "|" ends every row, so a blank last cell stays a cell.
            parts.append("\n" + "\n".join(" | ".join(row) + " |" for row in rows) + "\n")
            continue
        if tag in _BLOCK:
            parts.append("\n")
            stack.append("\n")
        children = list(node.iter(include_text=True))  # type: ignore[attr-defined]
        children.reverse()
        stack.extend(children)
    text = "".join(parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
