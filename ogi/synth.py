"""Synthetic annual reports with ground truth, to measure the extractor (`ogi synth`).

A corpus is a pure function of (n, seed): every document draws from its own
random.Random seeded with a string of (seed, index), data files are read in file order,
and nothing depends on set or hash ordering, so a seed always gives the same bytes.

Truth is recorded at the moment a figure is printed (Draft.fig), so page and truth cannot
drift apart. The two documented exceptions: a blank zero cell in an applicant column
(truth value 0, derived false) and a blank 总计 whose parts are printed (truth value =
sum of the parts, derived true).
"""

from __future__ import annotations

import contextlib
import csv
import html
import json
import math
import multiprocessing
import random
import re
import signal
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

import opencc

from ogi.catalog import dimension_members, metrics

MIN_BYTES, MAX_BYTES = 5_600, 58_000  # inside 5-60 KB whichever KB one means

APPLICANTS = (
    ("natural_person", "自然人"), ("commercial_enterprise", "商业企业"),
    ("research_institution", "科研机构"), ("social_welfare_org", "社会公益组织"),
    ("legal_service_org", "法律服务机构"), ("other_org", "其他"), ("total", "总计"),
)
LAYOUTS = ("html", "pipe", "cell_per_line", "label_run")
BREAKS = ("balance", "disposition_total", "row_total", "review_total")

# ---------------------------------------------------------------- small helpers


def _logint(rng: random.Random, lo: int, hi: int) -> int:
    """Counts of requests and items are skewed: most bodies are small, a few are huge."""
    return int(math.exp(rng.uniform(math.log(lo + 1), math.log(hi + 1)))) - 1


def _split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Share `total` out by weights; remainder handed out by weighted draws."""
    if sum(weights) <= 0:
        weights = [1.0] + [0.0] * (len(weights) - 1)
    s = sum(weights)
    out = [int(total * w / s) for w in weights]
    for _ in range(total - sum(out)):
        out[rng.choices(range(len(weights)), weights)[0]] += 1
    return out


def _value(printed: str) -> int | float:
    """Truth values are parsed back from the printed cell, so they agree by construction."""
    v = float(printed.lstrip("+"))
    return int(v) if v.is_integer() else v


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "0%"


_CN_DIGITS = "零一二三四五六七八九十"


def _cn(n: int, rng: random.Random) -> str:
    return "两" if n == 2 and rng.random() < 0.5 else _CN_DIGITS[n]


_SLOT = re.compile(r"\{([^{}]*)\}")


def fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    """Mini templates: {a|b|c} picks one, {3-40} an int, {85.0-99.9} a decimal, {key} ctx."""

    def sub(m: re.Match[str]) -> str:
        body = m.group(1)
        if "|" in body or body == "":
            return rng.choice(body.split("|"))
        if r := re.fullmatch(r"(\d+)-(\d+)", body):
            return str(rng.randint(int(r.group(1)), int(r.group(2))))
        if r := re.fullmatch(r"(\d+\.\d)-(\d+\.\d)", body):
            return f"{rng.uniform(float(r.group(1)), float(r.group(2))):.1f}"
        return ctx[body]

    return _SLOT.sub(sub, template)


# ---------------------------------------------------------------- authors


@dataclass(frozen=True)
class Author:
    name: str      # truth name, simplified, without 人民政府
    display: str   # as the title prints it
    adcode: str    # code of the government (of the parent government for departments)
    level: str
    me: str        # how the report refers to its author: 我市, 我局, 本机关 ...
    gov: str       # the government's printed name, for offices and websites


_DEPTS_OLD = ("教育局", "财政局", "民政局", "统计局", "审计局", "司法局", "水利局", "商务局",
              "国土资源局", "环境保护局", "卫生和计划生育委员会", "人力资源和社会保障局",
              "住房和城乡建设局", "交通运输局", "农业局", "林业局", "安全生产监督管理局",
              "食品药品监督管理局", "发展和改革委员会", "档案局", "文化广电新闻出版局")
_DEPTS_NEW = ("教育局", "财政局", "民政局", "统计局", "审计局", "司法局", "水利局", "商务局",
              "自然资源局", "生态环境局", "卫生健康委员会", "人力资源和社会保障局",
              "住房和城乡建设局", "交通运输局", "农业农村局", "林业局", "应急管理局",
              "市场监督管理局", "医疗保障局", "发展和改革委员会", "退役军人事务局",
              "文化和旅游局", "城市管理局")
_TOWNS = ("城关镇", "新华街道办事处", "和平街道办事处", "东风镇", "红星乡", "太平镇", "永安镇",
          "长安街道办事处", "建设街道办事处", "解放街道办事处", "前进乡", "胜利镇", "石桥镇",
          "向阳街道办事处", "青山乡", "白沙镇", "龙泉镇", "城南街道办事处", "城北街道办事处",
          "东城街道办事处", "西关街道办事处", "三河镇", "双桥乡", "柳树乡", "黄土镇", "桥头镇",
          "马庄乡", "李集镇", "王家镇", "高桥镇", "花园乡", "金山镇", "滨江街道办事处", "北关街道办事处")
_PROVINCE_ABBR = {"11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉",
                  "23": "黑", "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣",
                  "37": "鲁", "41": "豫", "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼",
                  "50": "渝", "51": "川", "52": "贵", "53": "云", "54": "藏", "61": "陕", "62": "甘",
                  "63": "青", "64": "宁", "65": "新"}


@dataclass(frozen=True)
class _Division:
    adcode: str
    name: str
    level: str
    parent: str


@cache
def _divisions() -> tuple[tuple[_Division, ...], dict[str, _Division], tuple[str, ...]]:
    """(usable governments, all current rows by code, every division name)."""
    raw = resources.files("ogi").joinpath("data", "divisions.csv").read_text("utf-8")
    rows = list(csv.DictReader(raw.splitlines()))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["name"]] = counts.get(r["name"], 0) + 1
    by_code = {r["adcode"]: _Division(r["adcode"], r["name"], r["level"], r["parent_adcode"])
               for r in rows if r["status"] == "current"}
    # Only names that identify one division: the truth adcode must be decidable from text.
    usable = tuple(d for d in by_code.values()
                   if counts[d.name] == 1 and d.adcode[:2] in _PROVINCE_ABBR and len(d.name) >= 2)
    names = tuple(sorted(counts, key=lambda n: (len(n), n)))
    return usable, by_code, names


@cache
def _safe(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop department/town names that contain a division name (城区, 新区 ...)."""
    names = [n for n in _divisions()[2] if len(n) >= 2]
    return tuple(w for w in words if not any(n in w for n in names))


def _province(adcode: str) -> str:
    div = _divisions()[1].get(adcode[:2] + "0000")
    return div.name if div else ""


def _office(a: Author) -> str:
    if a.level == "department":
        return a.name + "办公室"
    if a.level == "township":
        return a.name + "党政办公室"
    return a.gov + "人民政府办公室"


def _gov_level(d: _Division) -> str:
    return "district" if d.level == "county" and d.name.endswith("区") else d.level


def _me(name: str) -> str:
    for suffix, me in (("地区", "本地区"), ("市", "我市"), ("县", "我县"), ("区", "我区"),
                       ("省", "我省"), ("州", "我州"), ("旗", "我旗"), ("盟", "我盟")):
        if name.endswith(suffix):
            return me
    return "本机关"


@cache
def _pool(level: str) -> tuple[_Division, ...]:
    return tuple(d for d in _divisions()[0] if _gov_level(d) == level)


def pick_author(rng: random.Random, year: int) -> Author:
    by_code = _divisions()[1]
    kind = rng.choices(("government", "department", "township"), (55, 33, 12))[0]
    levels = {"government": ("province", "prefecture", "county", "district"),
              "department": ("prefecture", "county", "district"),
              "township": ("county", "district")}[kind]
    weights = {"province": 4, "prefecture": 30, "county": 40, "district": 26}
    level = rng.choices(levels, [weights[lv] for lv in levels])[0]
    div = rng.choice(_pool(level))
    gov = div.name
    parent = by_code.get(div.parent)
    if level == "district" and parent and parent.level == "prefecture" and rng.random() < 0.5:
        gov = parent.name + div.name  # 长沙市开福区 style
    if kind == "government":
        display = gov + ("人民政府" if rng.random() < 0.35 else "")
        return Author(gov, display, div.adcode, level, _me(div.name), gov)
    if kind == "department":
        dept = rng.choice(_safe(_DEPTS_OLD if year < 2019 else _DEPTS_NEW))
        me = "我委" if dept.endswith("委员会") else rng.choice(("我局", "本机关", "本单位"))
        return Author(gov + dept, gov + dept, div.adcode, "department", me, gov)
    town = rng.choice(_safe(_TOWNS))
    suffix = "人民政府" if not town.endswith("办事处") and rng.random() < 0.5 else ""
    me = "我街道" if town.endswith("办事处") else "我" + town[-1]
    return Author(gov + town, gov + town + suffix, div.adcode, "township", me, gov)


# ---------------------------------------------------------------- the draft


@dataclass
class Fig:
    metric: str
    value: int | float
    dims: dict[str, str] = field(default_factory=dict)
    qualifier: str = "exact"
    derived: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"metric": self.metric, "dims": self.dims, "value": self.value,
                "qualifier": self.qualifier, "derived": self.derived}


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: bool = False


Grid = list[list[Cell]]


@dataclass
class Draft:
    """A document under construction: blocks to render and the truth they carry."""

    rng: random.Random
    author: Author
    year: int
    kind: str  # narrative | table_2019 | table_2021 | other
    is_html: bool
    layout: str | None = None
    blocks: list[tuple[str, Any]] = field(default_factory=list)
    figures: list[Fig] = field(default_factory=list)
    identity_broken: str | bool = False
    title: str = ""
    small_cn: bool = False  # write small counts as Chinese numerals
    url: str = ""
    meta_charset: str = ""
    filler: Filler | None = None
    blank_cells: str | None = None  # "zeros" or "total" when cells are left blank

    @property
    def ctx(self) -> dict[str, str]:
        a = self.author
        return {"me": a.me, "org": a.name, "gov": a.gov, "year": str(self.year),
                "next": str(self.year + 1), "site": f"{a.gov}人民政府门户网站", "url": self.url,
                "province": _province(a.adcode), "office": _office(a)}

    def h(self, text: str) -> None:
        self.blocks.append(("h", text))

    def p(self, text: str) -> None:
        self.blocks.append(("p", text))

    def slot(self, group: str) -> None:
        """A place where filler prose on `group` topics may be added to reach the size."""
        self.blocks.append(("slot", group))

    def prose(self, group: str) -> None:
        """One paragraph of filler prose now, and a slot for more."""
        if self.filler is None:
            self.filler = Filler(self.rng, self.year)
        self.p(self.filler.paragraph(self, group))
        self.slot(group)

    def fig(self, metric: str, value: int | float, dims: dict[str, str] | None = None,
            qualifier: str = "exact", derived: bool = False) -> None:
        assert metric in metrics(), metric
        self.figures.append(Fig(metric, value, dims or {}, qualifier, derived))

    def count(self, metric: str, value: int, unit: str = "件",
              dims: dict[str, str] | None = None) -> str:
        """Record an exact count and return it as printed (Chinese numerals when small)."""
        self.fig(metric, value, dims)
        if self.small_cn and 0 < value <= 10:
            return _cn(value, self.rng) + unit
        return f"{value}{unit}"

    def say(self, template: str, **extra: str) -> str:
        return fill(self.rng, template, {**self.ctx, **extra})


# ---------------------------------------------------------------- filler prose

# Typical report prose, by topic. Numbers here are distractors (training sessions,
# visitors, deputies' proposals, hotline calls ...): none is a catalogued figure, so none
# goes to truth, and the wording keeps the catalog's prose labels away from numbers.
# (group, first year, last year, paragraph leads, sentences); a paragraph is a lead and
# two to four of the sentences, in order.
_TOPICS: tuple[tuple[str, int, int, tuple[str, ...], tuple[str, ...]], ...] = (
    ("oversight", 2008, 2030, ("加强组织领导。", "健全工作机制。", "强化组织保障。"), (
        "{me}高度重视政府信息公开工作，将其列入重要议事日程，与业务工作同部署、同落实、同考核。",
        "调整充实了政务公开工作领导小组，由主要负责同志任组长，分管负责同志任副组长，各科室负责人为成员。",
        "领导小组下设办公室，配备{1-4}名工作人员具体负责日常工作。",
        "{year}年共召开专题会议{2-9}次，研究部署政务公开重点任务，协调解决工作中遇到的困难和问题。",
        "形成了主要领导亲自抓、分管领导具体抓、专人负责落实的工作格局。",
        "年初印发年度工作要点，将各项任务分解到责任科室，明确完成时限和责任人。")),
    ("management", 2008, 2030, ("完善制度建设。", "健全制度体系。", "规范工作流程。"), (
        "先后修订完善了《{org}政府信息公开保密审查制度》《{org}政府信息公开工作考核办法》等{3-12}项工作制度。",
        "进一步明确了信息发布的审核程序和时限要求，做到公开有依据、操作有规范、责任有落实。",
        "建立健全了信息发布协调机制和责任追究机制，确保发布的信息准确一致。",
        "严格落实主动公开目录动态更新制度，及时调整公开事项和公开内容。",
        "统一答复文书格式，规范告知书的说理和法律救济途径的表述。")),
    ("platform", 2008, 2030, ("加强平台建设。", "完善公开载体。", "拓展公开渠道。"), (
        "进一步优化门户网站政府信息公开专栏设置，新增{优化营商环境|重大建设项目|民生实事|财政资金}等专题栏目{2-9}个。",
        "全年网站访问量达{3-60}万人次。",
        "加强网站日常监测，确保栏目内容及时更新、链接有效、运行安全。",
        "在政务服务大厅、档案馆、图书馆设立政府信息查阅点{2-12}个，方便群众就近查阅。",
        "政府公报全年编印{4-24}期，免费向社会发放。",
        "在{2-30}个社区（村）设置政务公开栏，及时张贴群众关心的惠民政策。")),
    ("platform", 2013, 2030, ("加强政务新媒体建设。", "用好政务新媒体。"), (
        "开通运营政务微博、微信公众号等新媒体账号{2-30}个，形成了多平台联动的信息发布格局。",
        "建立健全政务新媒体信息发布审核制度，做到先审后发、审发分离。",
        "对长期不更新的账号进行清理整合，关停整合账号{1-9}个。",
        "充分发挥新媒体传播快、覆盖广的优势，第一时间发布权威信息、回应群众关切。")),
    ("oversight", 2008, 2030, ("强化业务培训。", "加强队伍建设。", "提升业务能力。"), (
        "{year}年共组织开展政务公开业务培训{2-60}次，培训{80-900}人次。",
        "邀请上级业务部门专家进行专题辅导，重点讲解依申请公开答复规范和保密审查要求。",
        "选派{2-15}名业务骨干参加上级组织的业务培训。",
        "通过以会代训、集中学习等方式，有效提升了工作人员依法公开、规范公开的能力和水平。",
        "明确{1-5}名工作人员专职负责政务公开工作，{2-30}名兼职信息员负责信息报送。")),
    ("proactive", 2008, 2030, ("认真办理建议提案。", "做好建议提案办理结果公开。"), (
        "全年共承办人大代表建议{5-180}件、政协委员提案{5-200}件，按期办复率100%。",
        "代表委员满意和基本满意率达{90.0-99.9}%。",
        "建议提案复文已按要求向社会公开，接受社会监督。",
        "对涉及公共利益和群众切身利益的建议提案，坚持全文公开答复。")),
    ("platform", 2010, 2030, ("规范政务服务。", "推进政务服务公开。"), (
        "政务服务中心进驻部门{12-60}个，进驻政务服务事项{200-1500}项。",
        "全年共办理各类政务服务事项{3000-90000}件，群众满意率达{95.0-99.9}%。",
        "全面公开办事指南，明确办理依据、条件、流程和时限。",
        "推行“一窗受理、集成服务”，让群众办事少跑腿。")),
    ("oversight", 2008, 2030, ("加强监督考核。", "强化监督保障。", "严格考核问责。"), (
        "将政务公开工作纳入年度绩效考核体系，分值占比{3-10}%。",
        "全年开展专项督查{2-12}次，对发现的{5-40}个问题逐一督促整改到位。",
        "聘请{5-30}名社会监督员，定期听取对政务公开工作的意见建议。",
        "对工作推进不力的单位进行通报，确保各项任务落到实处。")),
    ("request", 2015, 2030, ("畅通咨询渠道。", "做好咨询服务。"), (
        "通过12345政务服务便民热线、政务服务大厅咨询窗口等渠道，全年接受群众咨询{300-9000}人次。",
        "12345热线共受理群众诉求{200-20000}件，按时回复率达{95.0-99.9}%。",
        "对群众反映集中的问题，及时梳理分析并督促相关部门整改。",
        "坚持首问负责制，做到有问必答、答必准确。")),
    ("management", 2017, 2030, ("推进基层政务公开标准化规范化。", "深化标准化规范化建设。"), (
        "在{3-20}个单位开展试点，梳理编制{15-26}个试点领域的公开事项标准目录{60-600}项。",
        "进一步厘清了公开的主体、内容、时限和方式。",
        "推动公开事项标准目录在门户网站集中发布、动态调整。",
        "组织乡镇（街道）对照标准目录开展自查，逐项补齐公开内容。")),
    ("management", 2008, 2030, ("严格保密审查。", "坚持依法依规公开。"), (
        "坚持“先审查、后公开”和“一事一审”原则，明确审查责任。",
        "{year}年未发生泄密事件，政务公开工作与保密工作实现了有机统一。",
        "对涉及个人信息的内容进行去标识化处理，切实保护当事人合法权益。",
        "建立发布前法制审核和保密审查双审机制。")),
    ("proactive", 2016, 2030, ("开展政府开放日活动。", "扩大公众参与。"), (
        "开展“政府开放日”活动{2-12}场，邀请人大代表、政协委员和群众代表{30-400}人次走进机关。",
        "发放政务公开宣传资料{500-20000}份，现场解答群众疑问。",
        "通过座谈会、听证会、网上征求意见等形式广泛听取公众意见，收集意见建议{20-600}条。",
        "对采纳情况及时向社会反馈，增强了决策的科学性和透明度。")),
    ("platform", 2012, 2030, ("推进信息化建设。", "提升网站集约化水平。"), (
        "投入资金{5-300}万元对门户网站进行集约化改造。",
        "完成网站栏目整合{10-80}个，统一了信息发布标准。",
        "网站运行安全平稳，全年未发生安全事故。",
        "开展网站普查和常态化监测，及时整改错链、断链等问题。")),
    ("management", 2008, 2030, ("加强档案管理。", "规范信息管理。"), (
        "对政府信息公开工作中形成的文件材料及时整理归档，全年归档文件{50-900}卷。",
        "建立了完整的政府信息公开工作档案，做到一事一档。",
        "定期开展行政规范性文件清理，及时公布清理结果。",
        "对已公开信息进行全面梳理，对过时失效的内容及时标注或撤除。")),
    ("proactive", 2013, 2030, ("强化政策解读。", "做好政策解读。"), (
        "坚持解读材料与政策文件同步起草、同步审批、同步发布。",
        "综合运用图表图解、音频视频、新闻访谈等形式，提升政策解读的针对性和可读性。",
        "主要负责同志带头解读重要政策，帮助群众准确理解政策内容。",
        "对社会关注度高的政策文件，在发布后跟踪收集反馈意见。")),
    ("proactive", 2013, 2030, ("积极做好政务舆情回应。", "加强回应关切。"), (
        "建立健全舆情收集、研判、处置和回应机制。",
        "对涉及{me}的热点问题第一时间作出回应，有效增强了政府公信力和执行力。",
        "加强与宣传、网信部门的沟通协作，形成回应合力。")),
    ("proactive", 2010, 2030, ("做好财政信息公开。", "推进预决算公开。"), (
        "按照统一格式和时间要求，公开部门预算、决算情况。",
        "“三公”经费预决算情况全部公开，自觉接受社会监督。",
        "细化公开内容，做到除涉密信息外应公开尽公开。")),
    ("proactive", 2010, 2030, ("深化重点领域信息公开。", "突出重点领域公开。"), (
        "围绕{保障性住房|食品药品安全|环境保护|安全生产|价格和收费|征地补偿|义务教育|医疗卫生}等重点领域，及时公开相关政策措施和工作进展。",
        "聚焦群众关心的{教育|就业|社会保障|医疗|养老}问题，持续加大公开力度。",
        "对重大建设项目的批准和实施情况实行全流程公开。",
        "按要求公开公共资源交易信息，确保交易过程公开透明。")),
    ("proactive", 2015, 2030, ("推进权力运行公开。", "深化“放管服”改革信息公开。"), (
        "动态调整并公布权责清单，公布权责事项{200-3000}项。",
        "开展“双随机、一公开”抽查{5-90}次，抽查结果全部向社会公开。",
        "及时公开行政许可和行政处罚结果信息，接受社会监督。")),
    ("proactive", 2018, 2030, ("围绕优化营商环境加强公开。",), (
        "集中公开涉企政策，方便市场主体查询。",
        "梳理惠企政策{10-120}项，编印政策汇编{200-5000}册。",
        "及时公开减税降费、融资支持等政策措施的落实情况。")),
    ("proactive", 2016, 2020, ("做好脱贫攻坚信息公开。",), (
        "及时公开扶贫项目和资金安排情况，接受群众监督。",
        "在村务公开栏公示帮扶措施和资金使用情况。")),
    ("proactive", 2021, 2030, ("做好乡村振兴领域信息公开。",), (
        "及时公开衔接推进乡村振兴补助资金分配和项目实施情况。",
        "在{10-200}个行政村设置公开栏，公开惠农补贴发放情况。")),
    ("proactive", 2020, 2022, ("做好疫情防控信息公开。",), (
        "开设疫情防控专栏，及时发布防控政策和权威信息。",
        "通过新闻发布、政务新媒体等渠道回应群众关切，引导社会预期。")),
)

_PROBLEMS = (
    "公开内容还不够全面，部分栏目更新不够及时", "政策解读形式比较单一，图解、视频等形式运用较少",
    "工作人员业务水平有待进一步提高", "依申请公开答复的规范化水平还需提升，个别答复书说理不够充分",
    "基层政务公开标准目录的动态调整机制还不够健全", "公众参与的广度和深度还有待拓展",
    "信息发布的及时性有待加强", "部分单位对政务公开工作重视程度不够")
_IMPROVEMENTS = (
    "加强组织领导，压实工作责任", "拓展公开内容，提升公开质量", "加强业务培训，提高队伍素质",
    "完善考核机制，强化监督问责", "丰富解读形式，增强解读效果", "规范依申请公开办理，提升答复质量",
    "加强平台建设，提升网站服务能力", "健全公众参与机制，畅通意见反馈渠道")
_OTHER_NOTHING = ("无其他需要报告的事项。", "{me}无其他需要报告的事项。", "无。", "本年度无其他需要报告的事项。")
_ORDINALS = (("一是", "二是", "三是", "四是", "五是"), ("（一）", "（二）", "（三）", "（四）", "（五）"),
             ("1.", "2.", "3.", "4.", "5."))


def problems_paragraph(rng: random.Random, d: Draft, improvements: bool) -> str:
    """存在的问题 or 改进措施, numbered in one style."""
    marks = rng.choice(_ORDINALS)
    if not improvements:
        items = rng.sample(_PROBLEMS, rng.randint(2, 4))
        head = rng.choice(("{year}年，{me}政府信息公开工作取得了一定成效，但仍存在一些不足：",
                           "存在的主要问题：", "对照《条例》要求，工作中还存在以下问题："))
    else:
        items = rng.sample(_IMPROVEMENTS, rng.randint(3, 5))
        head = rng.choice(("下一步，{me}将重点做好以下工作：", "针对上述问题，{me}将从以下几个方面加以改进：",
                           "{next}年，{me}将继续深入贯彻落实《条例》："))
    body = "；".join(f"{m}{item}" for m, item in zip(marks, items, strict=False))
    return fill(rng, head, d.ctx) + body + "。"


class Filler:
    """Topic paragraphs for one document: the least used topic of a group comes next."""

    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng = rng
        self.topics = [t for t in _TOPICS if t[1] <= year <= t[2]]
        self.used = [0] * len(self.topics)
        self.problems = 0

    def paragraph(self, d: Draft, group: str) -> str:
        rng = self.rng
        if group == "problems" and self.problems < 2:
            self.problems += 1  # a problems paragraph, then an improvements one
            return problems_paragraph(rng, d, improvements=self.problems == 2)
        pool = [i for i, t in enumerate(self.topics) if group in ("general", "problems", t[0])]
        least = min(self.used[i] for i in pool)
        pick = rng.choice([i for i in pool if self.used[i] == least])
        self.used[pick] += 1
        _, _, _, leads, sentences = self.topics[pick]
        picked = sorted(rng.sample(range(len(sentences)), min(len(sentences), rng.randint(2, 4))))
        return fill(rng, rng.choice(leads) + "".join(sentences[i] for i in picked), d.ctx)


# ---------------------------------------------------------------- narrative era

_SIZE = {"province": 0, "prefecture": 0, "county": 1, "district": 1, "department": 2, "township": 3}
_PRO_RANGE = ((2000, 90000), (300, 15000), (20, 3000), (5, 400))
_APP_RANGE = ((30, 3000), (1, 300), (1, 80), (1, 10))
_APP_ZERO = (0.02, 0.15, 0.3, 0.55)

_PRO_CHANNELS = (  # (metric, labels as printed, first year it was used)
    ("chan.pro.website", ("通过网站公开", "通过政府网站公开", "通过门户网站公开", "在政府网站发布"), 2008),
    ("chan.pro.gazette", ("通过公报公开", "通过政府公报公开", "在政府公报刊登"), 2008),
    ("chan.pro.weibo", ("通过微博公开", "通过政务微博公开", "通过政务微博发布"), 2011),
    ("chan.pro.wechat", ("通过微信公开", "通过政务微信公开", "通过微信公众号公开", "通过微信公众号推送"), 2013),
    ("chan.pro.other", ("通过其他方式公开", "通过其他途径公开", "通过公开栏、电子屏等其他方式公开"), 2008),
)
# Labels mix the catalog's own wording with phrasings real reports use beside it.
_APP_CHANNELS = (
    ("chan.app.in_person", ("当面申请", "现场申请", "当面提出申请", "到现场提交申请"), 30),
    ("chan.app.fax", ("传真申请", "通过传真提出申请"), 3),
    ("chan.app.online", ("网络申请", "网上申请", "在线申请", "通过网络提出申请", "通过政府网站在线提交申请"), 45),
    ("chan.app.letter", ("信函申请", "以信函形式申请", "以信函方式提出申请", "邮寄申请"), 20),
    ("chan.app.email", ("电子邮件申请", "通过电子邮件提出申请"), 6),
    ("chan.app.other", ("其他形式申请", "通过其他方式提出申请"), 2),
)
_REPLIES = (  # (metric, printed labels, weight)
    ("disp.pre.already_proactive", ("属于已主动公开范围", "答复属于已主动公开范围的"), 30),
    ("disp.pre.agree", ("同意公开", "予以公开", "同意公开的"), 40),
    ("disp.pre.partial", ("同意部分公开", "部分公开"), 5),
    ("disp.pre.refuse.total", ("不同意公开", "不予公开"), 6),
    ("disp.pre.not_this_agency", ("不属于本行政机关公开", "告知不属于本机关公开范围的", "非本机关政府信息"), 8),
    ("disp.pre.not_exist", ("申请信息不存在", "告知申请的信息不存在的", "所申请信息不存在"), 6),
    ("disp.pre.amend", ("告知作出更改补充", "告知申请人补正"), 3),
    ("disp.pre.other_channel", ("告知通过其他途径办理", "告知通过其他途径获取"), 3),
)
_REFUSALS = (
    ("disp.pre.refuse.state_secret", "涉及国家秘密", 2),
    ("disp.pre.refuse.trade_secret", "涉及商业秘密", 2),
    ("disp.pre.refuse.privacy", "涉及个人隐私", 4),
    ("disp.pre.refuse.security_stability", "危及国家安全、公共安全、经济安全和社会稳定", 1),
    ("disp.pre.refuse.not_ogi", "不是《条例》所指政府信息", 3),
    ("disp.pre.refuse.other_law", "法律法规规定的其他情形", 1),
)


def _n_intro(d: Draft) -> None:
    rng = d.rng
    if rng.random() < 0.15:
        return
    rule = rng.choice(("", "和《{province}政府信息公开规定》"))
    d.p(d.say(
        "本报告是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）" + rule +
        "要求，由{org}编制的{year}年度政府信息公开年度报告。全文包括概述，主动公开政府信息的情况，"
        "依申请公开政府信息和不予公开政府信息的情况，政府信息公开的收费及减免情况，因政府信息公开申请行政复议、"
        "提起行政诉讼的情况，政府信息公开工作存在的主要问题及改进措施，以及需要说明的事项。"))
    if rng.random() < 0.85:
        d.p(d.say("本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。本报告的电子版可在{site}"
                  "（{url}）下载。如对本报告有任何疑问，请与{office}联系（地址：{gov}"
                  "{人民|建设|解放|中山|新华|府前}路{1-999}号，邮编：{100000-860000}，电话：0{10-999}-{2000000-8999999}）。"))


def _n_proactive(d: Draft) -> None:
    rng, year = d.rng, d.year
    total = _logint(rng, *_PRO_RANGE[_SIZE[d.author.level]])
    mode = rng.choices(("exact", "approx", "at_least"), (82, 13, 5))[0]
    if mode == "exact":
        d.fig("pro.total", total)
        lead = rng.choice((f"{year}年，{d.author.me}共主动公开政府信息{total}条",
                           f"全年主动公开政府信息{total}条",
                           f"{year}年度，{d.author.me}通过各种渠道主动公开各类政府信息{total}条",
                           f"本年度共主动公开信息{total}条",
                           f"全年主动发布各类政府信息{total}条",
                           f"{year}年，{d.author.me}主动公开政府信息共计{total}条"))
        if rng.random() < 0.3:
            lead += rng.choice((f"，比上年增加{rng.randint(1, total // 4 + 1)}条",
                                f"，较上年增长{rng.uniform(1, 40):.1f}%"))
    else:
        magnitude = 10 ** max(1, len(str(total)) - 2)
        total = max(magnitude, total // magnitude * magnitude)
        d.fig("pro.total", total, qualifier=mode)
        lead = (f"全年主动公开政府信息{total}{rng.choice('多余')}条" if mode == "approx"
                else f"全年主动公开政府信息超过{total}条")
    d.p(lead + "。")
    if mode == "exact" and rng.random() < 0.35:
        d.p(_by_content(d, total))
    if rng.random() < 0.4:
        d.p(_pro_channels(d, total))
    extras = []
    if rng.random() < 0.2:
        extras.append(f"召开新闻发布会{d.count('chan.pro.press_conference', rng.randint(1, 30), '次')}")
    if rng.random() < 0.2:
        extras.append(f"发布政策解读信息{d.count('chan.pro.policy_interpretation', rng.randint(1, 80), '条')}")
    if extras:
        d.p(f"{year}年，{d.author.me}" + "，".join(extras) + "，及时回应社会关切。")
    if rng.random() < 0.25:
        cumulative = total * rng.randint(3, max(3, year - 2006))
        d.fig("pro.total", cumulative, qualifier="cumulative")
        d.p(rng.choice((f"自2008年《条例》施行以来，累计主动公开政府信息{cumulative}条。",
                        f"截至{year}年底，{d.author.me}累计主动公开政府信息{cumulative}条。")))
    d.slot("proactive")


def _by_content(d: Draft, total: int) -> str:
    rng = d.rng
    members = [m for m in dimension_members() if m.dimension == "content_category"]
    chosen = [m for m in members if rng.random() < 0.7] or members[:3]
    parts = _split(rng, total, [rng.uniform(0.2, 3) for _ in chosen])
    items = []
    for m, v in zip(chosen, parts, strict=True):
        d.fig("pro.pre.by_content", v, {"content_category": m.code})
        label = rng.choice([lab for lab in m.prose_labels if lab.endswith("信息")] or m.prose_labels)
        items.append(f"{label}{v}条" + (f"，占{_pct(v, total)}" if rng.random() < 0.3 else ""))
    return rng.choice(("其中，", "按信息内容分，", "从公开内容看，")) + "；".join(items) + "。"


def _pro_channels(d: Draft, total: int) -> str:
    rng = d.rng
    items = []
    for metric, labels, since in _PRO_CHANNELS:
        if d.year < since or rng.random() < 0.15:
            continue
        share = {"chan.pro.website": (0.6, 1.0), "chan.pro.gazette": (0.0, 0.05)}.get(metric, (0, 0.4))
        v = int(total * rng.uniform(*share))
        items.append(f"{rng.choice(labels)}{d.count(metric, v, '条')}")
    if not items:
        return "主动公开信息以政府网站为主要渠道。"
    return rng.choice(("从公开渠道看，", "在公开渠道上，", "其中，")) + "，".join(items) + "。"


def _n_requests(d: Draft) -> None:
    rng, me, year = d.rng, d.author.me, d.year
    size = _SIZE[d.author.level]
    dims = {"applicant_type": "total"}
    total = 0 if rng.random() < _APP_ZERO[size] else _logint(rng, *_APP_RANGE[size]) or 1
    if total == 0:
        d.fig("app.received", 0, dims)
        d.p(rng.choice((f"{year}年，{me}未收到政府信息公开申请。",
                        f"{year}年度，{me}没有收到公民、法人或其他组织提出的政府信息公开申请。",
                        f"本年度{me}未接到政府信息公开申请，也无不予公开政府信息的情况。",
                        "全年没有受理政府信息公开申请。")))
        return
    if rng.random() < 0.05:  # a figure "to date", not for the full year
        d.fig("app.received", total, dims, qualifier="partial_year")
        d.p(f"截至{rng.randint(9, 11)}月底，{me}共受理政府信息公开申请{total}件，均已按规定答复。")
        return
    d.small_cn = total <= 10 and rng.random() < 0.35
    lead = rng.choice(("{year}年，{me}共收到政府信息公开申请{n}", "全年共受理政府信息公开申请{n}",
                       "本年度{me}共受理依申请公开申请{n}", "{year}年共收到申请{n}",
                       "{year}年，{me}共收到各类政府信息公开申请{n}",
                       "全年共收到公民、法人和其他组织提出的政府信息公开申请{n}",
                       "本年度受理群众政府信息公开申请{n}"))
    sentence = lead.format(year=year, me=me, n=d.count("app.received", total, dims=dims))
    if rng.random() < 0.25:
        sentence += f"，比上年{rng.choice(('增加', '减少'))}{rng.randint(1, 30)}件"
    d.p(sentence + "。")
    if rng.random() < 0.7:
        d.p(_app_channels(d, total))
    if rng.random() < 0.55:
        pending = rng.randint(1, 3) if total > 5 and rng.random() < 0.15 else 0
        extended = rng.randint(0, (total - pending) // 5)
        on_time = total - pending - extended
        on_label, ext_label = rng.choice((("按时办结", "延期办结"), ("在法定期限内答复", "延期答复"),
                                          ("在规定期限内答复", "依法延期答复")))
        text = f"{on_label}{d.count('app.pre.completed_on_time', on_time)}，{ext_label}{d.count('app.pre.completed_extended', extended)}"
        if pending:
            text += f"，尚未答复{d.count('app.pre.pending', pending)}"
        d.p(rng.choice(("在办理时限上，", "从办理时效看，", "")) + text + "。")
    if rng.random() < 0.6:
        d.p(_replies(d, total))
    if rng.random() < 0.1:  # items of information, not requests
        label = rng.choice(("依申请提供政府信息", "依申请公开信息"))
        d.p(f"全年{label}{d.count('app.pre.items_provided', _logint(rng, total, total * 8), '条')}。")


def _app_channels(d: Draft, total: int) -> str:
    rng = d.rng
    chosen = [c for c in _APP_CHANNELS if rng.random() < 0.75] or [_APP_CHANNELS[2]]
    parts = _split(rng, total, [w * rng.uniform(0.1, 2) for _, _, w in chosen])
    with_pct = rng.random() < 0.4
    items = []
    for (metric, labels, _), v in zip(chosen, parts, strict=True):
        item = f"{rng.choice(labels)}{d.count(metric, v)}"
        if with_pct and v:
            item += f"，占{_pct(v, total)}"
        items.append(item)
    return rng.choice(("其中，", "从申请方式看，", "按申请方式分，")) + "；".join(items) + "。"


def _replies(d: Draft, total: int) -> str:
    rng = d.rng
    chosen = [r for r in _REPLIES if r[0] in ("disp.pre.agree",) or rng.random() < 0.6]
    parts = _split(rng, total, [w * rng.uniform(0.1, 2) for _, _, w in chosen])
    items = []
    for (metric, labels, _), v in zip(chosen, parts, strict=True):
        item = f"{rng.choice(labels)}{d.count(metric, v)}"
        if metric == "disp.pre.refuse.total" and v:
            reasons = [r for r in _REFUSALS if rng.random() < 0.6] or [_REFUSALS[2]]
            split = _split(rng, v, [w for _, _, w in reasons])
            item += "（其中" + "，".join(f"{lab}{d.count(m, n)}" for (m, lab, _), n
                                       in zip(reasons, split, strict=True)) + "）"
        elif rng.random() < 0.2 and v:
            item += f"，占{_pct(v, total)}"
        items.append(item)
    head = ""
    if rng.random() < 0.4:
        head = f"本年度对申请的答复总数为{d.count('disp.pre.total_replies', total)}，其中："
    else:
        head = rng.choice(("从答复情况看，", "答复类型上，", "申请答复情况："))
    return head + "；".join(items) + "。"


def _n_fees(d: Draft) -> bool:
    rng, me, year = d.rng, d.author.me, d.year
    r = rng.random()
    if r < 0.25:
        return False
    if r < 0.85:
        d.fig("fee.pre.collected", 0)
        d.p(rng.choice((f"{year}年，{me}在政府信息公开工作中没有收取任何费用。",
                        f"本年度{me}依申请提供政府信息，未收取任何费用。",
                        "依申请公开政府信息未收取检索、复制、邮寄等费用，不存在减免情况。",
                        f"{year}年，{me}在依申请公开工作中未向申请人收费。")))
        return True
    amount = rng.randint(5, 2000)
    d.fig("fee.pre.collected", amount)
    text = rng.choice((f"{year}年，{me}依申请提供政府信息共收取费用{amount}元",
                       f"{year}年，{me}收取检索费、复制费等共计{amount}元"))
    if rng.random() < 0.4:
        waived = rng.randint(1, 500)
        d.fig("fee.pre.waived", waived)
        text += f"，减免费用{waived}元"
    d.p(text + "。")
    return True


def _n_review(d: Draft) -> bool:
    rng, me, year = d.rng, d.author.me, d.year
    r = rng.random()
    if r < 0.2:
        return False
    if r < 0.75:
        d.fig("rl.review.total", 0)
        d.fig("rl.litigation.total", 0)
        d.p(rng.choice((f"{year}年，{me}未发生因政府信息公开申请行政复议和提起行政诉讼的情况。",
                        f"全年没有发生针对{me}政府信息公开事务的行政复议、行政诉讼案件。",
                        f"{year}年度未发生政府信息公开方面的行政复议和行政诉讼。",
                        "因政府信息公开引起的行政复议、行政诉讼案件数均为零。")))
        return True
    review, suit = rng.randint(0, 6), rng.randint(0, 4)
    review_text = f"因政府信息公开被申请行政复议{d.count('rl.review.total', review)}"
    suit_text = f"被提起行政诉讼{d.count('rl.litigation.total', suit)}"
    if rng.random() < 0.5:
        unit = rng.choice(("件", "起"))
        review_text = rng.choice(("共发生政府信息公开行政复议案件", "因政府信息公开引起的行政复议案件")) + f"{review}{unit}"
        suit_text = f"行政诉讼案件{suit}{unit}"
    d.p(f"{year}年，{me}{review_text}，{suit_text}。")
    return True


_CN_SECTION = "一二三四五六七八九十"


def build_narrative(d: Draft) -> None:
    rng = d.rng
    _n_intro(d)
    sections: list[tuple[str, Any]] = [
        (rng.choice(("概述", "总体情况", "基本情况")), None),
        (rng.choice(("主动公开政府信息的情况", "主动公开政府信息情况", "政府信息主动公开情况")), _n_proactive),
        (rng.choice(("依申请公开政府信息的情况", "依申请公开政府信息和不予公开政府信息的情况",
                     "依申请公开情况")), _n_requests),
        ("政府信息公开的收费及减免情况", _n_fees),
        (rng.choice(("因政府信息公开申请行政复议、提起行政诉讼的情况",
                     "政府信息公开行政复议、行政诉讼情况")), _n_review),
        (rng.choice(("政府信息公开工作存在的主要问题及改进措施", "存在的主要问题和改进措施")), None),
        ("其他需要报告的事项", None),
    ]
    n = 0
    for title, builder in sections:
        start = len(d.blocks)
        d.h(f"{_CN_SECTION[n]}、{title}")
        if builder is None:
            if title == "其他需要报告的事项":
                d.p(d.say(rng.choice(_OTHER_NOTHING)))
            else:
                d.prose("general" if n == 0 else "problems")
        elif builder(d) is False:
            del d.blocks[start:]  # the report has no such section
            continue
        n += 1


# ---------------------------------------------------------------- standard-table era

_DENIED = (("disp.denied.state_secret", "属于国家秘密", 0.3),
           ("disp.denied.law_prohibited", "其他法律行政法规禁止公开", 0.3),
           ("disp.denied.security_stability", "危及“三安全一稳定”", 0.2),
           ("disp.denied.third_party", "保护第三方合法权益", 1.5),
           ("disp.denied.internal_affairs", "属于三类内部事务信息", 0.8),
           ("disp.denied.process_info", "属于四类过程性信息", 1.0),
           ("disp.denied.enforcement_file", "属于行政执法案卷", 0.6),
           ("disp.denied.admin_inquiry", "属于行政查询事项", 0.6))
_UNABLE = (("disp.unable.not_held", "本机关不掌握相关政府信息", 18),
           ("disp.unable.needs_creation", "没有现成信息需要另行制作", 3),
           ("disp.unable.unclear", "补正后申请内容仍不明确", 2))
_NOT_PROCESSED = (("disp.not_processed.petition", "信访举报投诉类申请", 4),
                  ("disp.not_processed.repeat", "重复申请", 3),
                  ("disp.not_processed.publication", "要求提供公开出版物", 0.5),
                  ("disp.not_processed.excessive", "无正当理由大量反复申请", 1),
                  ("disp.not_processed.confirm_reissue", "要求行政机关确认或重新出具已获取信息", 0.5))
_OTHER_2021 = (("disp.other.no_correction",
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 3),
               ("disp.other.fee_unpaid",
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 0.3),
               ("disp.other.other", "其他", 3))


def disposition_groups(era: int) -> list[tuple[str, tuple[tuple[str, str, float], ...]]]:
    """Rows of part 三's 三、本年度办理结果, as (group label, leaves); a leaf label "" means
    the group is a single row."""
    other = _OTHER_2021 if era == 2021 else (("disp.other.total", "", 6.0),)
    return [("（一）予以公开", (("disp.granted", "", 45.0),)),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (("disp.partial", "", 8.0),)),
            ("（三）不予公开", _DENIED), ("（四）无法提供", _UNABLE),
            ("（五）不予处理", _NOT_PROCESSED), ("（六）其他处理", other)]


def part3_values(rng: random.Random, era: int, size: int) -> dict[str, list[int]]:
    """Rows of part 三 in form order, each [six applicant columns..., 总计], consistent."""
    new_total = 0 if rng.random() < _APP_ZERO[size] / 2 else _logint(rng, *_APP_RANGE[size])
    colw = [rng.uniform(70, 95), rng.uniform(0, 15)] + [
        rng.uniform(0, hi) if rng.random() < p else 0.0
        for hi, p in ((1.5, 0.3), (2, 0.4), (4, 0.5), (5, 0.5))]
    new = _split(rng, new_total, colw)
    cin = _split(rng, 0 if rng.random() < 0.5 else _logint(rng, 0, new_total // 8 + 1), colw)
    avail = [a + b for a, b in zip(new, cin, strict=True)]
    want = 0 if rng.random() < 0.45 else _logint(rng, 0, sum(avail) // 8 + 1)
    cout = [min(x, a) for x, a in zip(_split(rng, want, colw), avail, strict=True)]
    done = [a - c for a, c in zip(avail, cout, strict=True)]
    leaves = [leaf for _, group in disposition_groups(era) for leaf in group]
    weights = [w * rng.uniform(0.2, 1.8) if i == 0 or rng.random() < 0.6 else 0.0
               for i, (_, _, w) in enumerate(leaves)]
    per_leaf = [_split(rng, done[j], weights) for j in range(6)]
    rows: dict[str, list[int]] = {"app.received": new, "app.carried_in": cin}
    for i, (metric, _, _) in enumerate(leaves):
        rows[metric] = [per_leaf[j][i] for j in range(6)]
    rows["disp.total"] = done
    rows["app.carried_out"] = cout
    return {m: v + [sum(v)] for m, v in rows.items()}


def part4_values(rng: random.Random, size: int) -> dict[str, int]:
    out: dict[str, int] = {}
    quiet = (0.45, 0.6, 0.75, 0.95)[size]
    for proc in ("rl.review", "rl.lit_direct", "rl.lit_after_review"):
        parts = [0, 0, 0, 0] if rng.random() < quiet else [
            rng.choices((0, 1, 2, 3, 6), (6, 4, 2, 1, 1))[0] for _ in range(4)]
        for outcome, v in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            out[f"{proc}.{outcome}"] = v
        out[f"{proc}.total"] = sum(parts)
    return out


def break_identity(rng: random.Random, rows: dict[str, list[int]], rl: dict[str, int]) -> str:
    """Break exactly one identity the way real reports do: one cell off by a few."""
    kind = rng.choice(BREAKS)
    k = rng.randint(1, 5)
    if kind == "balance":  # 一 + 二 != 三（七） + 四
        rows["app.carried_out"][0] += k
        rows["app.carried_out"][6] += k
    elif kind == "disposition_total":  # （七） != sum of the sub-rows
        rows["disp.granted"][0] += k
        rows["disp.granted"][6] += k
    elif kind == "row_total":  # a row's 总计 != sum of its applicant columns
        rows[rng.choice(("app.received", "disp.granted", "disp.unable.not_held"))][rng.randint(1, 5)] += k
    else:  # part 四: 总计 != 维持 + 纠正 + 其他 + 尚未审结
        rl["rl.review.total"] += k
    return kind


@dataclass(frozen=True)
class _Style:
    paren: bool  # （一） or (一)
    dot: str     # 1. / 1． / 1、
    note: str

    def label(self, text: str) -> str:
        return text.replace("（", "(").replace("）", ")") if not self.paren else text


def _style(rng: random.Random) -> _Style:
    note = rng.choice(("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                       "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", ""))
    return _Style(rng.random() < 0.8, rng.choice((".", "．", "、")), note)


def part3_grid(era: int, shown: dict[str, list[str]], st: _Style) -> Grid:
    def vals(metric: str) -> list[Cell]:
        return [Cell(t, value=True) for t in shown[metric]]

    grid: Grid = [
        [Cell(st.note, rowspan=3, colspan=3), Cell("申请人情况", colspan=7)],
        [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
        [Cell(label) for _, label in APPLICANTS[1:6]],
        [Cell("一、本年新收政府信息公开申请数量", colspan=3), *vals("app.received")],
        [Cell("二、上年结转政府信息公开申请数量", colspan=3), *vals("app.carried_in")],
    ]
    body: Grid = []
    for group, leaves in disposition_groups(era):
        if not leaves[0][1]:
            body.append([Cell(st.label(group), colspan=2), *vals(leaves[0][0])])
            continue
        for i, (metric, label, _) in enumerate(leaves):
            head = [Cell(st.label(group), rowspan=len(leaves))] if i == 0 else []
            body.append([*head, Cell(f"{i + 1}{st.dot}{label}"), *vals(metric)])
    body.append([Cell(st.label("（七）总计"), colspan=2), *vals("disp.total")])
    body[0].insert(0, Cell("三、本年度办理结果", rowspan=len(body)))
    return grid + body + [[Cell("四、结转下年度继续办理", colspan=3), *vals("app.carried_out")]]


_OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_PART4_ORDER = tuple(f"{p}.{o}" for p in ("rl.review", "rl.lit_direct", "rl.lit_after_review")
                     for o in ("upheld", "corrected", "other", "pending", "total"))


def part4_grid(shown: list[str]) -> Grid:
    return [
        [Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
        [*(Cell(o, rowspan=2) for o in _OUTCOMES), Cell("未经复议直接起诉", colspan=5),
         Cell("复议后起诉", colspan=5)],
        [Cell(o) for o in _OUTCOMES * 2],
        [Cell(t, value=True) for t in shown],
    ]


def _signed(rng: random.Random, v: int) -> str:
    return f"+{v}" if v > 0 and rng.random() < 0.5 else str(v)


def part2(d: Draft, era: int) -> Grid:
    """Part 二 table; every cell printed goes to truth."""
    rng = d.rng
    big = d.author.level in ("province", "prefecture")

    def cell(metric: str, printed: str, colspan: int = 1) -> Cell:
        d.fig(metric, _value(printed))
        return Cell(printed, colspan=colspan, value=True)

    def count(hi: int, zero: float = 0.4) -> str:
        return "0" if rng.random() < zero else str(_logint(rng, 0, hi))

    def head(item: str) -> list[Cell]:
        return [Cell(f"第二十条第（{item}）项", colspan=4)]

    grid: Grid = [head("一")]
    if era == 2019:
        grid.append([Cell(t) for t in ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")])
        for key, label, hi in (("regulations", "规章", 8 if big else 0), ("normative_docs", "规范性文件", 60)):
            made = count(hi)
            grid.append([Cell(label), cell(f"pro.{key}.new_made_2019", made),
                         cell(f"pro.{key}.new_published_2019", made if rng.random() < 0.8 else count(hi)),
                         cell(f"pro.{key}.total_published_2019", str(int(made) + _logint(rng, 0, hi * 8)))])
        for item, rows in (("五", (("licensing", "行政许可"), ("other_mgmt_services", "其他对外管理服务事项"))),
                           ("六", (("penalty", "行政处罚"), ("coercion", "行政强制")))):
            grid += [head(item), [Cell(t) for t in ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")]]
            for key, label in rows:
                grid.append([Cell(label), cell(f"pro.{key}.prev_items_2019", count(900, 0.2)),
                             cell(f"pro.{key}.change_2019", _signed(rng, rng.randint(-20, 20) if rng.random() < 0.5 else 0)),
                             cell(f"pro.{key}.decisions", count(30000, 0.3))])
        grid += [head("八"), [Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减", colspan=2)],
                 [Cell("行政事业性收费"), cell("pro.admin_fees.prev_items_2019", count(60)),
                  cell("pro.admin_fees.change_2019", _signed(rng, rng.randint(-5, 5)), 2)]]
        amount = rng.choice(("0", f"{rng.uniform(1, 90000):.2f}", f"{rng.uniform(1, 9000):.1f}", str(rng.randint(1, 5000))))
        grid += [head("九"), [Cell("信息内容"), Cell("采购项目数量"), Cell("采购总金额", colspan=2)],
                 [Cell("政府集中采购"), cell("pro.gov_procurement.projects_2019", count(400)),
                  cell("pro.gov_procurement.amount_2019", amount, 2)]]
        return grid
    grid.append([Cell(t) for t in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")])
    for key, label, hi in (("regulations", "规章", 8 if big else 0), ("normative_docs", "行政规范性文件", 60)):
        issued, repealed = count(hi), count(hi // 2, 0.6)
        grid.append([Cell(label), cell(f"pro.{key}.issued", issued), cell(f"pro.{key}.repealed", repealed),
                     cell(f"pro.{key}.in_force", str(int(issued) + _logint(rng, 0, hi * 6)))])
    for item, rows2 in (("五", (("licensing", "行政许可"),)), ("六", (("penalty", "行政处罚"), ("coercion", "行政强制")))):
        grid += [head(item), [Cell("信息内容"), Cell("本年处理决定数量", colspan=3)]]
        grid += [[Cell(label), cell(f"pro.{key}.decisions", count(30000, 0.3), 3)] for key, label in rows2]
    amount = rng.choice(("0", f"{rng.uniform(0.1, 5000):.2f}", f"{rng.uniform(0.01, 90):.4f}"))
    grid += [head("八"), [Cell("信息内容"), Cell("本年收费金额（单位：万元）", colspan=3)],
             [Cell("行政事业性收费"), cell("pro.admin_fees.amount", amount, 3)]]
    return grid


# ---------------------------------------------------------------- table layouts


def render_html_table(grid: Grid, rng: random.Random) -> str:
    wrap = rng.choice(("{}", "<p>{}</p>", '<p style="text-align:center;"><span style="font-size:14px;">{}</span></p>'))
    td = rng.choice(("<td{}>", '<td valign="center"{}>', '<td style="border:1px solid #000;"{}>'))
    out = [rng.choice(('<table border="1" cellspacing="0" cellpadding="0" width="100%">',
                       '<table class="MsoNormalTable" style="border-collapse:collapse;">', "<table>")), "<tbody>"]
    for row in grid:
        cells = []
        for c in row:
            attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            cells.append(td.format(attrs) + wrap.format(html.escape(c.text, quote=False)) + "</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out + ["</tbody>", "</table>"])


def render_text_table(grid: Grid, layout: str, rng: random.Random) -> list[str]:
    """Flattened tables as they come out of copy-paste and PDF conversion."""
    if layout == "pipe":
        sep = rng.choice((" | ", "|"))
        edge = "|" if rng.random() < 0.3 else ""
        return [edge + sep.join(c.text for c in row) + edge for row in grid]
    if layout == "cell_per_line":
        return [c.text for row in grid for c in row if c.text]
    sep = rng.choice((" ", "  ", "\t"))
    lines = []
    for row in grid:
        labels = "".join(c.text for c in row if not c.value) if len(row) > 1 and row[-1].value else \
            sep.join(c.text for c in row if not c.value)
        nums = sep.join(c.text for c in row if c.value)
        line = f"{labels}{sep}{nums}".strip() if nums else labels.strip()
        if line:
            lines.append(line)
    return lines


def render_bare15(shown: list[str], rng: random.Random) -> list[str]:
    """Part 四 as a header and fifteen bare numbers, as text conversion leaves it."""
    sep = rng.choice((" ", "\n", "\t"))
    head = ["行政复议 行政诉讼" if rng.random() < 0.5 else "行政复议行政诉讼",
            " ".join(_OUTCOMES) + " 未经复议直接起诉 复议后起诉", " ".join(_OUTCOMES * 2)]
    return [*head, *sep.join(shown).split("\n")]


def _table_block(d: Draft, grid: Grid, bare15: list[str] | None = None) -> None:
    if d.layout == "html":
        d.blocks.append(("html", render_html_table(grid, d.rng)))
    elif bare15 is not None:
        d.blocks.append(("lines", render_bare15(bare15, d.rng)))
    else:
        d.blocks.append(("lines", render_text_table(grid, d.layout or "pipe", d.rng)))


def _quirks(d: Draft, rows: dict[str, list[int]], rl: dict[str, int]) -> dict[str, list[str]]:
    """Decide this report's quirks (a broken identity, blank cells, the layout) and return
    the cells as printed."""
    rng = d.rng
    r = rng.random()
    quirk = "break" if r < 0.05 else "blank_total" if r < 0.08 else None  # ~5% and ~3%
    if quirk == "break":
        d.identity_broken = break_identity(rng, rows, rl)
    elif rng.random() < 0.1:
        quirk = "blank_zeros"
    # Blank cells are only recoverable where the layout keeps cell boundaries.
    d.layout = rng.choice(("html", "pipe")) if quirk in ("blank_total", "blank_zeros") else \
        rng.choices(LAYOUTS, (34, 26, 20, 20))[0]
    d.is_html = d.layout == "html"
    shown = {m: [str(v) for v in vals] for m, vals in rows.items()}
    if quirk == "blank_zeros":
        d.blank_cells = "zeros"
        p = rng.choice((1.0, 0.6))
        for cells in shown.values():
            for j in range(6):
                if cells[j] == "0" and rng.random() < p:
                    cells[j] = ""
    elif quirk == "blank_total":
        d.blank_cells = "total"
        shown[rng.choice([m for m, v in rows.items() if v[6] > 0] or list(rows))][6] = ""
    return shown


def _overview(d: Draft, era: int, received: int | None) -> None:
    """Intro and 一、总体情况; `received` is printed in prose unless None."""
    rng, me, year = d.rng, d.author.me, d.year
    if rng.random() < 0.85:
        spec = "和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）" if era == 2021 else ""
        d.p(d.say("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）" + spec +
                  "要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
                  "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
                  "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。本报告电子版可在{site}查阅或下载。"
                  "如对本报告有疑问，请与{office}联系（电话：0{10-999}-{2000000-8999999}）。"))
    d.h("一、总体情况")
    if rng.random() < 0.5:
        d.prose("general")
    d.h(rng.choice(("（一）主动公开", "（一）主动公开情况")))
    if rng.random() < 0.5:
        n = _logint(rng, *_PRO_RANGE[_SIZE[d.author.level]])
        d.fig("pro.total", n)
        text = f"{year}年，{me}共主动公开政府信息{n}条"
        if rng.random() < 0.4:
            text += "。" + _pro_channels(d, n).rstrip("。")
        d.p(text + "。")
    d.prose("proactive")
    d.h(rng.choice(("（二）依申请公开", "（二）依申请公开情况")))
    if received is not None and rng.random() < 0.5:
        d.fig("app.received", received, {"applicant_type": "total"})
        d.p(f"{year}年，{me}共收到政府信息公开申请{received}件，均在法定期限内予以答复。" if received
            else f"{year}年，{me}新收政府信息公开申请0件。")
    d.prose("request")
    for i, (head, group) in enumerate((("政府信息管理", "management"), ("平台建设", "platform"),
                                       ("监督保障", "oversight"))):
        d.h(f"（{_CN_SECTION[i + 2]}）{head}")
        d.prose(group)


def _closing(d: Draft, era: int) -> None:
    """五、存在的主要问题 and 六、其他需要报告的事项 (with the 2021 information-processing fee)."""
    rng, me, year = d.rng, d.author.me, d.year
    d.h("五、存在的主要问题及改进情况")
    d.prose("problems")
    d.h("六、其他需要报告的事项")
    if era == 2021 and rng.random() < 0.4:
        if rng.random() < 0.7:
            d.fig("fee.info_processing.amount", 0)
            d.p(f"{year}年度，{me}未收取信息处理费。")
        else:
            amount = rng.randint(10, 3000)
            d.fig("fee.info_processing.amount", amount)
            d.p(f"依据《政府信息公开信息处理费管理办法》，{year}年{me}共收取信息处理费{amount}元。")
    else:
        d.p(d.say(rng.choice(_OTHER_NOTHING)))


def build_tables(d: Draft, era: int) -> None:
    rng = d.rng
    size = _SIZE[d.author.level]
    rows = part3_values(rng, era, size)
    rl = part4_values(rng, size)
    shown = _quirks(d, rows, rl)
    # Prose restates the total only when the table prints it.
    _overview(d, era, rows["app.received"][6] if shown["app.received"][6] else None)
    d.h("二、主动公开政府信息情况")
    _table_block(d, part2(d, era))
    d.h("三、收到和处理政府信息公开申请情况")
    for metric, vals in rows.items():
        for j, (code, _) in enumerate(APPLICANTS):
            d.fig(metric, vals[j], {"applicant_type": code}, derived=shown[metric][j] == "" and j == 6)
    _table_block(d, part3_grid(era, shown, _style(rng)))
    d.h(rng.choice(("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")))
    for metric in _PART4_ORDER:
        d.fig(metric, rl[metric])
    shown4 = [str(rl[m]) for m in _PART4_ORDER]
    _table_block(d, part4_grid(shown4), shown4 if d.layout != "html" and rng.random() < 0.4 else None)
    _closing(d, era)


# ---------------------------------------------------------------- look-alikes

_LOOKALIKES = (
    ("{org}{year}年政务公开工作要点",
     "为深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，现将{year}年政务公开工作要点通知如下："),
    ("{org}关于进一步加强政府信息公开工作的实施意见",
     "为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》，结合实际，提出如下实施意见："),
    ("{org}{year}年政务公开工作实施方案",
     "为扎实推进政务公开标准化规范化建设，结合{me}实际，特制定本方案。"),
    ("{org}关于做好{year}年度政府信息公开工作年度报告编制和发布工作的通知",
     "根据《中华人民共和国政府信息公开条例》规定，各单位须于{next}年1月31日前向社会公布本机关{year}年度政府信息公开"
     "工作年度报告。现将有关事项通知如下："),
    ("{org}{year}年上半年政府信息公开工作情况通报",
     "{year}年上半年，{me}政府信息公开工作总体运行平稳。上半年共主动公开政府信息{50-3000}条，"
     "受理政府信息公开申请{1-60}件，均已按时答复。现将有关情况通报如下："),
    ("{org}{year}年上半年政务公开工作总结",
     "今年以来，{me}认真贯彻落实《条例》，上半年收到政府信息公开申请{1-40}件，未发生行政复议和行政诉讼。"),
)


def build_lookalike(d: Draft) -> None:
    title, opening = d.rng.choice(_LOOKALIKES)
    d.title = d.say(title.replace("{org}", d.author.display))
    d.p(d.say(opening))
    heads = ("加强组织领导", "深化重点领域信息公开", "强化政策解读和回应关切", "加强平台建设",
             "严格报告编制要求", "强化监督保障")
    for i, head in enumerate(d.rng.sample(heads, d.rng.randint(2, 5))):
        d.h(f"{_CN_SECTION[i]}、{head}")
        d.prose("general")


# ---------------------------------------------------------------- page and encoding


def _title(d: Draft) -> str:
    a, y, rng = d.author, d.year, d.rng
    if rng.random() < 0.03:
        y_text = "".join("〇一二三四五六七八九"[int(c)] for c in str(y)) + "年"
    else:
        y_text = f"{y}年"
    return rng.choice((f"{y_text}{a.display}政府信息公开工作年度报告", f"{a.display}{y_text}政府信息公开工作年度报告",
                       f"{a.display}{y}年度政府信息公开工作年度报告", f"{a.display}{y_text}政府信息公开年度报告",
                       f"{a.display}{y_text}政务公开工作年度报告", f"{y}年度{a.display}政府信息公开工作年报"))


def _published(d: Draft) -> tuple[int, int]:
    """(year, month) a page went up: reports early next year, plans and bulletins in-year."""
    if d.kind != "other":
        return d.year + 1, d.rng.randint(1, 3)
    if "上半年" in d.title:
        return d.year, d.rng.randint(7, 8)
    if "年度报告" in d.title:  # the notice on compiling the reports
        return d.year, 12
    return d.year, d.rng.randint(2, 5)


def _page_head(d: Draft) -> list[str]:
    rng = d.rng
    sep = rng.choice((" > ", ">", " >> ", " » "))
    crumbs = rng.choice(("当前位置：", "您现在的位置：", "", "当前位置: ")) + sep.join(
        ("首页", rng.choice(("政务公开", "信息公开", "政府信息公开")), rng.choice(("政府信息公开年报", "年度报告", "年报"))))
    pub_year, month = _published(d)
    meta = [f"{rng.choice(('发布时间', '发布日期', '日期'))}：{pub_year}-{month:02d}-{rng.randint(1, 28):02d}",
            f"来源：{d.author.name}", "字号：大 中 小" if rng.random() < 0.6 else "【字体：大 中 小】"]
    lines = [crumbs] if rng.random() < 0.85 else []
    if rng.random() < 0.3:
        lines.append(f"索引号：{d.author.adcode}{rng.randint(100, 999)}/{pub_year}-{rng.randint(1, 99999):05d}")
    lines.append(d.title)
    lines.append(("  " if rng.random() < 0.5 else "\n").join(meta))
    if rng.random() < 0.3:
        lines.append("【打印】【关闭】")
    return lines


def _page_foot(d: Draft) -> list[str]:
    rng = d.rng
    prov = _PROVINCE_ABBR[d.author.adcode[:2]]
    pub_year, month = _published(d)
    lines = [f"{d.author.name}", f"{pub_year}年{month}月{rng.randint(1, 28)}日"]
    if d.kind == "other" or rng.random() < 0.2:
        lines = lines[1:]
    extra = [rng.choice(("扫一扫在手机打开当前页", "【扫一扫在手机打开当前页】")), rng.choice(("打印 关闭", "【打印本页】 【关闭窗口】")),
             rng.choice(("用户登录 | 注册", "您还未登录，请登录后参与评论", "登录后可收藏本页")),
             f"主办单位：{d.author.gov}人民政府办公室  网站标识码：{rng.randint(1000000000, 9999999999)}",
             f"{prov}ICP备{rng.randint(10000000, 99999999)}号  {prov}公网安备 {rng.randint(10**13, 10**14 - 1)}号"]
    return lines + [x for x in extra if rng.random() < 0.7]


def _render(d: Draft, fillers: dict[int, list[str]], indent: str, gap: str) -> str:
    """The whole page as one string (simplified characters)."""
    if d.is_html:
        return _render_html(d, fillers)
    body: list[str] = []
    for i, (kind, payload) in enumerate(d.blocks):
        if kind == "slot":
            body += [indent + p for p in fillers.get(i, [])]
        elif kind == "p":
            body.append(indent + payload)
        elif kind == "h":
            body.append(payload)
        else:
            body.append("\n".join(payload))
    return "\n".join(_page_head(d)) + "\n\n" + gap.join(body) + "\n\n" + "\n".join(_page_foot(d)) + "\n"


def _render_html(d: Draft, fillers: dict[int, list[str]]) -> str:
    rng = d.rng
    esc = lambda s: html.escape(s, quote=False)  # noqa: E731
    para = rng.choice(('<p style="text-indent:2em;">{}</p>', "<p>　　{}</p>", "<div>{}</div>"))
    heading = rng.choice(("<p><strong>{}</strong></p>", "<h3>{}</h3>", '<p style="text-indent:2em;"><b>{}</b></p>'))
    body: list[str] = []
    for i, (kind, payload) in enumerate(d.blocks):
        if kind == "slot":
            body += [para.format(esc(p)) for p in fillers.get(i, [])]
        elif kind == "p":
            body.append(para.format(esc(payload)))
        elif kind == "h":
            body.append(heading.format(esc(payload)))
        elif kind == "lines":
            body += [para.format(esc(line)) for line in payload]
        else:
            body.append(payload)
    head = _page_head(d)
    title_at = head.index(d.title)
    charset = d.meta_charset
    meta = {"": "", "utf-8": '<meta charset="utf-8">'}.get(
        charset, f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    joiner = "\n" if rng.random() < 0.8 else ""
    return joiner.join([
        "<!DOCTYPE html>", "<html>", f"<head>{meta}<title>{esc(d.title)}</title></head>", "<body>",
        '<div class="nav">' + "".join(f"<span>{esc(x)}</span>" for x in head[:title_at]) + "</div>",
        f'<div class="article"><h1>{esc(d.title)}</h1>',
        '<div class="info">' + " ".join(esc(x) for x in head[title_at + 1:]) + "</div>",
        '<div class="content">', *body, "</div></div>",
        '<div class="footer">' + "<br>".join(esc(x) for x in _page_foot(d)) + "</div>", "</body>", "</html>", ""])


# OpenCC's s2t picks variants Big5 lacks; real Big5 pages use these instead.
_BIG5_VARIANTS = str.maketrans({"爲": "為", "裏": "裡", "衆": "眾", "羣": "群", "着": "著", "啓": "啟",
                                "僞": "偽", "綫": "線", "峯": "峰", "～": "~", "\u00a0": " ",
                                "»": ">>", "〇": "○"})


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _encode(text: str, encoding: str) -> tuple[bytes, str]:
    if encoding == "big5":
        try:
            return text.translate(_BIG5_VARIANTS).encode("big5"), "big5"
        except UnicodeEncodeError:
            return text.encode("utf-8"), "utf-8"  # a character Big5 cannot hold
    return text.encode(encoding), encoding


@dataclass
class SynthDoc:
    name: str
    data: bytes
    truth: dict[str, Any]


def _choose_kind(rng: random.Random) -> tuple[str, int]:
    r = rng.random()
    if r < 0.08:
        return "other", rng.randint(2008, 2024)
    if r < 0.08 + 0.92 * 0.4:
        return "narrative", rng.randint(2008, 2018)
    if rng.random() < 1 / 3:
        return "table_2019", rng.randint(2019, 2020)
    return "table_2021", rng.randint(2021, 2024)


def generate_one(seed: int, index: int, width: int = 5) -> SynthDoc:
    # A string seed is hashed with SHA-512 by random.seed: stable across processes.
    rng = random.Random(f"ogi-synth:{seed}:{index}")
    kind, year = _choose_kind(rng)
    author = pick_author(rng, year)
    traditional = rng.random() < 0.10
    encoding = ("big5" if rng.random() < 0.5 else "utf-8") if traditional else \
        ("gb18030" if rng.random() < 0.12 else "utf-8")
    d = Draft(rng, author, year, kind, is_html=rng.random() < 0.5)
    d.url = "http://www." + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 6))) + ".gov.cn"
    if kind == "narrative":
        build_narrative(d)
    elif kind == "other":
        build_lookalike(d)
    else:
        build_tables(d, 2019 if kind == "table_2019" else 2021)
    if not d.title:
        d.title = _title(d)
    charsets = {"utf-8": ("utf-8", "utf-8", "UTF-8", ""), "gb18030": ("gb2312", "gbk", "gb18030", ""),
                "big5": ("big5", "big5", "")}[encoding]
    d.meta_charset = rng.choice(charsets).lower()
    data, encoding = _sized(d, encoding, traditional)
    ext = "html" if d.is_html else "txt"
    figures = _dedupe(d.figures) if kind != "other" else []
    truth = {
        "file": f"doc_{index:0{width}d}.{ext}",
        "doc_type": "other" if kind == "other" else "annual_report",
        "report_year": None if kind == "other" else year,
        "jurisdiction": {"name": author.name, "adcode": author.adcode, "level": author.level},
        "template": None if kind == "other" else kind,
        "layout": d.layout,
        "encoding": encoding,
        "traditional": traditional,
        "identity_broken": d.identity_broken,
        "blank_cells": d.blank_cells,
        "figures": [f.to_json() for f in figures],
    }
    return SynthDoc(truth["file"], data, truth)


def _dedupe(figures: list[Fig]) -> list[Fig]:
    """A figure stated twice (prose and table) is one truth figure."""
    seen: dict[tuple, Fig] = {}
    for f in figures:
        key = (f.metric, tuple(sorted(f.dims.items())), f.qualifier)
        if key in seen:
            assert seen[key].value == f.value, (key, seen[key].value, f.value)
            continue
        seen[key] = f
    return list(seen.values())


_SLOT_WEIGHT = {"general": 4.0, "problems": 0.6}


def _sized(d: Draft, encoding: str, traditional: bool) -> tuple[bytes, str]:
    """Add filler prose until the page reaches a size drawn for it, within 5-60 KB."""
    rng = d.rng
    target = int(rng.triangular(MIN_BYTES + 400, 48_000, 10_000))
    if not any(kind == "slot" for kind, _ in d.blocks):
        d.slot("general")
    slots = [(i, group) for i, (kind, group) in enumerate(d.blocks) if kind == "slot"]
    weights = [_SLOT_WEIGHT.get(group, 2.0) for _, group in slots]
    indent, gap = rng.choice(("　　", "", "    ")), rng.choice(("\n", "\n\n"))
    fillers: dict[int, list[str]] = {}
    state = rng.getstate()  # page chrome must come out the same on every re-render
    more = Filler(random.Random(rng.getrandbits(64)), d.year)

    def render() -> tuple[bytes, str]:
        rng.setstate(state)
        text = _render(d, fillers, indent, gap)
        return _encode(_s2t().convert(text) if traditional else text, encoding)

    def add() -> int:
        i, group = more.rng.choices(slots, weights)[0]
        para = more.paragraph(d, group)
        fillers.setdefault(i, []).append(para)
        return len(para)

    data, enc = render()
    # Estimate first, so the page is rendered a couple of times rather than once per paragraph.
    per_char = 3 if encoding == "utf-8" else 2
    estimate = len(data)
    while estimate < target:
        estimate += add() * per_char + 30
    for _ in range(50):
        data, enc = render()
        if len(data) > MAX_BYTES and any(fillers.values()):
            fillers[max(k for k, v in fillers.items() if v)].pop()
        elif len(data) < MIN_BYTES:
            add()
        else:
            break
    return data, enc


def generate(n: int, seed: int) -> list[SynthDoc]:
    width = max(5, len(str(n)))
    return [generate_one(seed, i, width) for i in range(n)]


_DOC_NAME = re.compile(r"doc_\d{5,}\.(txt|html)")


def _write_one(out: Path, seed: int, width: int, i: int) -> tuple[str, str]:
    doc = generate_one(seed, i, width)
    (out / doc.name).write_bytes(doc.data)
    return doc.name, json.dumps(doc.truth, ensure_ascii=False)


def _terminable() -> None:
    """A worker stops on SIGTERM even when its parent ignores it: an ignored signal is
    inherited, and Pool.terminate (leaving the pool's `with`) sends SIGTERM and waits. In a
    test run some library had set SIGTERM to be ignored, and one idle worker kept the run
    waiting forever."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def write_corpus(out: Path, n: int, seed: int, workers: int = 1) -> int:
    """Write N documents and truth.jsonl (sorted by file name) under `out`; returns N.

    Documents stream to disk one at a time, so a 100,000-document corpus needs no more
    memory than one. Every document depends only on (seed, index), so `workers` processes
    write the same bytes as one (a million documents take an hour on one core). Documents a
    previous run left there (named like ours) are removed, so the folder and its truth
    always agree; other files are left alone."""
    out.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(n)))
    names = set()
    write = partial(_write_one, out, seed, width)
    with contextlib.ExitStack() as stack:
        if workers > 1:
            pool = stack.enter_context(multiprocessing.get_context("spawn").Pool(
                workers, initializer=_terminable))
            written = pool.imap(write, range(n), chunksize=64)
        else:
            written = map(write, range(n))
        # Zero-padded indices of one width sort by name in index order, and imap keeps it.
        # truth.jsonl appears only once every document is written: its presence says the
        # corpus is complete (the benchmark reuses a corpus that has one).
        partial_truth = out / "truth.jsonl.part"
        with open(partial_truth, "w", encoding="utf-8") as truth:
            for name, line in written:
                names.add(name)
                truth.write(line + "\n")
        partial_truth.replace(out / "truth.jsonl")
        if workers > 1:
            # Let the workers finish on their own; leaving the `with` terminates them.
            pool.close()
            pool.join()
    for old in sorted(out.iterdir()):
        if _DOC_NAME.fullmatch(old.name) and old.name not in names:
            old.unlink()
    return n
