"""The analyst's side (issue 7): harmonized dispositions, the per-report summary, the dbt
analyses and the HTML report, on a real build of a synthetic corpus.

One build per module (Dagster in process, DuckDB, dbt, GX), then everything is read from the
published file, read-only, as an analyst would.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.report import TITLES, analysis_sql, build_report
from orchestration.resources import WarehouseSettings
from orchestration.run import run_build
from tests.browser import chromium, render

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ANALYSES = sorted(p.stem for p in (ROOT / "analyses").glob("*.sql"))
# Besides the synthetic corpus: a report whose own figures break the form's identity, and a
# pre-2019 report that names only some of its refusals' reasons.
EXTRA = [ROOT / "tests" / "corpus" / "t09_blank_total_broken_2020.txt",
         ROOT / "tests" / "fixtures" / "analyst" / "qingcheng_2015_partial_reasons.txt"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> WarehouseSettings:
    base = tmp_path_factory.mktemp("analyst")
    landing = base / "landing"
    subprocess.run([str(BIN / "ogi"), "synth", "--n", "60", "--seed", "5", "--out", str(landing)],
                   check=True, capture_output=True)
    for path in EXTRA:
        shutil.copy(path, landing)
    settings = WarehouseSettings(landing_dir=str(landing), samples_dir=str(landing),
                                 warehouse_path=str(base / "wh" / "ogi.duckdb"), workers=1)
    assert run_build(settings, dg.DagsterInstance.ephemeral()).success
    return settings


@pytest.fixture(scope="module")
def compiled(built) -> dict[str, str]:
    """The analyses as `dbt compile` writes them (into the test's own folder, not target/)."""
    out = built.build_dir / "dbt_target"
    env = {**os.environ, "OGI_BUILD_DB": str(built.build_db)}
    subprocess.run([str(BIN / "dbt"), "compile", "--quiet", "--select", *ANALYSES,
                    "--project-dir", str(ROOT), "--profiles-dir", str(ROOT),
                    "--target-path", str(out), "--log-path", str(out / "logs")],
                   check=True, capture_output=True, env=env, cwd=ROOT)
    folder = out / "compiled" / "ogi_warehouse" / "analyses"
    return {name: (folder / f"{name}.sql").read_text(encoding="utf-8") for name in ANALYSES}


def _query(settings: WarehouseSettings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(settings.warehouse_path, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_there_are_analyses():
    assert set(ANALYSES) >= {"requests_by_year_and_level", "grant_denial_rates_by_era",
                             "petition_share", "lawsuits_per_100_by_province",
                             "unreconciled_reports"}
    for name in ANALYSES:  # each says what question it answers
        assert (ROOT / "analyses" / f"{name}.sql").read_text(encoding="utf-8").startswith("-- ")


@pytest.mark.parametrize("name", ANALYSES)
def test_each_analysis_runs_on_the_published_file(built, compiled, name):
    rows = _query(built, compiled[name])
    assert rows, f"{name} returned no rows"
    # The report charts the same SQL: its substitution must give what dbt compiles.
    assert _query(built, analysis_sql(name)) == rows


def test_analyses_answer_their_questions(built, compiled):
    rates = {(era, year): (grant, denial) for era, year, *_, grant, denial, _ in
             _query(built, compiled["grant_denial_rates_by_era"])}
    assert {("pre2019", None), ("2019plus", None)} <= set(rates)
    assert all(0 <= g <= 1 and 0 <= d <= 1 for g, d in rates.values())
    shares = _query(built, compiled["petition_share"])
    assert all(year >= 2019 and 0 <= share <= 1 for year, *_, share in shares)
    broken = _query(built, compiled["unreconciled_reports"])
    assert [(r[1], r[3], r[-2]) for r in broken] == [("某某镇人民政府", 2020, -1.0)]


def test_summary_rates_are_sensible(built):
    rows = _query(built, "select grant_rate, denial_rate, reviews_per_100, lawsuits_per_100, "
                         "received, handled, reviews, lawsuits from marts.mart_report_summary")
    assert len(rows) == _query(built, "select count(*) from marts.dim_report "
                                      "where doc_type = 'annual_report'")[0][0]
    assert sum(r[0] is not None for r in rows) >= 30
    for grant, denial, reviews_100, lawsuits_100, received, handled, reviews, lawsuits in rows:
        assert grant is None or 0 <= grant <= 1
        assert denial is None or 0 <= denial <= 1
        assert grant is None or handled  # a rate never has a missing or zero denominator
        assert reviews_100 is None or reviews_100 == pytest.approx(reviews * 100 / received)
        assert lawsuits_100 is None or lawsuits_100 == pytest.approx(lawsuits * 100 / received)
    # 2019+ reports print the two kinds of lawsuit and no overall total: summed.
    assert _query(built, """
        select count(*) from marts.mart_report_summary s
        where s.era = '2019plus' and s.lawsuits is distinct from (
            select sum(value) from marts.fct_reviews_litigation f
            where f.report_id = s.report_id and f.qualifier = 'exact'
              and f.metric in ('rl.lit_direct.total', 'rl.lit_after_review.total'))
          and not exists (select 1 from marts.fct_reviews_litigation f
                          where f.report_id = s.report_id and f.metric = 'rl.litigation.total')
        """) == [(0,)]


def test_harmonized_categories_add_up_to_the_printed_total(built):
    rows = _query(built, """
        with printed as (
            select report_id, value as disp_total from marts.fct_dispositions
            where metric = 'disp.total' and applicant_type = 'total' and qualifier = 'exact'
        )
        select h.report_id, h.template,
            sum(h.value) filter (where h.harmonized_category <> 'total') as categories,
            max(h.value) filter (where h.harmonized_category = 'total') as total,
            max(printed.disp_total) as disp_total
        from marts.mart_dispositions_harmonized h
        join printed on h.report_id = printed.report_id
        where h.era = '2019plus'
        group by all""")
    assert len(rows) >= 20
    assert {r[1] for r in rows} == {"table_2019", "table_2021"}
    assert all(categories == total == disp_total for _, _, categories, total, disp_total in rows)
    # Seven rows per report; the table's sub-rows replace any prose subtotal.
    assert _query(built, "select count(distinct n) from (select count(*) as n from "
                         "marts.mart_dispositions_harmonized group by report_id)") == [(1,)]
    assert _query(built, "select count(*) from marts.mart_dispositions_harmonized where "
                         "era = '2019plus' and list_contains(metric_codes, 'disp.denied.total') "
                         "and len(metric_codes) > 1") == [(0,)]


def test_a_subtotal_and_its_reasons_are_not_counted_twice(built):
    # 不同意公开5件（其中涉及国家秘密2件，不是《条例》所指政府信息1件）: 2 under state secrets, 1
    # not government information (procedural), and 2 whose reason is not given, kept.
    rows = _query(built, """
        select harmonized_category, value, mapping_clean, metric_codes
        from marts.mart_dispositions_harmonized
        where jurisdiction_name = '庆城县' and report_year = 2015 and value is not null
        order by category_order""")
    assert rows == [
        ("full_grant", 10.0, True, ["disp.pre.agree"]),
        ("partial_grant", 2.0, True, ["disp.pre.partial"]),
        ("exempt_denial", 4.0, False, ["disp.pre.refuse.state_secret", "disp.pre.refuse.total"]),
        ("not_held", 3.0, True, ["disp.pre.not_exist"]),
        ("procedural", 1.0, False, ["disp.pre.refuse.not_ogi"]),
        ("total", 20.0, True, ["disp.pre.total_replies"]),
    ]
    assert _query(built, "select grant_rate, denial_rate, grant_denial_mapping_clean from "
                         "marts.mart_report_summary where jurisdiction_name = '庆城县' "
                         "and report_year = 2015") == [(0.6, 0.2, False)]


@pytest.mark.skipif(chromium() is None, reason="chromium not installed")
def test_the_report_opens_in_a_browser(built):
    page = build_report(Path(built.warehouse_path), built.build_dir / "report" / "report.html")
    text = page.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in text
    assert not re.search(r"<script[^>]+src=", text)  # plotly.js is inside, nothing fetched
    shot = page.with_suffix(".png")
    dom = render(page, shot)
    assert shot.stat().st_size > 50_000
    # plotly.js ran: it marks each chart it drew (the page itself only says plotly-graph-div).
    assert dom.count('class="plotly-graph-div js-plotly-plot"') == len(TITLES)
    titles = re.findall(r'class="gtitle"[^>]*>([^<]*)<', dom)
    assert titles == list(TITLES.values())
    assert "某某镇人民政府" in dom  # the report that does not reconcile is listed
    assert "expect_column_pair_values_to_be_equal" in dom  # and its failed (warn) check


def test_the_scale_proxy_publishes_a_build_as_the_build_process_does(built, tmp_path) -> None:
    """bench/scale_proxy.py measures the publish step on multiplied databases; here on this
    build: the analysts' file is the build's marts, and the page is written from it."""
    from bench.scale_proxy import run_publish

    seconds, peak_mb = run_publish(built.build_db, tmp_path)
    assert seconds > 0 and peak_mb > 100  # the child imported the build's definitions
    published = tmp_path / "published" / "ogi.duckdb"
    query = "select count(*), sum(received) from marts.mart_report_summary"
    with duckdb.connect(str(published), read_only=True) as copy, \
            duckdb.connect(str(built.warehouse_path), read_only=True) as analysts:
        assert copy.execute(query).fetchone() == analysts.execute(query).fetchone()
        assert copy.execute(query).fetchone()[0] > 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert all(title in page for title in TITLES.values())
