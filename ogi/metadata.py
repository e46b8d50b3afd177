"""Title, author, year, publish date, scope and template of a document."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BREADCRUMB = re.compile(r"首页|位置|>|»|›")
_TITLE_HINT = re.compile(
    r"(政府信息公开|政务公开|信息公开).{0,20}(报告|年报|意见|要点|方案|通知|办法|规定|公告|总结|通报)"
    r"|年度报告|年报"
)
_BOILERPLATE = re.compile(r"当前位置|首页|字号|来源|发布时间|索引号|扫一扫|打印|关闭|分享")
_YEAR_IN_TITLE = re.compile(r"(20[0-3]\d|199\d)\s*年")
_PERIOD = re.compile(r"统计期限[^。]{0,12}?(20[0-3]\d)\s*年\s*1\s*月\s*1\s*日")
# The author is what precedes the year or the subject; 人民 stays out of it when the title
# runs 潍坊市人民政府信息公开工作年度报告.
_CN_DIGIT = "[〇○零一二三四五六七八九]"
_YEAR = rf"(?:20[0-3]\d|199\d|二[〇○零]{_CN_DIGIT}{{2}}|一九九{_CN_DIGIT})"  # 2021, 二〇二一
_AUTHOR_BEFORE = re.compile(
    rf"^(.*?)(?:人民)?(?:{_YEAR}\s*年度?|关于|政府信息公开|政务公开|信息公开)"
)
_AUTHOR_AFTER_YEAR = re.compile(
    rf"^{_YEAR}\s*年度?\s*(.*?)(?:人民)?(?:政府信息公开|政务公开|信息公开)"
)
_SUBJECT = re.compile(r"政府信息公开|政务公开|信息公开")
# 来源：孟州市前进乡 - the page's publisher, the last resort.
_SOURCE = re.compile(r"来源\s*[:：]\s*([\u4e00-\u9fff()（）]{2,40})")
_BODY_AUTHOR = re.compile(
    r"由([\u4e00-\u9fff()（）]{2,30}?)(?:负责)?(?:编制|(?:根据|按照|依据|依照)[^。\n]{0,80}?编制)"
)
# A line standing alone above the title that names a body (山西省人民政府外事办公室).
_AUTHOR_LINE = re.compile(
    r"[\u4e00-\u9fff()（）]{1,40}?(?:人民政府|政府|办公室|办公厅|局|委员会|委|厅|中心|院|所|署|"
    r"站|队|办事处|街道|镇|乡|区|县|市|省|旗|州|盟|行政公署)"
)
# A report's title names 报告 or 年报 and is not a notice, plan or opinion about one
# ("关于做好…年度报告…的通知"). Site names may trail it ("…年度报告-张掖市人民政府").
_REPORT_TITLE = re.compile(r"报告|年报")
_NOTICE_TITLE = re.compile(r"(?:通知|意见|方案|要点|办法|规定|公告|决定|函|批复|通报)$")
# 我局, 本机关, 全市, 各单位: the report speaking of itself or of others, not an author. 本溪市,
# 全椒县 and 全州县 are real names, so only these second characters count. Punctuation or
# page furniture means a breadcrumb was taken for the title.
_NOT_AN_AUTHOR = re.compile(
    r"^(?:[我各该]|[本全](?:局|委|办|厅|院|所|站|中心|县|市|区|省|镇|乡|旗|单位|机关|部门|系统|"
    r"街道|报告|年度|政府))|^[(（]|[:：>》《<|/\\·,，。、;；!！?？]|位置|首页|当前"
)
# (pattern, name, rank): a page's own publish date beats the date a CMS generated it.
# The lookbehinds follow the label, so that each pattern opens with a literal the regex
# engine can search for: "日期(?<!生成日期)" is "(?<!生成)日期".
_DATE = r"\s*[:：]?\s*(20[0-3]\d|199\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})"
_DATE_LABELS = tuple((re.compile(pattern + _DATE), label, rank) for pattern, label, rank in (
    ("发布时间", "发布时间", 1), ("发布日期", "发布日期", 1), ("日期(?<!生成日期)(?<!成文日期)", "日期", 2),
    ("时间(?<!发布时间)", "时间", 3), ("成文日期", "成文日期", 4), ("生成日期", "生成日期", 5),
))
_SIGNATURE_DATE = re.compile(r"^\s*(20[0-3]\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", re.M)
_CONSOLIDATED = re.compile(
    r"基础上编制|汇总编制|汇总形成|汇总而成|各县\(市、区\)|各县区|各县\(区\)|全市各级|全市行政机关|"
    r"各级政府及其工作部门|全省各级|全市各县|全区各级行政机关|全县各级行政机关"
)
_TABLE_2021 = re.compile(r"本年制发件数|现行有效件数|逾期不补正|逾期未按收费通知")
_TABLE_2019 = re.compile(r"本年新制作数量|对外公开总数量|上一年项目数量|采购总金额")
_TABLE_ANY = re.compile(r"本年新收")


@dataclass(frozen=True)
class Dated:
    date: str | None
    source: str | None


def _head_lines(text: str) -> list[str]:
    """The first 60 lines, without splitting the rest of the text."""
    return text.split("\n", 60)[:60]


def find_title(text: str) -> str | None:
    lines = [ln.strip() for ln in _head_lines(text) if ln.strip()]
    for line in lines:
        if (len(line) <= 80 and _TITLE_HINT.search(line) and not _BOILERPLATE.match(line)
                and not _BREADCRUMB.search(line)):
            return re.sub(r"\s+", "", line)
    return None


def find_author(title: str | None, text: str) -> str | None:
    if title and "关于" in title and not _is_report_title(title):
        # A notice or plan: only an issuing body written before 关于 is its author.
        return _clean_author(title.split("关于", 1)[0])
    return ((_author_of_heading(title) if title else None)
            or (_author_line_before(title, text) if title else None)
            or _author_in_headings(text) or _body_author(text) or _source_author(text))


def _is_report_title(title: str) -> bool:
    return bool(_REPORT_TITLE.search(title)) and not _NOTICE_TITLE.search(title)


def _author_of_heading(heading: str) -> str | None:
    """长沙市开福区2012年…, 2017年佳木斯市政府信息公开…, 潍坊市人民政府信息公开…"""
    for pattern in (_AUTHOR_BEFORE, _AUTHOR_AFTER_YEAR):
        m = pattern.match(heading.removeprefix("关于"))
        if m and (author := _clean_author(m.group(1))):
            return author
    return None


def _author_in_headings(text: str) -> str | None:
    """When the title found was a breadcrumb, another heading line may carry the author. Only
    a body's name counts here: a heading such as 加强政务公开平台建设 names no author."""
    for line in _head_lines(text):
        line = re.sub(r"\s+", "", line)
        if len(line) <= 80 and _SUBJECT.search(line) and \
                (author := _author_of_heading(line)) and _AUTHOR_LINE.fullmatch(author):
            return author
    return None


def _body_author(text: str) -> str | None:
    for m in _BODY_AUTHOR.finditer(text[:3000]):
        if author := _clean_author(m.group(1)):
            return author
    return None


def _source_author(text: str) -> str | None:
    for m in _SOURCE.finditer(text[:3000]):
        if _AUTHOR_LINE.fullmatch(m.group(1)) and (author := _clean_author(m.group(1))):
            return author
    return None


def _clean_author(candidate: str) -> str | None:
    author = re.sub(r"\s+", "", candidate)
    if len(author) < 2 or _NOT_AN_AUTHOR.search(author):
        return None
    return author


def _author_line_before(title: str, text: str) -> str | None:
    """The line just above the title line, when it is only a body's name: pages often set
    the author on its own line over '2021年政府信息公开工作年度报告'."""
    lines = [re.sub(r"\s+", "", ln) for ln in _head_lines(text)]
    lines = [ln for ln in lines if ln]
    for before, line in zip(lines, lines[1:], strict=False):
        # A page repeats its title (breadcrumb, header, body): any copy may carry the author.
        if line == title and _AUTHOR_LINE.fullmatch(before) and not _BOILERPLATE.search(before):
            return _clean_author(before)
    return None


def find_year(title: str | None, text: str) -> int | None:
    if title and (m := _YEAR_IN_TITLE.search(title)):
        return int(m.group(1))
    if m := _PERIOD.search(text[:5000]):
        return int(m.group(1))
    # No title: the year the opening talks about most (a report mentions its own year far
    # more often than the year it was published in).
    years = [int(y) for y in re.findall(r"(20[0-3]\d)\s*年", text[:3000])]
    if years:
        return max(sorted(set(years)), key=years.count)
    return None


def find_publish_date(text: str) -> Dated:
    best: tuple[int, str, str] | None = None
    head = text[:3000]
    for pattern, label, rank in _DATE_LABELS:
        m = pattern.search(head)
        if m and (best is None or rank < best[0]):
            y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                best = (rank, f"{y}-{mo:02d}-{d:02d}", label)
    if best:
        return Dated(best[1], best[2])
    sig = list(_SIGNATURE_DATE.finditer(text))
    if sig:
        y, mo, d = sig[-1].groups()
        return Dated(f"{y}-{int(mo):02d}-{int(d):02d}", "signature")
    return Dated(None, None)


def find_scope(text: str, level: str) -> tuple[str, str]:
    if level == "department":
        return "department", "the author is a department"
    m = _CONSOLIDATED.search(text[:20000])
    if m:
        return "consolidated", f"compiled across subordinate bodies: {m.group()!r}"
    return "own", "no statement that the report compiles subordinate bodies' reports"


def find_template(text: str, year: int | None) -> str:
    if _TABLE_ANY.search(text):
        if _TABLE_2021.search(text):
            return "table_2021"
        if _TABLE_2019.search(text):
            return "table_2019"
        if year is not None and year >= 2021:
            return "table_2021"
        if year is not None and year >= 2019:
            return "table_2019"
    return "narrative"
