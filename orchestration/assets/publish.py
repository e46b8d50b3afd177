"""Publish the build database as the analysts' file, atomically, only after every check passed."""


import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dagster as dg

from expectations.docs_index import write_index
from expectations.runner import build_data_docs, data_docs_dir
from orchestration import texts
from orchestration.checks import gx_worker
from orchestration.faults import crash_point
from orchestration.project import dbt_project
from orchestration.report import build_report
from orchestration.resources import WarehouseSettings
from orchestration.warehouse_db import connect

MART_KEYS = [dg.AssetKey(["marts", name]) for name in (
    "dim_report", "dim_source_file", "dim_jurisdiction", "dim_year", "fct_applications",
    "fct_dispositions", "fct_channels", "fct_reviews_litigation", "fct_proactive", "fct_fees",
    "fct_figures", "fct_extraction_issues", "fct_report_identities",
    "mart_dispositions_harmonized", "mart_report_summary",
)]


def blocking_failures(build_db: Path, run_id: str) -> list[tuple[str, str, str | None]]:
    with connect(build_db, read_only=True) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'quality' and table_name = 'check_results'"
        ).fetchone()[0]
        if not exists:
            return [("quality", "no expectation results recorded", None)]
        return con.execute(
            "select suite, check_name, column_name from quality.check_results "
            "where run_id = ? and severity = 'error' and not passed", [run_id]).fetchall()


def publish_docs(source: Path, target: Path, build_db: Path, run_id: str) -> None:
    """Swap in the new Data Docs folder; the old one is removed only after the swap."""
    if not source.exists():
        return
    tag = run_id[:8]
    staging = target.with_name(f".{target.name}.{tag}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    os.replace(staging / "index.html", staging / "gx_index.html")
    with connect(build_db, read_only=True) as con:
        results = con.execute(
            "select suite, check_name, column_name, severity, passed, observed_value, "
            "failing_rows from quality.check_results where run_id = ? and layer = 'gx'",
            [run_id]).fetchall()
    write_index(staging, results, run_id)
    old = target.with_name(f".{target.name}.{tag}.old")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def publish_file(build_db: Path, published: Path, tag: str,
                 texts_dir: Path | None = None) -> dict:
    """Copy, verify, then rename over the published file: readers see old or new, never half.
    The copy's raw.document_texts reads the published texts (`texts_dir`)."""
    with connect(build_db) as con:
        con.execute("checkpoint")
    published.parent.mkdir(parents=True, exist_ok=True)
    for stale in published.parent.glob(f".{published.name}.*.tmp"):
        stale.unlink()  # left by a build that was killed while publishing
    tmp = published.with_name(f".{published.name}.{tag}.tmp")
    shutil.copyfile(build_db, tmp)
    if texts_dir is not None:
        with connect(tmp) as con:
            con.execute(texts.view_sql(texts_dir))
    with connect(tmp, read_only=True) as con:
        # Every mart's row count goes to the UI; an empty or missing mart fails here.
        counts = {f"rows_{key.path[-1]}": con.execute(
                      f"select count(*) from marts.{key.path[-1]}").fetchone()[0]
                  for key in MART_KEYS}
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o444)  # read-only for everyone: analysts read, only a publish replaces
    crash_point("publish")  # the new file is written, the old one not yet replaced
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
    # The GX worker of this run renders the Data Docs while the file is copied below.
    docs_worker = gx_worker.validated_worker(context.run_id)
    failures = blocking_failures(settings.build_db, context.run_id)
    if failures:
        if docs_worker is not None:
            docs_worker.close()  # a failed build's Data Docs are not published
        listed = "; ".join(f"{s}: {e} ({c})" for s, e, c in failures)
        raise dg.Failure(description=f"not published, blocking contracts failed: {listed}")
    with connect(settings.build_db) as con:
        con.execute("create schema if not exists quality")
        con.execute("create table if not exists quality.builds (run_id varchar, "
                    "published_at timestamp, warehouse varchar)")
        con.execute("insert into quality.builds values (?, now(), ?)",
                    [context.run_id, str(settings.published)])
    with connect(settings.build_db, read_only=True) as con:
        text_files = texts.named_files(con)
    texts.publish(settings.texts_dir, settings.published_texts_dir, text_files)
    counts = publish_file(settings.build_db, settings.published, context.run_id[:8],
                          settings.published_texts_dir)
    texts.prune_published(settings.published_texts_dir, text_files)
    # The analysts' page reads the new file while the Data Docs are finished and swapped in.
    with ThreadPoolExecutor(max_workers=1) as pool:
        report = pool.submit(_replace_with, settings.report_html,
                             lambda tmp: build_report(settings.published, tmp))
        if docs_worker is not None:
            docs_worker.wait_for_docs()
        else:  # the checks ran elsewhere (another executor): render here
            build_data_docs(settings.gx_project)
        publish_docs(data_docs_dir(settings.gx_project), settings.data_docs, settings.build_db,
                     context.run_id)
        report.result()
    dbt_docs = dbt_project.project_dir / "target" / "dagster" / "static_index.html"
    if dbt_docs.exists():
        _replace_with(settings.dbt_docs_html, lambda tmp: shutil.copyfile(dbt_docs, tmp))
    context.log.info(f"published {settings.published}")
    return dg.MaterializeResult(metadata={
        "preview": dg.MetadataValue.md(_preview(settings.published)),
        "path": dg.MetadataValue.path(str(settings.published)),
        "data_docs": dg.MetadataValue.path(str(settings.data_docs / "index.html")),
        "report": dg.MetadataValue.path(str(settings.report_html)),
        "dbt_docs": dg.MetadataValue.path(str(settings.dbt_docs_html)), **counts})


def _preview(warehouse: Path, limit: int = 10) -> str:
    """The first reports of mart_report_summary as a markdown table, for the Dagster UI."""
    with connect(warehouse, read_only=True) as con:
        cur = con.execute("select jurisdiction_name, report_year, scope, received, handled, "
                          "grant_rate from marts.mart_report_summary order by report_year, "
                          f"jurisdiction_name limit {int(limit)}")
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _replace_with(target: Path, write: Callable[[Path], object]) -> None:
    """Write next to the target, then rename over it: a reader sees old or new, never half."""
    tmp = target.with_name(f".{target.name}.tmp")
    write(tmp)
    os.replace(tmp, target)
