"""Load the scan and the staged extraction results into raw.* of the build database."""

import shutil
from pathlib import Path

import dagster as dg
import pyarrow as pa

from orchestration.faults import crash_point
from orchestration.lake import export_raw_tables
from orchestration.resources import WarehouseSettings
from orchestration.rows import TABLES
from orchestration.warehouse_db import connect_for_loads, ensure_raw_schema


@dg.asset(
    group_name="ingest",
    description="raw.source_files, raw.documents, raw.figures, raw.issues and "
    "raw.document_texts in the build database: appended from the staged Parquet files in one "
    "transaction, idempotent per document and extractor version. With OGI_TARGET=spark also "
    "exported to the lake folder as Parquet, one folder per table.",
)
def raw_tables(context: dg.AssetExecutionContext, settings: WarehouseSettings,
               extracted_reports: dict) -> dg.MaterializeResult:
    staging = Path(extracted_reports["staging"])
    files = {t: sorted(str(p) for p in staging.glob(f"{t}-*.parquet")) for t in TABLES}
    loaded = dict.fromkeys(TABLES, 0)
    with connect_for_loads(settings.build_db) as con:
        ensure_raw_schema(con)
        con.execute("begin")
        con.register("scan", pa.Table.from_pylist(extracted_reports["scan"]))
        if extracted_reports["scan"]:
            con.execute("insert into raw.source_files by name select * from scan")
        if files["documents"]:
            # A re-run of the same extractor version replaces its earlier rows.
            keys = f"read_parquet({files['documents']!r})"
            for table in TABLES:
                con.execute(f"delete from raw.{table} t using (select document_id, "
                            f"extractor_version from {keys}) k where t.document_id = "
                            "k.document_id and t.extractor_version = k.extractor_version")
        for table, paths in files.items():
            if paths:
                con.execute(f"insert into raw.{table} by name select * from read_parquet(?)",
                            [paths])
                loaded[table] = con.execute(
                    "select count(*) from read_parquet(?)", [paths]).fetchone()[0]
        crash_point("loads")  # inside the transaction: nothing of it may survive
        con.execute("commit")
        con.unregister("scan")
        # Spark reads the raw layer as Parquet; the DuckDB build reads it in place.
        lake = export_raw_tables(con, settings.lake_dir) if settings.on_spark else {}
    shutil.rmtree(staging, ignore_errors=True)
    return dg.MaterializeResult(metadata={
        "files_scanned": len(extracted_reports["scan"]), "documents_loaded": loaded["documents"],
        "figures_loaded": loaded["figures"], "issues_loaded": loaded["issues"],
        "build_db": str(settings.build_db),
        **({"lake_dir": dg.MetadataValue.path(str(settings.lake_dir)),
            "lake_rows": dg.MetadataValue.json(lake)} if settings.on_spark else {})})
