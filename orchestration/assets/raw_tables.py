"""Load the scan and the staged extraction results into raw.* of the build database."""

import shutil
from pathlib import Path

import dagster as dg

from orchestration.raw_loads import load_staged, staged_files
from orchestration.resources import WarehouseSettings


@dg.asset(
    group_name="ingest",
    description="raw.source_files (the latest scan), raw.documents, raw.figures and "
    "raw.issues in the build database, appended from the staged Parquet files, idempotent "
    "per document and extractor version; a load is finished when it removes its keys' "
    "files beside the database, last, and the rows of a load killed before that are deleted "
    "by the next (orchestration/raw_loads.py). The texts' "
    "files are placed beside it and recorded in "
    "raw.document_text_files (raw.document_texts is a view of them). With OGI_TARGET=spark "
    "also exported to the lake folder as Parquet, one folder per table.",
)
def raw_tables(context: dg.AssetExecutionContext, settings: WarehouseSettings,
               extracted_reports: dict) -> dg.MaterializeResult:
    staging = Path(extracted_reports["staging"])
    loaded = load_staged(settings.build_db, settings.texts_dir, Path(extracted_reports["scan"]),
                         staged_files(staging), context.run_id[:8],
                         settings.lake_dir if settings.on_spark else None)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(Path(extracted_reports["scan"]).parent, ignore_errors=True)
    return dg.MaterializeResult(metadata={
        "files_scanned": extracted_reports["files"], "documents_loaded": loaded["documents"],
        "figures_loaded": loaded["figures"], "issues_loaded": loaded["issues"],
        "texts_placed": loaded["document_texts"],
        "orphan_text_files_removed": loaded["orphan_text_files"],
        "unfinished_keys_forgotten": loaded["unfinished_keys_forgotten"],
        "build_db": str(settings.build_db),
        **({"lake_dir": dg.MetadataValue.path(str(settings.lake_dir)),
            "lake_rows": dg.MetadataValue.json(loaded["lake"])} if settings.on_spark else {})})
