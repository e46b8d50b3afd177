"""The 2019/2021 standard tables, from any layout the web flattened them into.

Every layout is first read into rows (a label and a list of cells, blanks kept where the
layout keeps them): pipe-joined lines (what html_text renders HTML tables to, merged
cells repeated), a label followed by a run of numbers, or one cell per line. Rows are
then recognised by their labels: part 三 labels come from the metric catalog, parts 二
and 四 from data/table_layouts.csv. The layouts are data; this module only reads rows.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from ogi.catalog import metrics
from ogi.models import Figure, Issue
from ogi.normalize import normalize_label

APPLICANT_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution",
                     "social_welfare_org", "legal_service_org", "other_org", "total")
_NUMBER = re.compile(r"^\s*(?P<num>[+\-]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元|件|条|项|个)?\s*$")
_BLANK = {"", "-", "—", "－", "/", "／", "无", "空"}
_PART_HEADINGS = {
    2: re.compile(r"二\s*[、.]?\s*主动公开政府信息情况"),
    3: re.compile(r"三\s*[、.]?\s*收到和处理政府信息公开申请情况"),
    4: re.compile(r"四\s*[、.]?\s*[^\n]{0,12}行政复议[^\n]{0,6}行政诉讼[^\n]{0,4}情况"),
    5: re.compile(r"五\s*[、.]?\s*[^\n]{0,6}(主要问题|存在的问题)"),
}
# Part 三 row labels that introduce values; the numbering of a sub-row ("1.", "（三）") is
# kept in the catalog variants where it is the only thing that tells rows apart (3.其他).
_PART3_FAMILIES = ("app", "disp")


class Cell(NamedTuple):
    """A number read from a table. A named tuple: a report holds hundreds of cells and a
    frozen dataclass costs several times as much to create."""

    value: float | int
    unit: str
    start: int
    end: int


# A report's tables hold hundreds of cells: creating them through tuple.__new__ skips
# the named tuple's Python-level __new__, about a third of what reading a cell costs.
_new = tuple.__new__


@dataclass
class Row:
    label: str
    start: int
    end: int
    cells: list[Cell | None] = field(default_factory=list)
    closed: bool = False  # the line ended with "|", which may close the row or a blank cell

    @property
    def values(self) -> list[Cell]:
        return [c for c in self.cells if c is not None]


@dataclass(frozen=True)
class Layout:
    template: str
    part: int
    row_pattern: re.Pattern[str]
    metrics: tuple[str, ...]


@cache
def layouts() -> tuple[Layout, ...]:
    raw = resources.files("ogi").joinpath("data", "table_layouts.csv").read_text("utf-8")
    return tuple(Layout(r["template"], int(r["part"]), re.compile(r["row_pattern"]),
                        tuple(r["metrics"].split(";")))
                 for r in csv.DictReader(raw.splitlines()))


@cache
def _part3_labels() -> tuple[tuple[str, str], ...]:
    out = []
    for m in metrics().values():
        if m.family not in _PART3_FAMILIES or not ({"2019", "2021", "all"} & set(m.era.split("|"))):
            continue
        labels = set(m.zh_variants) | ({m.zh_label} if len(m.zh_label) >= 4 else set())
        out.extend((_canonical(normalize_label(lab)), m.code) for lab in labels if len(lab) >= 2)
    return tuple(out)


def _canonical(label: str) -> str:
    """No spaces, and one way of numbering sub-rows: 3、其他 / 3．其他 -> 3.其他."""
    return re.sub(r"(\d)\s*[、.．]", r"\1.", re.sub(r"\s+", "", label))


@lru_cache(maxsize=4096)
def part3_metric(label: str) -> str | None:
    """The row's own label is the last one in it ("（三）不予公开 1.属于国家秘密").
    Cached: the form's row labels repeat from one report to the next."""
    clean = _canonical(label)
    best: tuple[int, int, str] | None = None
    for variant, code in _part3_labels():
        pos = clean.rfind(variant)
        if pos < 0:
            continue
        key = (pos + len(variant), len(variant), code)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


@lru_cache(maxsize=16384)
def _read_cell(stripped: str) -> tuple[float | int, str] | None | str:
    """(value, unit), None for a blank, or the label itself. Cached: forms repeat their
    labels and small numbers from one report to the next."""
    if stripped in _BLANK:
        return None
    m = _NUMBER.match(stripped)
    if not m:
        return stripped
    raw = m.group("num").replace(",", "")
    return float(raw) if "." in raw else int(raw), m.group("unit") or ""


def _parse_cell(text: str, start: int) -> Cell | None | str:
    """A Cell, None for a blank cell, or the text itself when it is a label."""
    stripped = text.strip()
    read = _read_cell(stripped)
    if read is None or isinstance(read, str):
        return read
    at = start + len(text) - len(text.lstrip())
    return _new(Cell, (read[0], read[1], at, at + len(stripped)))


_TOKEN = re.compile(r"\S+")
_SPACE_RUN = re.compile(r"\s+")


def _line_cells(line: str, line_start: int) -> tuple[list[Cell | None | str], bool]:
    """The cells of one line, and whether a closing "|" ended it."""
    if "|" not in line:
        # A token holds no whitespace: it is its own stripped text and starts where it stands.
        cells: list[Cell | None | str] = []
        for m in _TOKEN.finditer(line):
            read = _read_cell(m.group())
            if read is None or isinstance(read, str):
                cells.append(read)
            else:
                cells.append(_new(Cell, (read[0], read[1], line_start + m.start(),
                                         line_start + m.end())))
        return cells, False
    pieces = line.split("|")
    closed = len(pieces) > 1 and not pieces[-1].strip()
    if closed:
        pieces.pop()  # a closing "|" ends the row; it is not a blank cell
    cells, pos = [], line_start
    for piece in pieces:
        stripped = piece.strip()
        if stripped.isdecimal():  # the common bare count: no unit, no separator
            at = pos + len(piece) - len(piece.lstrip())
            cells.append(_new(Cell, (int(stripped), "", at, at + len(stripped))))
        else:
            read = _read_cell(stripped)
            if read is None or isinstance(read, str):
                cells.append(read)
            else:
                at = pos + len(piece) - len(piece.lstrip())
                cells.append(_new(Cell, (read[0], read[1], at, at + len(stripped))))
        pos += len(piece) + 1
    return cells, closed


def read_rows(text: str, start: int = 0, end: int | None = None) -> list[Row]:
    end = len(text) if end is None else end
    rows: list[Row] = []
    pending: Row | None = None
    offset = start
    for line in text[start:end].split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if not line or line.isspace():
            continue
        cells, closed = _line_cells(line, line_start)
        # cells[first:labels_end] is the label: a leading "|" opens the row and leaves a
        # blank cell that is not one; everything after the label is values.
        first = 0
        while first < len(cells) and cells[first] is None:
            first += 1
        labels_end = first
        while labels_end < len(cells) and isinstance(cells[labels_end], str):
            labels_end += 1
        values = [c for c in cells[labels_end:] if not isinstance(c, str)]
        if (cells and pending is not None and labels_end == first
                and len(values) == len(cells) - labels_end):
            pending.cells.extend(cells)  # no label at all: numbers after their label's line
            pending.end = line_start + len(line)
            continue
        if "|" not in line:
            values = [c for c in values if c is not None]
        pending = Row(" ".join(cells[first:labels_end]), line_start,  # type: ignore[arg-type]
                      line_start + len(line), values, closed)
        rows.append(pending)
    return [r for r in rows if r.label]


def part_zones(text: str) -> dict[int, tuple[int, int]]:
    found = {p: m.start() for p, rx in _PART_HEADINGS.items() if (m := rx.search(text))}
    zones = {}
    for part in (2, 3, 4):
        if part not in found:
            continue
        later = [pos for p, pos in found.items() if p > part and pos > found[part]]
        zones[part] = (found[part], min(later) if later else len(text))
    return zones


@dataclass
class TableResult:
    figures: list[Figure] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _figure(metric: str, dims: dict[str, str], cell: Cell, text: str, rule: str, label: str,
            default_unit: str) -> Figure:
    fixed = metrics()[metric].fixed_dims
    # Positional: a report's tables make some 200 figures, and keyword arguments double
    # the cost of a dataclass's __init__. The order is Figure's field order.
    return Figure(metric, {**fixed, **dims}, cell.value, cell.unit or default_unit, ["exact"],
                  (cell.start, cell.end), text[cell.start:cell.end], rule, label)


def _derived(metric: str, dims: dict[str, str], value: float | int, row: Row, text: str,
             rule: str) -> Figure:
    fixed = metrics()[metric].fixed_dims
    return Figure(metric=metric, dims={**fixed, **dims}, value=value, unit="件",
                  qualifiers=["exact"], span=(row.start, row.end),
                  evidence=text[row.start:row.end], rule=rule, label=row.label, derived=True)


def _part3_row(row: Row, metric: str, text: str, out: TableResult) -> None:
    cells = row.cells
    while len(cells) > 7 and cells[-1] is None:  # padding after the last column
        cells = cells[:-1]
    if len(cells) == 6 and row.closed:
        cells = [*cells, None]  # "…|0|" : the closing bar was the separator of a blank 总计
    if len(cells) != 7:
        out.issues.append(Issue("table_row_unclear",
                                f"{metric}: {len(cells)} cell(s) where the form has 7 columns "
                                f"({row.label}); not loaded", (row.start, row.end), metric))
        return
    parts, total = cells[:6], cells[6]
    printed = [c.value for c in parts if c is not None]
    for column, cell in zip(APPLICANT_COLUMNS, cells, strict=True):
        if cell is not None:
            out.figures.append(_figure(metric, {"applicant_type": column}, cell, text,
                                       "table:part3", row.label, "件"))
    if total is None:
        if len(printed) == 6:
            out.figures.append(_derived(metric, {"applicant_type": "total"}, sum(printed), row,
                                        text, "table:derived_total"))
            out.issues.append(Issue("derived_total", f"{metric}: 总计 blank, derived from the "
                                    f"six columns = {sum(printed)}", (row.start, row.end),
                                    metric))
        else:
            out.issues.append(Issue("blank_total", f"{metric}: 总计 and some columns blank; "
                                    "total not derived", (row.start, row.end), metric))
        return
    if len(printed) == 6:
        if sum(printed) != total.value:
            out.issues.append(Issue("identity_broken", f"{metric}: columns sum to "
                                    f"{sum(printed)} but 总计 is {total.value}",
                                    (row.start, row.end), metric))
        return
    if sum(printed) == total.value:
        # Blank detail cells whose printed neighbours already add up to the total: zeros.
        for column, cell in zip(APPLICANT_COLUMNS, parts, strict=False):
            if cell is None:
                out.figures.append(_derived(metric, {"applicant_type": column}, 0, row, text,
                                            "table:blank_as_zero"))
    else:
        out.issues.append(Issue("blank_cells", f"{metric}: blank cells and the printed ones "
                                f"sum to {sum(printed)}, not 总计 {total.value}; blanks not "
                                "loaded", (row.start, row.end), metric))


def _parse_part3(text: str, zone: tuple[int, int], out: TableResult) -> None:
    seen: set[str] = set()
    for row in read_rows(text, *zone):
        if not row.cells or not row.values:
            continue
        metric = part3_metric(row.label)
        if metric is None or metric in seen:
            continue
        seen.add(metric)
        _part3_row(row, metric, text, out)


def _parse_part2(text: str, zone: tuple[int, int], template: str, out: TableResult) -> None:
    specs = [lay for lay in layouts() if lay.part == 2 and lay.template == template]
    done: set[str] = set()
    for row in read_rows(text, *zone):
        values = row.values
        if not values:
            continue
        label = _SPACE_RUN.sub("", row.label)
        spec = next((s for s in specs if s.row_pattern.search(label)
                     and s.metrics[0] not in done), None)
        if spec is None:
            continue
        done.add(spec.metrics[0])
        if len(values) != len(spec.metrics):
            out.issues.append(Issue("table_row_unclear", f"part 二 row {row.label}: "
                                    f"{len(values)} value(s), the form has "
                                    f"{len(spec.metrics)}", (row.start, row.end)))
            continue
        for metric, cell in zip(spec.metrics, values, strict=True):
            unit = metrics()[metric].units[0] if metrics()[metric].units else ""
            out.figures.append(_figure(metric, {}, cell, text, "table:part2", row.label, unit))


def _parse_part4(text: str, zone: tuple[int, int], out: TableResult) -> None:
    spec = next(lay for lay in layouts() if lay.part == 4)
    body = text[zone[0]:zone[1]]
    header = re.search(r"行政复议", body)
    if not header:
        return
    cells: list[Cell] = []
    for row in read_rows(text, zone[0] + header.start(), zone[1]):
        cells.extend(row.values)
        if len(cells) >= 15:
            break
    # Rows with no label at all (15 bare numbers on a line) are not rows: read them too.
    if len(cells) < 15:
        cells = [c for m in re.finditer(r"(?<![\d.])\d+(?![\d.%])", body[header.start():])
                 if isinstance(c := _parse_cell(m.group(), zone[0] + header.start() + m.start()),
                               Cell)][:15]
    if len(cells) < 15:
        out.issues.append(Issue("part4_incomplete", f"part 四: found {len(cells)} of 15 cells; "
                                "not loaded", zone))
        return
    for metric, cell in zip(spec.metrics, cells[:15], strict=True):
        out.figures.append(_figure(metric, {}, cell, text, "table:part4", "行政复议 行政诉讼",
                                   "件"))
    for group in range(3):
        block = [c.value for c in cells[group * 5:group * 5 + 5]]
        if sum(block[:4]) != block[4]:
            out.issues.append(Issue("identity_broken", f"part 四 {spec.metrics[group * 5 + 4]}: "
                                    f"outcomes sum to {sum(block[:4])}, total is {block[4]}",
                                    zone, spec.metrics[group * 5 + 4]))


def _check_part3(result: TableResult) -> None:
    total = {f.metric: f.value for f in result.figures
             if f.dims.get("applicant_type") == "total" and f.rule.startswith("table")}
    subrows = [v for m, v in total.items() if m.startswith("disp.") and m != "disp.total"
               and not m.endswith(".total")]
    if "disp.other.total" in total and not any(m.startswith("disp.other.") and m !=
                                               "disp.other.total" for m in total):
        subrows.append(total["disp.other.total"])
    # Only a complete set of rows can be summed: （一）,（二）, 8 + 3 + 5 sub-rows, and
    # （六） as one row (2019) or three (2021).
    other_rows = sum(1 for m in total if m.startswith("disp.other.") and m != "disp.other.total")
    complete = len(subrows) == 18 + (other_rows if other_rows else 1)
    if "disp.total" in total and complete and sum(subrows) != total["disp.total"]:
        result.issues.append(Issue("identity_broken", f"（七）总计 {total['disp.total']} but "
                                   f"its rows sum to {sum(subrows)}", metric="disp.total"))
    keys = ("app.received", "app.carried_in", "disp.total", "app.carried_out")
    if all(k in total for k in keys):
        inflow = total["app.received"] + total["app.carried_in"]
        outflow = total["disp.total"] + total["app.carried_out"]
        if inflow != outflow:
            result.issues.append(Issue("identity_broken", f"一 + 二 = {inflow} but 三（七） + 四 "
                                       f"= {outflow}", metric="app.received"))


def extract_tables(text: str, template: str) -> TableResult:
    result = TableResult()
    zones = part_zones(text)
    whole = (0, len(text))
    if template in ("table_2019", "table_2021"):
        _parse_part2(text, zones.get(2, whole), template, result)
    _parse_part3(text, zones.get(3, whole), result)
    if 4 in zones and template != "narrative":
        _parse_part4(text, zones[4], result)
    _check_part3(result)
    return result
