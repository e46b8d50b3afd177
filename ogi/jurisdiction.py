"""Who wrote a report: the author named in the title or body, resolved to a GB/T 2260 code.

Never a guess. The author is read as a chain of division names from its start (湖南省长沙市
开福区, 长沙开福区), then a body: nothing or the government's own office (the government
itself), a township (镇/乡/街道), a department (审计局, 外事办公室, 发展和改革委员会 ...), spam,
or something not recognised. The most specific division of the chain is resolved when

- its name is unique among current codes, or historic only and unique among historic codes
  (a current name never resolves to a historic code of the same name);
- the names before it in the chain nest it (北京市朝阳区, 长春市朝阳区);
- the page's 索引号 prefix, or a parent or province named in the first part of the text,
  leaves exactly one candidate.

Otherwise it stays unresolved and the reason lists the candidates. A short form without
its suffix (开福 for 开福区) always needs the text to confirm it. Townships are not in the
table: a township resolves to its county-level government when that is named (in the
author, right before the township's name in the text, or as a county-level 索引号 prefix).

After a one-time index build, a call costs O(len(author)) dictionary look-ups plus a few
substring searches in a bounded head of the text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ogi.models import Jurisdiction

HEAD_CHARS = 2000  # "the first part of the text": title, page header and opening paragraph
INDEX_CHARS = 3000

# The 55 minority nationalities (and 各族), for reducing 延边朝鲜族自治州 to 延边. Official names
# drop 族 after some of the longer ones (博尔塔拉蒙古自治州, 察布查尔锡伯自治县).
_ETHNIC_LONG = (
    "蒙古|维吾尔|布依|朝鲜|土家|哈尼|哈萨克|傈僳|高山|拉祜|东乡|纳西|景颇|柯尔克孜|达斡尔|仫佬|"
    "布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|塔塔尔|"
    "独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_ETHNIC_SHORT = "回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京|各"
# The shortest stem of two characters or more: 内蒙古自治区 -> 内蒙古, not 内 + 蒙古.
_AUTONOMOUS = re.compile(
    rf"(?P<stem>.{{2,}}?)(?:(?:{_ETHNIC_LONG})族?|(?:{_ETHNIC_SHORT})族)*自治(?P<kind>州|县|旗|区)"
)
_PLAIN_SUFFIX = re.compile(r"(?:特别行政区|地区|林区|特区|新区|省|市|县|区|旗|盟|州)$")
# A stem followed by one of these is another unit's name (城关 + 镇 is not 城关区).
_ADMIN_CHAR = frozenset("省市县区旗盟州镇乡村街")

# What may follow the divisions when the author is the government itself.
_GOVERNMENT_BODY = re.compile(
    r"(?:人民政府|政府)?(?:办公室|办公厅|办|行政公署|行署)?"
    r"|(?:人民政府|政府)?(?:办公室|办公厅)?(?:政务公开|政府信息公开|信息公开)(?:工作)?"
    r"(?:领导小组)?(?:办公室|办)"
)
_LEADING_GOVERNMENT = re.compile(r"^(?:人民政府|政府)")
_TOWNSHIP_BODY = re.compile(
    r"(?P<town>[\u4e00-\u9fff]{1,10}?(?:镇|乡|苏木|街道))(?:办事处)?(?:人民政府|政府)?"
    r"(?:党政综合办公室|党政办公室|党政办|办公室)?"
)
# A body ending like this is one of the government's departments (or a unit under it).
_DEPARTMENT_BODY = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|办|厅|中心|院|所|署|站|队|处|公司|会|室|馆|部)$"
)
# Words spam mirrors put in place of a body's name (长春市365bet官网备用网址办公室). Only the
# text after the divisions is tested, so a real 金沙县 is never taken for 澳门金沙. Digits
# alone are not spam: 12345热线办公室.
_SPAM = re.compile(
    r"[A-Za-z]{2,}|官网|网址|娱乐|彩票|博彩|赌|棋牌|真人|投注|开户|注册送|平台注册|"
    r"百家乐|老虎机|葡京|威尼斯人|太阳城|金沙(?:娱乐|国际|赌场|官网)|澳门(?:金沙|新葡京|威尼斯人)"
)
_INDEX_NO = re.compile(r"索引号\s*[:：]?\s*([0-9A-Z]{6,})")


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str
    level: str
    parent_adcode: str
    province_adcode: str
    status: str


@dataclass(frozen=True)
class _Entry:
    """One way to write one division: its name, a short form with a suffix (延边州), or a
    stem without one (开福)."""

    div: Division
    form: str  # "name" | "alias" | "stem"


@dataclass(frozen=True)
class _Link:
    """A division name found in the author, with the divisions it can still stand for."""

    text: str
    entries: tuple[_Entry, ...]  # nested under the names before it
    alone: int  # how many divisions the name could be without the names before it

    @property
    def form(self) -> str:
        # Stems are hidden behind any name or alias spelled the same, so they never mix.
        return "stem" if self.entries[0].form == "stem" else "name"


@dataclass(frozen=True)
class _Context:
    head: str
    index_codes: frozenset[str]


# ---------------------------------------------------------------- reference table


@cache
def divisions() -> dict[str, Division]:
    raw = resources.files("ogi").joinpath("data", "divisions.csv").read_text("utf-8")
    return {
        row["adcode"]: Division(row["adcode"], row["name"], row["level"], row["parent_adcode"],
                                row["province_adcode"], row["status"])
        for row in csv.DictReader(raw.splitlines())
    }


@cache
def _ancestors(adcode: str) -> tuple[str, ...]:
    """Parent first, province last."""
    table, out = divisions(), []
    code = table[adcode].parent_adcode
    while code and code in table and code not in out:
        out.append(code)
        code = table[code].parent_adcode
    return tuple(out)


@cache
def _prefectures_without_counties() -> frozenset[str]:
    """东莞市, 中山市, 嘉峪关市, 儋州市: their townships are directly under the city."""
    table = divisions()
    parents = {d.parent_adcode for d in table.values()
               if d.status == "current" and d.level == "county"}
    return frozenset(c for c, d in table.items()
                     if d.level == "prefecture" and d.status == "current" and c not in parents)


def _display(div: Division) -> str:
    """吉林省长春市朝阳区: enough to tell same-named divisions apart in a reason."""
    names = [divisions()[c].name for c in reversed(_ancestors(div.adcode))]
    return "".join(names) + div.name


def _level(div: Division) -> str:
    if div.level != "county":
        return div.level
    # 林区 (神农架) and 特区 (六枝) are county-level units, not a city's districts.
    if div.name.endswith("区") and not div.name.endswith(("林区", "特区")):
        return "district"
    return "county"


# ---------------------------------------------------------------- name index


def _short_forms(name: str) -> tuple[list[str], list[str]]:
    """(aliases with a suffix, stems without one) for a division name."""
    if m := _AUTONOMOUS.fullmatch(name):
        # 东乡族自治县: the nationality is the place name, written 东乡县.
        stem, kind = m.group("stem").removesuffix("族"), m.group("kind")
        if len(stem) < 2:
            return [], []
        aliases = [] if kind == "区" else [stem + kind, f"{stem}自治{kind}"]
        return [a for a in aliases if a != name], [stem]
    stem = _PLAIN_SUFFIX.sub("", name)
    return [], [stem] if len(stem) >= 2 and stem != name else []


@cache
def _index() -> dict[str, tuple[_Entry, ...]]:
    """Every way of writing a division, keyed by the string. A stem is hidden behind a name or
    alias spelled the same; a name and an alias (东乡县: a Jiangxi county's historic name and
    the short form of 东乡族自治县) stay side by side."""
    rank = {"name": 0, "alias": 0, "stem": 1}
    out: dict[str, list[_Entry]] = {}

    def add(key: str, entry: _Entry) -> None:
        have = out.setdefault(key, [])
        if have and rank[have[0].form] < rank[entry.form]:
            return
        if have and rank[have[0].form] > rank[entry.form]:
            have.clear()
        if entry.div not in (e.div for e in have):
            have.append(entry)

    for div in divisions().values():
        add(div.name, _Entry(div, "name"))
        aliases, stems = _short_forms(div.name)
        for alias in aliases:
            add(alias, _Entry(div, "alias"))
        for stem in stems:
            add(stem, _Entry(div, "stem"))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _max_key() -> int:
    return max(map(len, _index()))


def _match_at(s: str, pos: int) -> tuple[str, tuple[_Entry, ...]] | None:
    """The longest key starting at pos: at most _max_key() dictionary look-ups."""
    index = _index()
    for end in range(min(len(s), pos + _max_key()), pos + 1, -1):
        if (entries := index.get(s[pos:end])) is not None:
            return s[pos:end], entries
    return None


def _keys_ending_at(s: str, end: int) -> Iterable[tuple[str, tuple[_Entry, ...]]]:
    index = _index()
    for start in range(max(0, end - _max_key()), end - 1):
        if (entries := index.get(s[start:end])) is not None:
            yield s[start:end], entries


# ---------------------------------------------------------------- reading the author


def _nested(entries: Iterable[_Entry], within: set[str] | None) -> tuple[_Entry, ...]:
    if within is None:
        return tuple(entries)
    return tuple(e for e in entries if within & set(_ancestors(e.div.adcode)))


def _pool(entries: tuple[_Entry, ...]) -> tuple[Division, ...]:
    """The divisions a name can stand for. A name that is current stands for its current
    codes only; a name that is only historic (崇文区), or historic as an official name and
    current only as a short form (北川县), keeps every code."""
    current = tuple(e.div for e in entries if e.div.status == "current")
    official_current = any(e.form == "name" for e in entries if e.div.status == "current")
    official_historic = any(e.form == "name" for e in entries if e.div.status == "historic")
    if current and (official_current or not official_historic):
        return current
    return tuple(e.div for e in entries)


def _chain(author: str) -> tuple[list[_Link], str]:
    """The division names the author starts with, each under the one before, and the rest."""
    links: list[_Link] = []
    pos, within = 0, None
    while hit := _match_at(author, pos):
        key, entries = hit
        after = author[pos + len(key):pos + len(key) + 1]
        if entries[0].form == "stem" and after in _ADMIN_CHAR:
            break
        if not (nested := _nested(entries, within)):
            break
        links.append(_Link(key, nested, len(_pool(entries))))
        pos += len(key)
        within = {e.div.adcode for e in nested}
    # A stem stands for a division only before that division's own name (长沙开福区) or
    # alone (开福, 开福人民政府): 公安局 is not 公安县's bureau.
    while links and links[-1].form == "stem" and not _is_government(author[pos:]):
        pos -= len(links.pop().text)
    return links, author[pos:]


def _is_government(body: str) -> bool:
    return _GOVERNMENT_BODY.fullmatch(body) is not None


# ---------------------------------------------------------------- context from the text


def _index_codes(text: str) -> frozenset[str]:
    """Division codes that 索引号 values start with: 620700004/2018-66716 -> 620700, or the
    code inside a unified social credit code (11620700013893010X/2021-00012 -> 620700)."""
    table, out = divisions(), set()
    for token in _INDEX_NO.findall(text[:INDEX_CHARS]):
        if len(token) >= 18 and token[0] in "1" and token[2:8] in table:
            out.add(token[2:8])
        elif token[:6] in table:
            out.add(token[:6])
    return frozenset(out)


def _under_index(div: Division, codes: frozenset[str]) -> bool:
    return div.adcode in codes or bool(codes & set(_ancestors(div.adcode)))


def _named_in_head(div: Division, head: str, depth: int | None) -> bool:
    """Is a parent (depth=1) or any ancestor (None) named in the head of the text?"""
    ancestors = _ancestors(div.adcode)[:depth]
    return any(divisions()[c].name in head for c in ancestors)


def _written_with_parent(div: Division, head: str) -> bool:
    return any(divisions()[c].name + div.name in head for c in _ancestors(div.adcode))


def _evidence(ctx: _Context, stem: bool) -> list[tuple[str, Callable[[Division], bool]]]:
    """Tests that let the text pick one of several divisions, strongest first. A stem needs
    its own full name or the 索引号: a parent named somewhere does not make 公安 a 公安县."""
    tests: list[tuple[str, Callable[[Division], bool]]] = [
        ("the 索引号 prefix", lambda d: _under_index(d, ctx.index_codes)),
        ("its parent and name written together in the text",
         lambda d: _written_with_parent(d, ctx.head)),
    ]
    if stem:
        return [*tests, ("its full name in the text", lambda d: d.name in ctx.head)]
    return [*tests,
            ("its parent named in the text", lambda d: _named_in_head(d, ctx.head, 1)),
            ("its province or prefecture named in the text",
             lambda d: _named_in_head(d, ctx.head, None))]


def _narrow(pool: tuple[Division, ...], ctx: _Context,
            stem: bool) -> tuple[Division | None, str, tuple[Division, ...]]:
    for why, test in _evidence(ctx, stem):
        kept = tuple(d for d in pool if test(d))
        if len(kept) == 1:
            return kept[0], why, kept
        if kept and why == "the 索引号 prefix":
            pool = kept  # the page's own code outranks anything else the text names
    return None, "", pool


def _candidates_text(divs: Iterable[Division]) -> str:
    return ", ".join(f"{d.adcode} {_display(d)}" for d in divs)


def _unresolved_reason(link: _Link, rest: tuple[Division, ...]) -> str:
    if len(rest) == 1:
        return (f"short form {link.text!r} of {rest[0].name} not confirmed by the text "
                "(neither its full name nor a matching 索引号)")
    statuses = " and ".join(sorted({d.status for d in rest}))
    kind = "short form" if link.form == "stem" else "name"
    return (f"ambiguous {kind} {link.text!r}: {len(rest)} {statuses} divisions "
            f"({_candidates_text(rest)}) and nothing in the text decides")


def _resolve_link(link: _Link, ctx: _Context, parent: str) -> tuple[Division | None, str]:
    """Pick the division the last name of the chain stands for, or say why not."""
    pool = _pool(link.entries)
    stem = link.form == "stem"
    if len(pool) == 1 and not stem:
        div = pool[0]
        written = next(e.form for e in link.entries if e.div == div)
        how = "unique name" if written == "name" else f"short form of {div.name}"
        if link.alone > 1:
            how = f"{link.text} made unique by {parent} written before it"
    else:
        div, why, rest = _narrow(pool, ctx, stem)
        if div is None:
            return None, _unresolved_reason(link, rest)
        how = f"{'short form' if stem else 'name'} {link.text!r} decided by {why}"
    if div.status == "historic":
        how += f"; historic name: {div.adcode} is not a current code"
    elif len(pool) < len(link.entries):
        how += "; current code preferred over historic codes of the same name"
    return div, how


def _index_note(div: Division, ctx: _Context) -> str:
    if not ctx.index_codes:
        return ""
    if _under_index(div, ctx.index_codes):
        return "; confirmed by 索引号 prefix"
    return f"; 索引号 prefix {'/'.join(sorted(ctx.index_codes))} does not match"


# ---------------------------------------------------------------- townships


def _county_of_town(town: str, ctx: _Context, within: set[str] | None) -> tuple[str, str] | None:
    """The county-level code of a township the author names without its county."""
    counties = {c for c in ctx.index_codes
                if divisions()[c].level == "county"
                and (within is None or within & set(_ancestors(c)))}
    if len(counties) == 1:
        return next(iter(counties)), "county-level 索引号 prefix"
    found: set[str] = set()
    start = ctx.head.find(town)
    while start >= 0:
        for _, entries in _keys_ending_at(ctx.head, start):
            found |= {e.div.adcode for e in _nested(entries, within) if e.form != "stem"
                      and e.div.level == "county" and e.div.status == "current"}
        start = ctx.head.find(town, start + 1)
    if len(found) == 1:
        return next(iter(found)), "its county named before it in the text"
    return None


def _township(author: str, written: str, town: str, last: Division | None,
              how: str, ctx: _Context) -> Jurisdiction:
    if last is not None and last.level == "county":
        return Jurisdiction(written + town, last.adcode, "township",
                            f"{how}; township under {last.name}")
    if last is not None and last.adcode in _prefectures_without_counties():
        return Jurisdiction(written + town, last.adcode, "township",
                            f"{how}; township directly under {last.name}, a city without counties")
    within = {last.adcode} if last is not None else None
    if county := _county_of_town(town, ctx, within):
        code, why = county
        return Jurisdiction(written + town, code, "township",
                            f"township {town} under {divisions()[code].name}: {why}")
    named = f" (only {last.name} is named)" if last is not None else ""
    return Jurisdiction(author, None, "unknown",
                        f"township {town!r} named without its county-level government{named}; "
                        "township names such as 城关镇 repeat across the country and nothing in "
                        "the text names its county")


# ---------------------------------------------------------------- the entry point


def resolve_author(author: str | None, text: str) -> Jurisdiction:
    if not author or not (author := re.sub(r"\s+", "", author)):
        return Jurisdiction(None, None, "unknown", "no author named in title or body")
    ctx = _Context(text[:HEAD_CHARS], _index_codes(text))
    links, body = _chain(author)
    if not links:
        if town := _town(body):
            return _township(author, "", town, None, "", ctx)
        return Jurisdiction(author, None, "unknown", "no division name in the author")
    parents = "".join(link.text for link in links[:-1])
    div, how = _resolve_link(links[-1], ctx, parents)
    if div is None:
        return Jurisdiction(author, None, "unknown", how)
    # The parents as the author wrote them, the division itself by its official name.
    return _with_body(author, body, parents + div.name, div, how + _index_note(div, ctx), ctx)


def _town(body: str) -> str | None:
    m = _TOWNSHIP_BODY.fullmatch(_LEADING_GOVERNMENT.sub("", body))
    return m.group("town") if m else None


def _with_body(author: str, body: str, name: str, div: Division, how: str,
               ctx: _Context) -> Jurisdiction:
    """What the author is, given the division it starts with and the words after it."""
    if _is_government(body):
        return Jurisdiction(name, div.adcode, _level(div), how)
    if (hit := _match_at(body, 0)) and hit[1][0].form != "stem" and \
            _is_government(body[len(hit[0]):]):
        return Jurisdiction(author, None, "unknown",
                            f"the names in the author do not nest: {hit[0]} is not under {name}")
    if _SPAM.search(body):
        return Jurisdiction(name, div.adcode, _level(div),
                            f"{how}; the text after {name!r} is spam ({body!r}), so the more "
                            "specific body is unknown")
    if town := _town(body):
        return _township(author, name, town, div, how, ctx)
    if _DEPARTMENT_BODY.search(body):
        return Jurisdiction(name + body, div.adcode, "department",
                            f"{how}; department of {div.name}")
    return Jurisdiction(name, div.adcode, _level(div),
                        f"{how}; {body!r} after {name!r} is not a recognised body, so the more "
                        "specific body is unknown")
