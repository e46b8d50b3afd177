"""Load the scan and the staged extraction results into raw.* of the build database."""

import shutil
from pathlib import Path

import dagster as dg

from orchestration import texts
from orchestration.faults import crash_point
from orchestration.lake import export_raw_tables
from orchestration.resources import WarehouseSettings
from orchestration.rows import TABLES
from orchestration.warehouse_db import connect_for_loads, ensure_raw_schema

# Tables loaded into the database; the texts stay Parquet files (orchestration/texts.py).
LOADED = tuple(t for t in TABLES if t != "document_texts")


@dg.asset(
    group_name="ingest",
    description="raw.source_files (the latest scan), raw.documents, raw.figures and "
    "raw.issues in the build database, appended from the staged Parquet files in one "
    "transaction, idempotent per "
    "document and extractor version; the texts' files are placed beside it and recorded in "
    "raw.document_text_files (raw.document_texts is a view of them). With OGI_TARGET=spark "
    "also exported to the lake folder as Parquet, one folder per table.",
)
def raw_tables(context: dg.AssetExecutionContext, settings: WarehouseSettings,
               extracted_reports: dict) -> dg.MaterializeResult:
    staging = Path(extracted_reports["staging"])
    files = {t: sorted(str(p) for p in staging.glob(f"{t}-*.parquet")) for t in TABLES}
    loaded = dict.fromkeys(TABLES, 0)
    with connect_for_loads(settings.build_db) as con:
        ensure_raw_schema(con, settings.texts_dir)
        orphans = texts.remove_orphans(con, settings.texts_dir)
        con.execute("begin")
        con.execute("insert into raw.source_files by name select * from read_parquet(?)",
                    [extracted_reports["scan"]])
        # The latest scan describes the folder; keeping every earlier one would add a row
        # per file per build, forever.
        con.execute("delete from raw.source_files "
                    "where scan_id < (select max(scan_id) from raw.source_files)")
        if files["documents"]:
            # A re-run of the same extractor version replaces its earlier rows.
            keys = f"read_parquet({files['documents']!r})"
            for table in (*LOADED, "document_text_files"):
                con.execute(f"delete from raw.{table} t using (select document_id, "
                            f"extractor_version from {keys}) k where t.document_id = "
                            "k.document_id and t.extractor_version = k.extractor_version")
        for table in LOADED:
            if files[table]:
                con.execute(f"insert into raw.{table} by name select * from read_parquet(?)",
                            [files[table]])
                loaded[table] = con.execute(
                    "select count(*) from read_parquet(?)", [files[table]]).fetchone()[0]
        loaded["document_texts"] = texts.place(
            con, map(Path, files["document_texts"]), settings.texts_dir, context.run_id[:8])
        crash_point("loads")  # inside the transaction: nothing of it may survive
        con.execute("commit")
        con.execute(texts.view_sql(settings.texts_dir))
        # Spark reads the raw layer as Parquet; the DuckDB build reads it in place.
        lake = export_raw_tables(con, settings.lake_dir) if settings.on_spark else {}
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(Path(extracted_reports["scan"]).parent, ignore_errors=True)
    return dg.MaterializeResult(metadata={
        "files_scanned": extracted_reports["files"], "documents_loaded": loaded["documents"],
        "figures_loaded": loaded["figures"], "issues_loaded": loaded["issues"],
        "texts_placed": loaded["document_texts"], "orphan_text_files_removed": orphans,
        "build_db": str(settings.build_db),
        **({"lake_dir": dg.MetadataValue.path(str(settings.lake_dir)),
            "lake_rows": dg.MetadataValue.json(lake)} if settings.on_spark else {})})
