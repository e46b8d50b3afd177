"""Scan the landing folder: every file gets a sha256 and a status, nothing is dropped."""

import shutil
from pathlib import Path

import dagster as dg

from orchestration.resources import WarehouseSettings
from orchestration.scan import scan_folder, walk


@dg.asset(
    group_name="ingest",
    description="Every file of the landing folder (or the bundled samples when it is empty), "
    "hashed (sha256 = document_id) and given a status: ok, duplicate, too_large, "
    "unreadable or skipped. Written as Parquet for the next steps; files unchanged since "
    "the last scan (same size and mtime) are not read again.",
)
def landing_documents(context: dg.AssetExecutionContext, settings: WarehouseSettings) -> dict:
    settings.prepare()
    folder = Path(settings.landing_dir)
    if next(walk(folder), None) is None:
        context.log.info(f"landing folder {folder} is empty: using the bundled samples")
        folder = Path(settings.samples_dir)
    scans = settings.build_dir / "scan"
    shutil.rmtree(scans, ignore_errors=True)  # left by a build that stopped before its loads
    scan = scan_folder(folder, settings.max_file_bytes, scans / context.run_id, settings.build_db,
                       workers=settings.workers)
    context.add_output_metadata({"folder": str(folder), "files": scan.files,
                                 "hashed": scan.hashed,
                                 **{f"status_{k}": v for k, v in sorted(scan.statuses.items())}})
    return {"scan": str(scan.path), "folder": str(folder), "files": scan.files}
