"""The analysts' page: one self-contained HTML file about a published warehouse.

Headline numbers, a chart for each question of analyses/*.sql, coverage, and the
data-quality record of the build that produced the file. No Dagster here: the publish
step (or anyone) calls build_report(warehouse, out). The page needs no network: plotly.js
is embedded once, with the first chart.

The charts run the analyses themselves, so the page and the SQL an analyst reads cannot
drift apart. Their only Jinja is {{ published_ref('model') }}, which compiles to
"marts"."model" (macros/published_ref.sql); it is substituted here the same way, and any
other Jinja is refused rather than guessed at.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import plotly.graph_objects as go

from orchestration.settings import PROJECT_ROOT
from orchestration.warehouse_db import LOAD_MEMORY_LIMIT, connect

ANALYSES_DIR = PROJECT_ROOT / "analyses"
PUBLISHED_REF = re.compile(r"\{\{\s*published_ref\(\s*'([a-z0-9_]+)'\s*\)\s*\}\}")

# Chinese labels must render: the system's CJK fonts first, then the usual platform ones.
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", '
              '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif')
# One colour per level in every chart, whichever levels a chart happens to have.
LEVEL_COLORS = {"province": "#264653", "prefecture": "#2a9d8f", "county": "#e9c46a",
                "district": "#f4a261", "township": "#e76f51", "department": "#8d6cab",
                "unknown": "#adb5bd"}
ERA_LABELS = {"pre2019": "before 2019", "2019plus": "2019 and after"}

TITLES = {
    "requests": "Requests received per year, by level of government (本年新收)",
    "rates": "Grant and denial rates before and after the 2019 revision",
    "petitions": "Share of requests that were petitions or complaints (信访举报投诉类, 2019+)",
    "lawsuits": "Lawsuits per 100 requests, by province (行政诉讼)",
    "reports": "Annual reports in the warehouse, by year and level",
    "key_figures": "Share of reports that state each key figure",
}

KEY_FIGURES = [  # (column of mart_report_summary, label on the chart)
    ("received", "received 本年新收"),
    ("handled", "handled 办理结果总计 / 答复数"),
    ("full_grant", "full grant 予以公开"),
    ("partial_grant", "partial grant 部分公开"),
    ("exempt_denial", "exempt denial 不予公开"),
    ("carried_in", "carried in 上年结转"),
    ("carried_out", "carried out 结转下年度"),
    ("reviews", "reconsiderations 行政复议"),
    ("lawsuits", "lawsuits 行政诉讼"),
]


def analysis_sql(name: str, analyses_dir: Path = ANALYSES_DIR) -> str:
    """The analysis as plain SQL for the published file (what `dbt compile` would give)."""
    text = (analyses_dir / f"{name}.sql").read_text(encoding="utf-8")
    sql = PUBLISHED_REF.sub(lambda m: f'"marts"."{m.group(1)}"', text)
    if "{{" in sql or "{%" in sql:
        raise ValueError(f"analyses/{name}.sql uses Jinja other than published_ref()")
    return sql


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return con.execute(sql).fetchone()[0]


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(_one(con, "select count(*) from information_schema.tables where "
                          f"table_schema = '{schema}' and table_name = '{table}'"))


def _esc(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.3g}"
    return html.escape(str(value))


# ---- figures -------------------------------------------------------------------------------

def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 420) -> None:
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"}, template="plotly_white",
        font={"family": FONT_STACK, "size": 13}, height=height,
        margin={"l": 70, "r": 30, "t": 60, "b": 60}, legend={"title": {"text": ""}})
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)


def _empty(fig: go.Figure) -> go.Figure:
    """A chart with nothing to show says so instead of drawing empty axes silently."""
    fig.add_annotation(text="no data in this warehouse", showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font={"size": 16, "color": "#888"})
    return fig


def _stacked_by_level(rows: list[dict], value: str, hover: str) -> go.Figure:
    fig = go.Figure()
    for level, color in LEVEL_COLORS.items():
        mine = [r for r in rows if (r["jurisdiction_level"] or "unknown") == level]
        if mine:
            fig.add_bar(x=[r["report_year"] for r in mine], y=[r[value] for r in mine],
                        name=level, marker_color=color,
                        hovertemplate=f"%{{x}} {level}: %{{y:,}} {hover}<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(dtick=1)
    return fig if rows else _empty(fig)


def requests_figure(rows: list[dict]) -> go.Figure:
    fig = _stacked_by_level(rows, "requests_received", "requests")
    _layout(fig, TITLES["requests"], "Report year", "Requests received (件)")
    return fig


def rates_figure(rows: list[dict]) -> go.Figure:
    fig = go.Figure()
    by_year = [r for r in rows if r["report_year"] is not None]
    for column, label, color in (("grant_rate", "granted in full or in part", "#2a9d8f"),
                                 ("denial_rate", "denied under an exemption", "#e76f51")):
        fig.add_scatter(x=[r["report_year"] for r in by_year], y=[r[column] for r in by_year],
                        mode="lines+markers", name=label, line={"color": color},
                        customdata=[[r["reports"], r["handled"]] for r in by_year],
                        hovertemplate="%{x}: %{y:.1%} of %{customdata[1]:,} requests "
                                      "(%{customdata[0]} reports)<extra></extra>")
        # The era's pooled rate as a dotted level across the era's years.
        for era in ("pre2019", "2019plus"):
            pooled = [r for r in rows if r["report_year"] is None and r["era"] == era]
            years = [r["report_year"] for r in by_year if r["era"] == era]
            if pooled and years:
                fig.add_scatter(x=[min(years) - 0.4, max(years) + 0.4], y=[pooled[0][column]] * 2,
                                mode="lines", line={"color": color, "dash": "dot"},
                                showlegend=False,
                                hovertemplate=f"{ERA_LABELS[era]}, pooled: "
                                              "%{y:.1%}<extra></extra>")
    if by_year:
        fig.add_vline(x=2018.5, line={"color": "#555", "dash": "dash"},
                      annotation_text="2019 revision", annotation_position="top")
    _layout(fig, TITLES["rates"], "Report year (dotted: the era's pooled rate)",
            "Share of requests handled")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_xaxes(dtick=1)
    return fig if by_year else _empty(fig)


def petitions_figure(rows: list[dict]) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=[r["report_year"] for r in rows], y=[r["petition_share"] for r in rows],
                marker_color="#8d6cab", name="petitions",
                customdata=[[r["petitions"], r["requests_received"], r["reports"]] for r in rows],
                hovertemplate="%{x}: %{y:.1%} (%{customdata[0]:,} of %{customdata[1]:,} "
                              "requests, %{customdata[2]} reports)<extra></extra>")
    _layout(fig, TITLES["petitions"], "Report year", "Petitions / requests received")
    fig.update_yaxes(tickformat=".1%", rangemode="tozero")
    fig.update_xaxes(dtick=1)
    return fig if rows else _empty(fig)


def lawsuits_figure(rows: list[dict]) -> go.Figure:
    ordered = sorted(rows, key=lambda r: (r["lawsuits_per_100"] or 0))
    fig = go.Figure()
    fig.add_bar(y=[r["province_name"] for r in ordered], x=[r["lawsuits_per_100"] for r in ordered],
                orientation="h", marker_color="#264653", name="lawsuits per 100",
                customdata=[[r["lawsuits"], r["requests_received"], r["reports"]] for r in ordered],
                hovertemplate="%{y}: %{x:.2f} (%{customdata[0]:,} lawsuits, %{customdata[1]:,} "
                              "requests, %{customdata[2]} reports)<extra></extra>")
    _layout(fig, TITLES["lawsuits"], "Lawsuits per 100 requests received", "Province",
            height=max(360, 60 + 24 * len(rows)))
    return fig if rows else _empty(fig)


def reports_figure(rows: list[dict]) -> go.Figure:
    fig = _stacked_by_level(rows, "reports", "reports")
    _layout(fig, TITLES["reports"], "Report year", "Annual reports")
    return fig


def key_figures_figure(rows: list[dict]) -> go.Figure:
    fig = go.Figure()
    for row in rows:
        fig.add_bar(y=[label for _, label in KEY_FIGURES],
                    x=[row[column] for column, _ in KEY_FIGURES], orientation="h",
                    name=f"{ERA_LABELS.get(row['era'], row['era'])} ({row['reports']} reports)",
                    hovertemplate="%{y}: %{x:.0%}<extra></extra>")
    _layout(fig, TITLES["key_figures"], "Share of annual reports (exact figure, total column)",
            "", height=460)
    fig.update_layout(barmode="group", margin={"l": 230})
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return fig if rows else _empty(fig)


# ---- queries -------------------------------------------------------------------------------

def headline(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    row = _rows(con, """
        select
            (select count(*) from marts.dim_source_file) as files,
            count(*) as documents,
            count(*) filter (where doc_type = 'annual_report') as reports,
            min(report_year) filter (where doc_type = 'annual_report') as first_year,
            max(report_year) filter (where doc_type = 'annual_report') as last_year,
            count(distinct report_year) filter (where doc_type = 'annual_report') as years,
            count(distinct adcode) filter (where doc_type = 'annual_report') as jurisdictions,
            count(*) filter (where doc_type = 'annual_report' and adcode is null) as unresolved,
            (select count(*) from marts.fct_figures) as figures
        from marts.dim_report""")[0]
    span = (f"{row['first_year']}–{row['last_year']}" if row["first_year"] is not None else "—")
    return [
        ("documents", f"{row['documents']:,}", f"distinct documents in {row['files']:,} files"),
        ("annual reports", f"{row['reports']:,}", "the rest are look-alikes"),
        ("figures", f"{row['figures']:,}", "each with the text it came from"),
        ("years covered", span, f"{row['years']} distinct report years"),
        ("jurisdictions", f"{row['jurisdictions']:,}",
         f"GB/T 2260 codes; reports not tied to a code: {row['unresolved']}"),
    ]


def coverage_reports(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return _rows(con, """
        select report_year, jurisdiction_level, count(*) as reports
        from marts.dim_report
        where doc_type = 'annual_report' and report_year is not null
        group by all order by all""")


def coverage_key_figures(con: duckdb.DuckDBPyConnection) -> list[dict]:
    shares = ", ".join(f"count({c}) / count(*) as {c}" for c, _ in KEY_FIGURES)
    return _rows(con, f"select era, count(*) as reports, {shares} from marts.mart_report_summary "
                      "group by era order by era desc")


def latest_run(con: duckdb.DuckDBPyConnection) -> str | None:
    """The build that produced this file: the last one recorded as published, else the last
    one that recorded checks (a build file that was never published)."""
    if _has_table(con, "quality", "builds"):
        run = con.execute("select run_id from quality.builds order by published_at desc "
                          "limit 1").fetchone()
        if run:
            return run[0]
    if _has_table(con, "quality", "check_results"):
        run = con.execute("select run_id from quality.check_results order by checked_at desc "
                          "limit 1").fetchone()
        return run[0] if run else None
    return None


def quality(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[list[dict], list[dict]]:
    counts = _rows(con, """
        select layer, severity, count(*) as checks,
            count(*) filter (where passed) as passed, count(*) filter (where not passed) as failed
        from quality.check_results where run_id = ?
        group by all order by layer, severity""", [run_id])
    failed = _rows(con, """
        select layer, suite, check_name, column_name, severity, failing_rows, observed_value, why
        from quality.check_results where run_id = ? and not passed
        order by severity, layer, suite, check_name""", [run_id])
    return counts, failed


# ---- page ----------------------------------------------------------------------------------

def _figure_html(fig: go.Figure, first: bool) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=first, include_mathjax=False,
                       config={"displaylogo": False, "responsive": True})


def _table(rows: list[dict], columns: list[tuple[str, str]], empty: str) -> str:
    if not rows:
        return f'<p class="note">{html.escape(empty)}</p>'
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in columns)
    body = "".join("<tr>" + "".join(f"<td>{_esc(r[key])}</td>" for key, _ in columns) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cards(numbers: list[tuple[str, str, str]]) -> str:
    return '<div class="cards">' + "".join(
        f'<div class="card"><div class="label">{html.escape(label)}</div>'
        f'<div class="number">{html.escape(value)}</div>'
        f'<div class="note">{html.escape(note)}</div></div>' for label, value, note in numbers
    ) + "</div>"


def _quality_section(con: duckdb.DuckDBPyConnection) -> str:
    run_id = latest_run(con)
    if run_id is None or not _has_table(con, "quality", "check_results"):
        return '<p class="note">No data-quality record in this warehouse.</p>'
    counts, failed = quality(con, run_id)
    total = sum(c["checks"] for c in counts)
    n_failed = sum(c["failed"] for c in counts)
    summary = (f"<p>Build <code>{html.escape(run_id)}</code>: {total} checks (dbt tests and "
               f"Great Expectations expectations), {n_failed} failed. A failed <b>error</b> check "
               f"blocks publishing, so a published file can only carry failed <b>warn</b> "
               f"checks.</p>")
    return summary + _table(
        counts, [("layer", "layer"), ("severity", "severity"), ("checks", "checks"),
                 ("passed", "passed"), ("failed", "failed")], "No checks recorded.") + \
        "<h3>Failed checks</h3>" + _table(
        failed, [("layer", "layer"), ("suite", "suite / test"), ("check_name", "check"),
                 ("column_name", "column"), ("severity", "severity"),
                 ("failing_rows", "failing rows"), ("why", "why it matters")],
        "Every check of this build passed.")


CSS = f"""
body {{ font-family: {FONT_STACK}; margin: 0 auto; max-width: 1180px; padding: 24px;
       color: #1d2b36; background: #fafafa; }}
h1 {{ margin-bottom: 4px; }} h2 {{ margin-top: 40px; border-bottom: 2px solid #ddd; }}
.sub, .note {{ color: #5b6770; font-size: 0.92em; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 14px; margin: 20px 0; }}
.card {{ background: white; border: 1px solid #e3e3e3; border-radius: 8px; padding: 14px 18px;
        min-width: 180px; flex: 1; }}
.card .number {{ font-size: 2em; font-weight: 600; margin: 4px 0; }}
.card .label {{ text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.8em;
               color: #5b6770; }}
.chart {{ background: white; border: 1px solid #e3e3e3; border-radius: 8px; margin: 16px 0;
         padding: 6px; }}
table {{ border-collapse: collapse; background: white; margin: 10px 0; font-size: 0.9em; }}
th, td {{ border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f0f2f4; }}
"""


def open_warehouse(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection for the page's queries, held to the build process's budget.

    The publish step writes the page inside the build process, next to the loads' budget.
    Left at DuckDB's default (80% of the machine), the page's aggregates over a million
    documents' figures held 1,073 MB; in the loads' 400 MB, 593 MB, in the same 2.5 s."""
    return connect(warehouse, read_only=True, memory_limit=LOAD_MEMORY_LIMIT)


def build_report(warehouse: Path, out: Path) -> Path:
    """Write the analysts' page for the warehouse file to `out` and return `out`."""
    with open_warehouse(warehouse) as con:
        def run(name: str) -> list[dict]:
            return _rows(con, analysis_sql(name))

        figures = [
            requests_figure(run("requests_by_year_and_level")),
            rates_figure(run("grant_denial_rates_by_era")),
            petitions_figure(run("petition_share")),
            lawsuits_figure(run("lawsuits_per_100_by_province")),
        ]
        unreconciled = run("unreconciled_reports")
        coverage = [reports_figure(coverage_reports(con)),
                    key_figures_figure(coverage_key_figures(con))]
        numbers = headline(con)
        quality_html = _quality_section(con)

    charts = [f'<div class="chart">{_figure_html(fig, first=i == 0)}</div>'
              for i, fig in enumerate([*figures, *coverage])]
    analyses_html = "".join(charts[:4])
    coverage_html = "".join(charts[4:])
    unreconciled_html = _table(
        unreconciled[:100],
        [("jurisdiction_name", "jurisdiction 报告主体"), ("report_year", "year"),
         ("received", "received 本年新收"), ("carried_in", "carried in 上年结转"),
         ("handled", "handled 总计"), ("carried_out", "carried out 结转下年度"), ("gap", "gap"),
         ("source_path", "file")],
        "Every report that prints the four figures reconciles.")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OGI warehouse: what the annual reports say (政府信息公开工作年度报告)</title>
<style>{CSS}</style>
</head>
<body>
<h1>OGI warehouse: what the annual reports say</h1>
<p class="sub">政府信息公开工作年度报告 · {html.escape(warehouse.name)} · generated {generated}.
Figures are as printed (exact, total column); one report per body and year is summed, never a
consolidated report together with its parts (<code>counted_in_rollups</code>). The SQL behind
each chart is in <code>analyses/</code>.</p>
{_cards(numbers)}
<h2>Analyses</h2>
{analyses_html}
<h3>Reports whose figures do not reconcile ({len(unreconciled)})</h3>
<p class="note">本年新收 + 上年结转 ≠ 办理结果总计 + 结转下年度 in the report itself; kept as printed.</p>
{unreconciled_html}
<h2>Coverage</h2>
{coverage_html}
<h2>Data quality</h2>
{quality_html}
</body>
</html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
