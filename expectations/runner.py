"""Run the suites in suites/*.json with Great Expectations 1.x on frames read from DuckDB.

GX's SQL route does not support DuckDB, so each suite names the SQL that produces the
frame it validates; GX validates that pandas frame. Severity lives in each expectation:
`error` blocks publishing, `warn` is recorded and shown.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import duckdb

SEVERITIES = ("error", "warn")
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


def _resolve(kwargs: dict[str, Any], con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    out = {}
    for key, value in kwargs.items():
        if isinstance(value, dict) and "$sql" in value:
            value = [r[0] for r in con.execute(value["$sql"]).fetchall()]
        out[key] = value
    return out


def _context():  # noqa: ANN202 - GX's context type is private
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    return ctx


def run_suite(con: duckdb.DuckDBPyConnection, name: str) -> SuiteResult:
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    spec = load_suites()[name]
    frame = con.execute(spec["sql"]).df()
    ctx = _context()
    batch = (ctx.data_sources.add_pandas("ogi").add_dataframe_asset(name=name)
             .add_batch_definition_whole_dataframe("all"))
    suite = gx.ExpectationSuite(name=name)
    for e in spec["expectations"]:
        suite.add_expectation_configuration(ExpectationConfiguration(
            type=e["type"], kwargs=_resolve(e["kwargs"], con),
            meta={"severity": e["severity"], "why": e.get("why", "")}))
    suite = ctx.suites.add(suite)
    validation = ctx.validation_definitions.add(
        gx.ValidationDefinition(data=batch, suite=suite, name=f"{name}_validation"))
    result = validation.run(batch_parameters={"dataframe": frame},
                            result_format={"result_format": "SUMMARY"})
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
    return SuiteResult(name, spec.get("asset", []), outcomes)


QUALITY_DDL = """
create schema if not exists quality;
create table if not exists quality.expectation_results (
    run_id varchar, checked_at timestamp, suite varchar, expectation varchar,
    column_name varchar, severity varchar, passed boolean, observed_value varchar,
    unexpected_count bigint, examples varchar, why varchar
);
"""


def record(con: duckdb.DuckDBPyConnection, run_id: str, result: SuiteResult) -> None:
    con.execute(QUALITY_DDL)
    con.execute("delete from quality.expectation_results where run_id = ? and suite = ?",
                [run_id, result.suite])
    con.executemany(
        "insert into quality.expectation_results values (?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[run_id, o.suite, o.expectation, o.column, o.severity, o.success, o.observed_value,
          o.unexpected_count, json.dumps(o.examples, ensure_ascii=False, default=str), o.why]
         for o in result.outcomes],
    )
