"""Run the suites in suites/*.json with Great Expectations 1.x on frames read from DuckDB.

GX's SQL route does not support DuckDB, so each suite names the SQL that produces the
frame it validates; GX validates that pandas frame. Severity lives in each expectation:
`error` blocks publishing, `warn` is recorded and shown.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

SEVERITIES = ("error", "warn")
_AGGREGATE_EXPECTATIONS = {"expect_column_max_to_be_between", "expect_column_min_to_be_between",
                           "expect_column_mean_to_be_between"}
log = logging.getLogger(__name__)


@dataclass
class Outcome:
    suite: str
    expectation: str
    column: str | None
    severity: str
    success: bool
    observed_value: str | None
    unexpected_count: int | None
    examples: list[Any] = field(default_factory=list)
    why: str = ""


@dataclass
class SuiteResult:
    suite: str
    asset: list[str]
    outcomes: list[Outcome]

    @property
    def error_failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "error"]

    @property
    def warn_failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "warn"]


@cache
def load_suites() -> dict[str, dict[str, Any]]:
    folder = resources.files("expectations").joinpath("suites")
    raw = {p.name[:-5]: json.loads(p.read_text("utf-8"))
           for p in folder.iterdir() if p.name.endswith(".json")}
    suites = {}
    for name, suite in raw.items():
        if name.startswith("_"):
            continue
        exps = [e for inc in suite.get("include", []) for e in raw[inc]["expectations"]]
        suite = {**suite, "expectations": exps + suite["expectations"]}
        for e in suite["expectations"]:
            if e["severity"] not in SEVERITIES:
                raise ValueError(f"{name}: unknown severity {e['severity']!r}")
        suites[name] = suite
    return suites


def fact_profile_sql(table: str, group_by: list[str]) -> str:
    """A fact table folded to one row per metric, qualifier, year, unit (and the dims named):
    the contracts hold on every fact row exactly when they hold on this profile, and it stays
    small at any corpus size. Signed changes (本年增/减, *.change_2019) are exempt from the
    sign rule, so min_value leaves them out."""
    keys = ", ".join(["metric", "qualifier", "report_year", "unit", *group_by])
    return (
        f"select {keys}, count(*) as n_rows, "
        "min(case when metric not like '%.change_2019' then value end) as min_value, "
        "count(*) - count(report_id) as null_report_ids, "
        "count(*) - count(evidence) as null_evidence, "
        "sum(count(adcode)) over () * 1.0 / sum(count(*)) over () as adcode_share "
        f"from {table} group by {keys}"
    )


def _resolve(kwargs: dict[str, Any], con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    out = {}
    for key, value in kwargs.items():
        if isinstance(value, dict) and "$sql" in value:
            value = [r[0] for r in con.execute(value["$sql"]).fetchall()]
        out[key] = value
    return out


def data_docs_dir(project_root: Path) -> Path:
    return project_root / "gx" / "uncommitted" / "data_docs" / "local_site"


_CONTEXTS: dict[Path, Any] = {}


def _context(project_root: Path):  # noqa: ANN202 - GX's context type is private
    """A file context, so every validation lands in the Data Docs site beside it; one per
    project and process, since the suites of a build run one after the other."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    project_root = project_root.resolve()
    if project_root in _CONTEXTS and (project_root / "gx").exists():
        return _CONTEXTS[project_root]
    project_root.mkdir(parents=True, exist_ok=True)
    ctx = gx.get_context(mode="file", project_root_dir=str(project_root))
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    _CONTEXTS[project_root] = ctx
    return ctx


def prepare_context(project_root: Path) -> None:
    """Import GX and open the project's context ahead of the first suite."""
    _context(project_root)


def build_data_docs(project_root: Path) -> Path:
    """Render the Data Docs site from the stored suites and validations; returns its folder."""
    if (project_root / "gx").exists():
        _context(project_root).build_data_docs()
    return data_docs_dir(project_root)


def _forget_earlier_validations(project_root: Path, name: str) -> None:
    """Keep only the suite's newest validation: the published Data Docs show the latest
    build (every build's results stay in quality.check_results), and GX rebuilds the site
    from every stored result, which would otherwise grow with each daily build."""
    uncommitted = project_root / "gx" / "uncommitted"
    for folder in (uncommitted / "validations" / name,
                   data_docs_dir(project_root) / "validations" / name):
        shutil.rmtree(folder, ignore_errors=True)


def _batch(ctx, name: str):  # noqa: ANN001, ANN202
    source = ctx.data_sources.add_or_update_pandas("ogi")
    try:
        asset = source.get_asset(name)
    except LookupError:
        asset = source.add_dataframe_asset(name=name)
    try:
        return asset.get_batch_definition("all")
    except KeyError:
        return asset.add_batch_definition_whole_dataframe("all")


def run_suite(con: duckdb.DuckDBPyConnection, name: str, project_root: Path) -> SuiteResult:
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    spec = load_suites()[name]
    sql = spec.get("sql") or fact_profile_sql(spec["profile"], spec.get("group_by", []))
    frame = con.execute(sql).df()
    ctx = _context(project_root)
    suite = gx.ExpectationSuite(name=name, meta={"description": spec.get("description", "")})
    # A column's max or min does not exist in an empty table (a landing folder with no
    # figure of some kind): those contracts hold vacuously, and are recorded as such.
    vacuous = [e for e in spec["expectations"]
               if frame.empty and e["type"] in _AGGREGATE_EXPECTATIONS]
    for e in spec["expectations"]:
        if e in vacuous:
            continue
        suite.add_expectation_configuration(ExpectationConfiguration(
            type=e["type"], kwargs=_resolve(e["kwargs"], con),
            meta={"severity": e["severity"], "why": e.get("why", "")}))
    suite = ctx.suites.add_or_update(suite)
    validation = ctx.validation_definitions.add_or_update(
        gx.ValidationDefinition(data=_batch(ctx, name), suite=suite, name=f"{name}_validation"))
    checkpoint = ctx.checkpoints.add_or_update(gx.Checkpoint(
        name=f"{name}_checkpoint", validation_definitions=[validation],
        # The site is rendered once per build (build_data_docs), not after every suite.
        actions=[],
        result_format={"result_format": "SUMMARY"}))
    _forget_earlier_validations(project_root, name)
    run = checkpoint.run(batch_parameters={"dataframe": frame})
    result = next(iter(run.run_results.values()))
    outcomes = []
    for r in result.results:
        cfg = r.expectation_config
        res = r.result or {}
        observed = res.get("observed_value")
        outcomes.append(Outcome(
            suite=name, expectation=cfg.type,
            column=cfg.kwargs.get("column") or cfg.kwargs.get("column_A"),
            severity=cfg.meta.get("severity", "error"), success=bool(r.success),
            observed_value=None if observed is None else str(observed),
            unexpected_count=res.get("unexpected_count"),
            examples=list(res.get("partial_unexpected_list") or [])[:10],
            why=cfg.meta.get("why", ""),
        ))
    outcomes += [Outcome(suite=name, expectation=e["type"], column=e["kwargs"].get("column"),
                         severity=e["severity"], success=True, observed_value="no rows",
                         unexpected_count=0, why=e.get("why", "")) for e in vacuous]
    return SuiteResult(name, spec.get("asset", []), outcomes)


QUALITY_DDL = """
create schema if not exists quality;
create table if not exists quality.check_results (
    run_id varchar, checked_at timestamp, layer varchar, suite varchar, check_name varchar,
    column_name varchar, severity varchar, passed boolean, observed_value varchar,
    failing_rows bigint, examples varchar, why varchar
);
"""


def record(con: duckdb.DuckDBPyConnection, run_id: str, result: SuiteResult) -> None:
    """One row per expectation per build in quality.check_results (layer 'gx')."""
    con.execute(QUALITY_DDL)
    con.execute("delete from quality.check_results where run_id = ? and layer = 'gx' "
                "and suite = ?", [run_id, result.suite])
    con.executemany(
        "insert into quality.check_results values (?, now(), 'gx', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[run_id, o.suite, o.expectation, o.column, o.severity, o.success, o.observed_value,
          o.unexpected_count, json.dumps(o.examples, ensure_ascii=False, default=str), o.why]
         for o in result.outcomes],
    )
