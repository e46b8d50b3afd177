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
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head", "-comment"}
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


def _cell_text(node: object) -> str:
    # Whitespace runs become one space: split() and \s agree on what whitespace is.
    return " ".join((node.text(separator=" ", strip=True) or "").split())  # type: ignore[attr-defined]


def _span(raw: str | None) -> int:
    raw = (raw or "1").strip()
    # isdigit() also accepts "²", which int() rejects; isdecimal() is what int() reads.
    return max(1, min(int(raw), 200)) if raw.isdecimal() else 1


def _spans(node: object) -> tuple[int, int]:
    """(rowspan, colspan); most cells have neither. attrs looks one attribute up in C,
    where .attributes builds a dict of them all."""
    attrs = node.attrs  # type: ignore[attr-defined]
    rowspan, colspan = attrs.get("rowspan"), attrs.get("colspan")
    return (1 if rowspan is None else _span(rowspan)), (1 if colspan is None else _span(colspan))


_ROW_GROUPS = ("thead", "tbody", "tfoot")


def _rows_of(table: object) -> list[object]:
    """The table's own rows, in order, not those of tables nested in its cells. An HTML5
    parser puts every row of a table in the table itself or in one of its row groups."""
    rows = []
    for child in table.iter():  # type: ignore[attr-defined]
        tag = child.tag
        if tag == "tr":
            rows.append(child)
        elif tag in _ROW_GROUPS:
            rows.extend(row for row in child.iter() if row.tag == "tr")
    return rows


def table_rows(table: object) -> list[list[str]]:
    """The table as a grid: rowspan/colspan resolved by repeating the merged cell's text."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(_rows_of(table)):
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
    pop, push, extend, emit = stack.pop, stack.append, stack.extend, parts.append
    while stack:
        node = pop()
        if node.__class__ is str:
            emit(node)
            continue
        tag = node.tag  # type: ignore[attr-defined]
        if tag == "-text":
            emit(node.text_content or "")  # type: ignore[attr-defined]
            continue
        if tag in _SKIP:
            continue
        if tag == "table":
            # Tables become one line per row, cells joined by " | ", merged cells repeated,
            # so the text-level table reader sees every row complete.
            rows = table_rows(node)
            # A closing "|" ends every row, so a blank last cell stays a cell.
            emit("\n" + "\n".join(" | ".join(row) + " |" for row in rows) + "\n")
            continue
        if tag in _BLOCK:
            emit("\n")
            push("\n")
        children = list(node.iter(include_text=True))  # type: ignore[attr-defined]
        children.reverse()
        extend(children)
    text = _TRAILING_BLANKS.sub("\n", "".join(parts))
    return _BLANK_LINES.sub("\n\n", text).strip()


_TRAILING_BLANKS = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
