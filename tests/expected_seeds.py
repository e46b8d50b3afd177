"""Figures a person read in the five seed documents (shared/seeds/EXPECTED.md), typed in by
hand. Tests compare the extractor and the warehouse against these, never against output."""

SAMPLES = {
    "zhangye_2008": "000_d181a4c0bda7dc22.txt",
    "jiamusi_2017": "001_f95f5f64fbf55525.txt",
    "changchun_plan": "002_b863c48f4acd68b6.txt",
    "qingcheng_2018": "003_f7ed614ce96fc61e.txt",
    "kaifu_2012": "004_bd2e2405f5c36c92.txt",
}

# sample -> (doc_type, jurisdiction name, adcode, level, report_year, scope or None)
METADATA = {
    "zhangye_2008": ("annual_report", "张掖市", "620700", "prefecture", 2008, "consolidated"),
    "jiamusi_2017": ("annual_report", "佳木斯市", "230800", "prefecture", 2017, "consolidated"),
    "changchun_plan": ("other", "长春市", "220100", "prefecture", None, None),
    "qingcheng_2018": ("annual_report", "庆城县", "621021", "county", 2018, None),
    "kaifu_2012": ("annual_report", "长沙市开福区", "430105", "district", 2012, None),
}

PUBLISH_DATES = {"jiamusi_2017": "2018-03-16", "kaifu_2012": "2013-03-15",
                 "changchun_plan": "2008-04-01", "zhangye_2008": "2015-11-26"}

# (sample, metric, dims, value, qualifiers that must be present)
FIGURES = [
    ("zhangye_2008", "app.received", {"applicant_type": "total"}, 329, {"partial_year"}),
    ("zhangye_2008", "app.pre.items_provided", {}, 400, {"approx"}),
    ("zhangye_2008", "pro.total", {}, 12000, {"approx", "cumulative"}),
    ("zhangye_2008", "rl.review.total", {}, 0, {"exact"}),
    ("zhangye_2008", "rl.litigation.total", {}, 0, {"exact"}),
    ("jiamusi_2017", "pro.total", {}, 89370, {"exact"}),
    ("jiamusi_2017", "pro.pre.normative_published", {}, 438, {"exact"}),
    ("jiamusi_2017", "chan.pro.gazette", {}, 765, {"exact"}),
    ("jiamusi_2017", "chan.pro.website", {}, 44585, {"exact"}),
    ("jiamusi_2017", "chan.pro.weibo", {}, 12989, {"exact"}),
    ("jiamusi_2017", "chan.pro.wechat", {}, 20224, {"exact"}),
    ("jiamusi_2017", "chan.pro.other", {}, 28019, {"exact"}),
    ("jiamusi_2017", "app.received", {"applicant_type": "total"}, 82, {"exact"}),
    ("jiamusi_2017", "chan.app.in_person", {}, 3, {"exact"}),
    ("jiamusi_2017", "chan.app.fax", {}, 0, {"exact"}),
    ("jiamusi_2017", "chan.app.online", {}, 53, {"exact"}),
    ("jiamusi_2017", "chan.app.letter", {}, 26, {"exact"}),
    ("jiamusi_2017", "app.pre.completed", {}, 82, {"exact"}),
    ("jiamusi_2017", "app.pre.completed_on_time", {}, 77, {"exact"}),
    ("jiamusi_2017", "app.pre.completed_extended", {}, 5, {"exact"}),
    ("jiamusi_2017", "disp.pre.total_replies", {}, 82, {"exact"}),
    ("jiamusi_2017", "disp.pre.already_proactive", {}, 35, {"exact"}),
    ("jiamusi_2017", "disp.pre.agree", {}, 38, {"exact"}),
    ("jiamusi_2017", "disp.pre.partial", {}, 0, {"exact"}),
    ("jiamusi_2017", "disp.pre.refuse.total", {}, 5, {"exact"}),
    ("jiamusi_2017", "disp.pre.refuse.state_secret", {}, 1, {"exact"}),
    ("jiamusi_2017", "disp.pre.refuse.trade_secret", {}, 0, {"exact"}),
    ("jiamusi_2017", "disp.pre.refuse.privacy", {}, 2, {"exact"}),
    ("jiamusi_2017", "disp.pre.refuse.security_stability", {}, 0, {"exact"}),
    ("jiamusi_2017", "disp.pre.refuse.not_ogi", {}, 2, {"exact"}),
    ("jiamusi_2017", "disp.pre.refuse.other_law", {}, 0, {"exact"}),
    ("jiamusi_2017", "disp.pre.not_this_agency", {}, 3, {"exact"}),
    ("jiamusi_2017", "disp.pre.not_exist", {}, 0, {"exact"}),
    ("jiamusi_2017", "disp.pre.amend", {}, 0, {"exact"}),
    ("jiamusi_2017", "disp.pre.other_channel", {}, 1, {"exact"}),
    ("jiamusi_2017", "rl.review.total", {}, 0, {"exact"}),
    ("jiamusi_2017", "rl.litigation.total", {}, 0, {"exact"}),
    ("jiamusi_2017", "fee.pre.collected", {}, 0, {"exact"}),
    ("qingcheng_2018", "pro.total", {}, 6378, {"exact"}),
    ("qingcheng_2018", "pro.total", {}, 48547, {"cumulative"}),
    ("qingcheng_2018", "chan.pro.policy_interpretation", {}, 36, {"exact"}),
    ("qingcheng_2018", "pro.pre.key_areas", {}, 492, {"exact"}),
    ("qingcheng_2018", "app.received", {"applicant_type": "total"}, 0, {"exact"}),
    ("qingcheng_2018", "fee.pre.collected", {}, 0, {"exact"}),
    ("qingcheng_2018", "rl.review.total", {}, 0, {"exact"}),
    ("qingcheng_2018", "rl.litigation.total", {}, 0, {"exact"}),
    ("kaifu_2012", "pro.total", {}, 6911, {"exact"}),
    ("kaifu_2012", "pro.pre.by_content", {"content_category": "org_functions"}, 62, {"exact"}),
    ("kaifu_2012", "pro.pre.by_content", {"content_category": "leadership"}, 114, {"exact"}),
    ("kaifu_2012", "pro.pre.by_content", {"content_category": "laws_docs"}, 362, {"exact"}),
    ("kaifu_2012", "pro.pre.by_content", {"content_category": "work_updates"}, 3282, {"exact"}),
    ("kaifu_2012", "pro.pre.by_content", {"content_category": "notices"}, 1279, {"exact"}),
    ("kaifu_2012", "pro.pre.by_content", {"content_category": "plans_stats"}, 206, {"exact"}),
    ("kaifu_2012", "pro.pre.by_content", {"content_category": "personnel"}, 292, {"exact"}),
    ("kaifu_2012", "pro.pre.by_content", {"content_category": "other"}, 1314, {"exact"}),
    ("kaifu_2012", "app.received", {"applicant_type": "total"}, 118, {"exact"}),
]

# Figures a careful reader finds NOT stated: they must be absent, not zero.
ABSENT = [
    ("kaifu_2012", "rl.review.total"),
    ("kaifu_2012", "rl.litigation.total"),
    ("kaifu_2012", "fee.pre.collected"),
]

# Numbers in the seeds that are not OGI figures: no figure may carry these values.
NOT_FIGURES = {
    "zhangye_2008": [120, 380, 250000, 57, 3221, 3079],
    "jiamusi_2017": [2589, 595, 1150, 60, 2377, 102, 178],
    "qingcheng_2018": [5133, 170, 101, 721, 694, 9630, 8347, 109],
}
