"""Publish the build database as the analysts' file, atomically, only after every check passed."""


import os
import shutil
from pathlib import Path

import dagster as dg

from orchestration.resources import WarehouseSettings
from orchestration.warehouse_db import connect

MART_KEYS = [dg.AssetKey(["marts", name]) for name in (
    "dim_report", "dim_source_file", "dim_jurisdiction", "dim_year", "fct_applications",
    "fct_dispositions", "fct_channels", "fct_reviews_litigation", "fct_proactive", "fct_fees",
    "fct_figures", "fct_extraction_issues",
)]


def blocking_failures(build_db: Path, run_id: str) -> list[tuple[str, str, str | None]]:
    with connect(build_db, read_only=True) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'quality' and table_name = 'expectation_results'"
        ).fetchone()[0]
        if not exists:
            return [("quality", "no expectation results recorded", None)]
        return con.execute(
            "select suite, expectation, column_name from quality.expectation_results "
            "where run_id = ? and severity = 'error' and not passed", [run_id]).fetchall()


def publish_file(build_db: Path, published: Path, tag: str) -> dict:
    """Copy, verify, then rename over the published file: readers see old or new, never half."""
    with connect(build_db) as con:
        con.execute("checkpoint")
    published.parent.mkdir(parents=True, exist_ok=True)
    tmp = published.with_name(f".{published.name}.{tag}.tmp")
    shutil.copyfile(build_db, tmp)
    with connect(tmp, read_only=True) as con:
        counts = {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0]
                  for t in ("dim_report", "dim_source_file", "fct_figures")}
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o444)  # read-only for everyone: analysts read, only a publish replaces
    os.replace(tmp, published)
    dir_fd = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return counts


@dg.asset(
    deps=MART_KEYS,
    group_name="publish",
    description="The analysts' DuckDB file (OGI_WAREHOUSE), replaced atomically and only when "
    "every blocking check of this run passed; otherwise the previous file stays as it was.",
)
def published_warehouse(context: dg.AssetExecutionContext,
                        settings: WarehouseSettings) -> dg.MaterializeResult:
    failures = blocking_failures(settings.build_db, context.run_id)
    if failures:
        listed = "; ".join(f"{s}: {e} ({c})" for s, e, c in failures)
        raise dg.Failure(description=f"not published, blocking contracts failed: {listed}")
    counts = publish_file(settings.build_db, settings.published, context.run_id[:8])
    context.log.info(f"published {settings.published}")
    return dg.MaterializeResult(metadata={"path": str(settings.published), **counts})
