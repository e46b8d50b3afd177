"""Who wrote a report: the author named in the title or body, resolved to a GB/T 2260 code.

A name is resolved only when the text decides it: a unique current division name, or a
name made unique by a parent named beside it or by the page's 索引号 prefix. Anything else
stays unresolved with the reason.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ogi.models import Jurisdiction

# Bodies that are not the government itself: the report is a department's.
_DEPARTMENT = re.compile(
    r"(局|委员会|委|办公室|办公厅|厅|中心|院|所|署|站|队|处|公司|管理处|研究室|事务所)$"
)
_GOVERNMENT_SUFFIX = re.compile(r"(人民政府(办公室|办公厅)?|政府(办公室|办公厅)?)$")
_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{1,8}(镇|乡|街道办事处|街道)")
_SPAM = re.compile(r"[A-Za-z0-9]{2,}|官网|网址|娱乐|彩票|博彩|棋牌|真人|平台注册")
_INDEX_NO = re.compile(r"索引号\s*[:：]?\s*(\d{6})")


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str
    level: str
    parent_adcode: str
    province_adcode: str
    status: str


@cache
def divisions() -> dict[str, Division]:
    raw = resources.files("ogi").joinpath("data", "divisions.csv").read_text("utf-8")
    return {
        row["adcode"]: Division(row["adcode"], row["name"], row["level"], row["parent_adcode"],
                                row["province_adcode"], row["status"])
        for row in csv.DictReader(raw.splitlines())
    }


@cache
def _by_name() -> dict[str, tuple[Division, ...]]:
    out: dict[str, list[Division]] = {}
    for div in divisions().values():
        out.setdefault(div.name, []).append(div)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _name_pattern() -> re.Pattern[str]:
    names = sorted((n for n in _by_name() if len(n) >= 2), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _ancestors(div: Division) -> set[str]:
    out, seen = set(), divisions()
    code = div.parent_adcode
    while code and code in seen and code not in out:
        out.add(code)
        code = seen[code].parent_adcode
    return out


def _level(div: Division) -> str:
    if div.level == "county" and div.name.endswith("区"):
        return "district"
    return div.level


def _pick(candidates: tuple[Division, ...], context_codes: set[str]) -> tuple[Division | None, str]:
    current = tuple(c for c in candidates if c.status == "current") or candidates
    if len(current) == 1:
        return current[0], "unique name"
    narrowed = [c for c in current if _ancestors(c) & context_codes or c.adcode in context_codes]
    if len(narrowed) == 1:
        return narrowed[0], "name and a parent named in the text"
    names = ", ".join(f"{c.adcode}" for c in current[:6])
    return None, f"ambiguous name {current[0].name!r}: {len(current)} divisions ({names})"


def resolve_author(author: str | None, text: str) -> Jurisdiction:
    if not author:
        return Jurisdiction(None, None, "unknown", "no author named in title or body")
    found = [(m.start(), m.end(), m.group()) for m in _name_pattern().finditer(author)]
    index_codes = set(_INDEX_NO.findall(text[:3000])) & set(divisions())
    if not found:
        return Jurisdiction(author, None, "unknown", "no division name in the author")
    context: set[str] = set(index_codes)
    resolved: Division | None = None
    how = ""
    for _, _, name in found:
        div, how = _pick(_by_name()[name], context | ({resolved.adcode} if resolved else set()))
        if div is None:
            if resolved is None:
                return Jurisdiction(author, None, "unknown", how)
            break
        resolved = div
        context.add(div.adcode)
    assert resolved is not None
    last_end = max(e for s, e, n in found if n == resolved.name)
    rest = author[last_end:]
    if _SPAM.search(rest):
        return Jurisdiction(resolved.name, resolved.adcode, _level(resolved),
                            f"{how}; text after {resolved.name!r} replaced by spam, the "
                            "more specific body is unknown")
    if index_codes and resolved.adcode in index_codes:
        how += "; confirmed by 索引号 prefix"
    rest_clean = _GOVERNMENT_SUFFIX.sub("", rest).strip()
    if rest_clean and (town := _TOWNSHIP.match(rest_clean)):
        return Jurisdiction(author_name(resolved, rest_clean[:town.end()]), resolved.adcode,
                            "township", f"{how}; township under {resolved.name}")
    if rest_clean and _DEPARTMENT.search(rest_clean):
        return Jurisdiction(author_name(resolved, rest_clean), resolved.adcode, "department",
                            f"{how}; department of {resolved.name}")
    return Jurisdiction(full_name(resolved, author), resolved.adcode, _level(resolved), how)


def author_name(div: Division, rest: str) -> str:
    return f"{div.name}{rest}"


def full_name(div: Division, author: str) -> str:
    """长沙市开福区 rather than 开福区 when the author wrote the parent too."""
    parent = divisions().get(div.parent_adcode)
    if parent and parent.level == "prefecture" and f"{parent.name}{div.name}" in author:
        return f"{parent.name}{div.name}"
    return div.name
