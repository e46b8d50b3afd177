"""Is this an annual report? Always with the reason."""

from __future__ import annotations

import re

_LOOKALIKE_TITLE = re.compile(
    r"(实施意见|工作要点|实施方案|工作方案|通知|意见|办法|规定|要点|公告|通报|半年|季度|计划|总结)$"
    r"|上半年|前三季度|第[一二三四]季度"
)
_REPORT_TITLE = re.compile(r"(政府信息公开|政务公开|信息公开).{0,12}(年度报告|工作报告|年报)|年度报告")
_REPORT_BODY = re.compile(
    r"本(年度)?报告[^。]{0,10}(根据|按照|依据)[^。]{0,40}政府信息公开条例|"
    r"政府信息公开(工作)?年度报告[^。]{0,20}(由|包括|全文)|统计期限"
)
# Section headings and phrases of the report forms; two together make a report even
# when the page lost its title.
_STRUCTURE = (
    re.compile(r"[一1]\s*[、.]\s*(总体情况|概述|基本情况)"),
    re.compile(r"主动公开政府信息(的)?情况|政府信息主动公开情况"),
    re.compile(r"依申请公开|收到和处理政府信息公开申请"),
    re.compile(r"行政复议"),
    re.compile(r"第二十条第\s*\(\s*一\s*\)\s*项"),
    re.compile(r"本年新收"),
    re.compile(r"现将[^。]{0,30}政府信息公开[^。]{0,12}报告如下"),
)
_STRUCTURE_OWN = tuple(_STRUCTURE[i] for i in (0, 1, 4, 5, 6))
_PLAN_BODY = re.compile(r"(提出如下实施意见|工作要点如下|现将[^。]{0,30}通知如下|特制定本方案)")


def classify(title: str | None, text: str) -> tuple[str, str]:
    head = text[:4000]
    if title and (m := _LOOKALIKE_TITLE.search(title)):
        return "other", f"title names a {m.group()} ({title}), not an annual report"
    if title and _REPORT_TITLE.search(title):
        return "annual_report", f"title names an annual report ({title})"
    if m := _PLAN_BODY.search(head):
        return "other", f"body introduces a plan or notice ({m.group()}), not an annual report"
    if m := _REPORT_BODY.search(head):
        return "annual_report", f"body states it is the annual report ({m.group()[:30]})"
    cues = [m.group() for rx in _STRUCTURE if (m := rx.search(text[:20000]))]
    # Plans and notices talk about requests and reconsideration too; a report also has the
    # report's own headings, tables or "报告如下".
    own = [m.group() for rx in _STRUCTURE_OWN if (m := rx.search(text[:20000]))]
    if len(cues) >= 2 and own:
        return "annual_report", f"no title, but the report's structure: {', '.join(cues[:3])}"
    return "other", "no annual-report title or statement found"
