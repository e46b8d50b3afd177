"""What a person reads in tests/corpus/ (documents written for these tests, read back and
typed in by hand). Part 三 rows are written as 7-tuples in the form's column order."""

COLUMNS = ("natural_person", "commercial_enterprise", "research_institution",
           "social_welfare_org", "legal_service_org", "other_org", "total")
Z7 = (0, 0, 0, 0, 0, 0, 0)
Z5 = (0, 0, 0, 0, 0)
PART4 = ("review", "lit_direct", "lit_after_review")
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")


def part3(rows: dict[str, tuple]) -> list[tuple]:
    return [(m, {"applicant_type": c}, v) for m, vals in rows.items()
            for c, v in zip(COLUMNS, vals, strict=True)]


def part4(*groups: tuple) -> list[tuple]:
    return [(f"rl.{p}.{o}", {}, v) for p, vals in zip(PART4, groups, strict=True)
            for o, v in zip(OUTCOMES, vals, strict=True)]


def flat(**values: float) -> list[tuple]:
    return [(m.replace("__", "."), {}, v) for m, v in values.items()]


DENIED_2021 = ("state_secret", "law_prohibited", "security_stability", "third_party",
               "internal_affairs", "process_info", "enforcement_file", "admin_inquiry")

DOCS = {
    "t01_html_2021.html": {
        "meta": ("annual_report", 2021, "临泽县", "620723", "county", "table_2021", "2022-01-25"),
        "figures": [
            ("pro.total", {}, 3215), ("fee.info_processing.amount", {}, 0),
            *flat(pro__regulations__issued=0, pro__regulations__repealed=0,
                  pro__regulations__in_force=0, pro__normative_docs__issued=14,
                  pro__normative_docs__repealed=3, pro__normative_docs__in_force=52,
                  pro__licensing__decisions=1873, pro__penalty__decisions=406,
                  pro__coercion__decisions=12, pro__admin_fees__amount=128.36),
            *part3({
                "app.received": (25, 2, 0, 0, 1, 0, 28), "app.carried_in": (2, 0, 0, 0, 0, 0, 2),
                "disp.granted": (12, 1, 0, 0, 1, 0, 14), "disp.partial": (3, 0, 0, 0, 0, 0, 3),
                **{f"disp.denied.{d}": Z7 for d in DENIED_2021
                   if d not in ("third_party", "process_info")},
                "disp.denied.third_party": (1, 0, 0, 0, 0, 0, 1),
                "disp.denied.process_info": (1, 0, 0, 0, 0, 0, 1),
                "disp.unable.not_held": (5, 1, 0, 0, 0, 0, 6),
                "disp.unable.needs_creation": (1, 0, 0, 0, 0, 0, 1), "disp.unable.unclear": Z7,
                "disp.not_processed.petition": (2, 0, 0, 0, 0, 0, 2),
                "disp.not_processed.repeat": (1, 0, 0, 0, 0, 0, 1),
                "disp.not_processed.publication": Z7, "disp.not_processed.excessive": Z7,
                "disp.not_processed.confirm_reissue": Z7,
                "disp.other.no_correction": Z7, "disp.other.fee_unpaid": Z7,
                "disp.other.other": (1, 0, 0, 0, 0, 0, 1),
                "disp.total": (27, 2, 0, 0, 1, 0, 30), "app.carried_out": Z7}),
            *part4((2, 1, 0, 0, 3), (1, 0, 0, 1, 2), Z5),
        ],
        "issues": set(),
    },
    "t02_pipe_2019.txt": {
        "meta": ("annual_report", 2019, "某市自然资源和规划局", None, "unknown", "table_2019",
                 "2020-01-20"),
        "figures": [
            *flat(pro__regulations__new_made_2019=0, pro__regulations__new_published_2019=0,
                  pro__regulations__total_published_2019=0,
                  pro__normative_docs__new_made_2019=4, pro__normative_docs__new_published_2019=4,
                  pro__normative_docs__total_published_2019=31,
                  pro__licensing__prev_items_2019=38, pro__licensing__change_2019=-2,
                  pro__licensing__decisions=1520, pro__other_mgmt_services__prev_items_2019=5,
                  pro__other_mgmt_services__change_2019=0, pro__other_mgmt_services__decisions=77,
                  pro__penalty__prev_items_2019=210, pro__penalty__change_2019=6,
                  pro__penalty__decisions=93, pro__coercion__prev_items_2019=12,
                  pro__coercion__change_2019=0, pro__coercion__decisions=4,
                  pro__admin_fees__prev_items_2019=3, pro__admin_fees__change_2019=-1,
                  pro__gov_procurement__projects_2019=9,
                  pro__gov_procurement__amount_2019=251000),
            *part3({
                "app.received": (40, 5, 0, 0, 2, 0, 47), "app.carried_in": (3, 0, 0, 0, 0, 0, 3),
                "disp.granted": (20, 3, 0, 0, 1, 0, 24), "disp.partial": (4, 0, 0, 0, 0, 0, 4),
                **{f"disp.denied.{d}": Z7 for d in DENIED_2021 if d != "third_party"},
                "disp.denied.third_party": (2, 0, 0, 0, 0, 0, 2),
                "disp.unable.not_held": (10, 1, 0, 0, 1, 0, 12), "disp.unable.needs_creation": Z7,
                "disp.unable.unclear": (1, 0, 0, 0, 0, 0, 1),
                "disp.not_processed.petition": (3, 0, 0, 0, 0, 0, 3),
                "disp.not_processed.repeat": (1, 1, 0, 0, 0, 0, 2),
                "disp.not_processed.publication": Z7, "disp.not_processed.excessive": Z7,
                "disp.not_processed.confirm_reissue": Z7,
                "disp.other.total": (1, 0, 0, 0, 0, 0, 1),
                "disp.total": (42, 5, 0, 0, 2, 0, 49),
                "app.carried_out": (1, 0, 0, 0, 0, 0, 1)}),
            *part4((1, 0, 0, 1, 2), Z5, (1, 0, 0, 0, 1)),
        ],
        # The blank 其他 cell of 本年新收 is 0: the printed cells already make 47.
        "derived": {("app.received", "other_org")},
        "issues": {"jurisdiction_unresolved"},
    },
    "t03_cell_per_line_2021.txt": {
        "meta": ("annual_report", 2021, "某县统计局", None, "unknown", "table_2021", "2022-01-18"),
        "figures": [
            ("pro.total", {}, 186),
            *part3({"app.received": (6, 1, 0, 0, 0, 0, 7), "app.carried_in": Z7,
                    "disp.granted": (4, 1, 0, 0, 0, 0, 5), "disp.partial": Z7,
                    "disp.unable.not_held": (2, 0, 0, 0, 0, 0, 2),
                    "disp.total": (6, 1, 0, 0, 0, 0, 7), "app.carried_out": Z7}),
            *part4(Z5, Z5, Z5),
        ],
        "issues": {"jurisdiction_unresolved"},
    },
    "t04_number_runs_2022.txt": {
        "meta": ("annual_report", 2022, "XX区人民政府", None, "unknown", "table_2021", None),
        "figures": [
            ("pro.total", {}, 5120),
            *part3({"app.received": (90, 12, 0, 1, 4, 5, 112), "app.carried_in": (6, 0, 0, 0, 0, 0, 6),
                    "disp.granted": (40, 6, 0, 0, 2, 2, 50), "disp.partial": (8, 1, 0, 0, 0, 0, 9),
                    "disp.total": (96, 12, 0, 1, 4, 5, 118), "app.carried_out": Z7}),
            *part4((3, 1, 0, 1, 5), (2, 1, 0, 0, 3), (1, 0, 0, 1, 2)),
        ],
        "issues": {"jurisdiction_unresolved"},
    },
    "t05_big5_traditional_2016.txt": {
        "meta": ("annual_report", 2016, "榆中县", "620123", "county", "narrative", "2017-03-10"),
        "scope": "consolidated",
        "figures": [
            *flat(pro__total=8532, chan__pro__website=6210, chan__pro__weibo=1100,
                  chan__pro__wechat=980, chan__pro__other=242, chan__app__in_person=9,
                  chan__app__online=17, chan__app__letter=5, app__pre__completed=31,
                  app__pre__completed_on_time=30, app__pre__completed_extended=1,
                  disp__pre__total_replies=31, disp__pre__already_proactive=8,
                  disp__pre__agree=15, disp__pre__partial=2, disp__pre__refuse__total=3,
                  disp__pre__not_exist=2, disp__pre__not_this_agency=1,
                  fee__pre__collected=0, rl__review__total=2, rl__litigation__total=1),
            ("app.received", {"applicant_type": "total"}, 31),
        ],
        "issues": set(),
    },
    "t06_gb18030_department_2013.html": {
        "meta": ("annual_report", 2013, "定西市教育局", "621100", "department", "narrative",
                 "2014-02-28"),
        "scope": "department",
        "figures": [
            ("pro.total", {}, 1500, "approx"), ("pro.total", {}, 9800, "cumulative"),
            ("pro.pre.normative_published", {}, 12),
            ("app.received", {"applicant_type": "total"}, 12),
            ("fee.pre.collected", {}, 0), ("rl.review.total", {}, 0),
            ("rl.litigation.total", {}, 0),
        ],
        "issues": set(),
    },
    "t07_work_plan.txt": {"meta": ("other", None, None, None, "unknown", None, None),
                          "figures": [], "issues": {"not_annual_report"}},
    "t08_notice.html": {"meta": ("other", None, None, None, "unknown", None, None),
                        "figures": [], "issues": {"not_annual_report"}},
    "t09_blank_total_broken_2020.txt": {
        "meta": ("annual_report", 2020, "某某镇人民政府", None, "unknown", "table_2019", None),
        "figures": [
            *part3({"app.received": (3, 0, 0, 0, 0, 0, 3), "app.carried_in": Z7,
                    "disp.granted": (2, 0, 0, 0, 0, 0, 2), "disp.partial": (1, 0, 0, 0, 0, 0, 1),
                    "disp.total": (3, 0, 0, 0, 0, 0, 3), "app.carried_out": (1, 0, 0, 0, 0, 0, 1)}),
            *part4(Z5, Z5, Z5),
        ],
        # 本年新收's 总计 is blank: derived from the six printed columns.
        "derived": {("app.received", "total")},
        # 3 + 0 received and carried in, but 3 handled + 1 carried out.
        "issues": {"derived_total", "identity_broken", "jurisdiction_unresolved"},
    },
    "t10_township_narrative_2022.txt": {
        "meta": ("annual_report", 2022, "盐池县花马池镇", "640323", "township", "narrative", None),
        "figures": [
            ("app.received", {"applicant_type": "total"}, 4),
            ("app.carried_in", {"applicant_type": "total"}, 0),
            ("disp.granted", {"applicant_type": "total"}, 3),
            ("disp.unable.total", {"applicant_type": "total"}, 1),
            ("app.carried_out", {"applicant_type": "total"}, 0),
            ("rl.review.total", {}, 0), ("rl.litigation.total", {}, 0), ("pro.total", {}, 326),
        ],
        "issues": set(),
    },
}
