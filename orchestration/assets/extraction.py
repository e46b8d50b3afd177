"""Extract the documents this extractor version has not read yet: in parallel, in chunks,
each chunk written as Parquet files so memory stays bounded whatever the corpus size."""

from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq

from ogi.extract import extract_document, extractor_version
from ogi.models import ExtractionResult, Issue
from orchestration.faults import crash_point
from orchestration.resources import WarehouseSettings
from orchestration.rows import TABLES, RawBatch
from orchestration.warehouse_db import extracted_versions

# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
CHUNK = 2000  # documents between progress reports (and crash points)
BATCH = 125  # documents a worker extracts and writes as one set of Parquet files


def _extract_file(args: tuple[str, str, str]) -> ExtractionResult:
    path, rel, expected_id = args
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return _unreadable(rel, expected_id, 0, f"cannot read file: {exc}", "unreadable")
    result = extract_document(data, rel)
    if result.document_id != expected_id:
        # The file changed between the scan and now: keep the scan's identity, say so.
        result = _unreadable(rel, expected_id, len(data),
                             "file changed while the run was reading it", "changed_during_run")
    return result


def _unreadable(rel: str, doc_id: str, size: int, reason: str, code: str) -> ExtractionResult:
    result = ExtractionResult(path=rel, document_id=doc_id, size_bytes=size,
                              extractor_version=extractor_version(), doc_type="unreadable",
                              doc_type_reason=reason)
    result.issues.append(Issue(code, reason))
    return result


def _extract_batch(args: tuple[Path, str, list[tuple[str, str, str]]]) -> dict[str, int]:
    """Extract a batch and write its rows as Parquet where it runs: only row counts travel
    back, so the parent neither unpickles documents nor converts rows while workers wait."""
    folder, name, jobs = args
    batch = RawBatch()
    for job in jobs:
        result = _extract_file(job)
        batch.add(result, datetime.now(UTC).replace(tzinfo=None))
    counts = {}
    for table, rows in batch.tables().items():
        counts[table] = rows.num_rows
        if rows.num_rows:
            pq.write_table(rows, folder / f"{table}-{name}.parquet")
    return counts


@dg.asset(
    group_name="ingest",
    description="Metadata, figures and issues of every document not yet read by the current "
    "extractor version (same sha256 and version: not read again), staged as Parquet.",
)
def extracted_reports(context: dg.AssetExecutionContext, settings: WarehouseSettings,
                      landing_documents: list[dict]) -> dict:
    version = extractor_version()
    done = extracted_versions(settings.build_db, version)
    todo = list({r["document_id"]: r for r in landing_documents
                 if r["scan_status"] == "ok" and r["document_id"] not in done}.values())
    jobs = [(str(Path(r["landing_dir"]) / r["path"]), r["path"], r["document_id"]) for r in todo]
    staging = settings.build_dir / "staging" / context.run_id
    staging.mkdir(parents=True, exist_ok=True)
    context.log.info(f"{len(jobs)} document(s) to extract, {len(done)} already read by {version}")
    totals = dict.fromkeys(TABLES, 0)
    parallel = len(jobs) >= PARALLEL_THRESHOLD and settings.workers > 1
    pool = ProcessPoolExecutor(max_workers=settings.workers) if parallel else None
    try:
        for n, start in enumerate(range(0, len(jobs), CHUNK)):
            chunk = jobs[start:start + CHUNK]
            batches = [(staging, f"{n:05d}-{k:03d}", chunk[i:i + BATCH])
                       for k, i in enumerate(range(0, len(chunk), BATCH))]
            for counts in (pool.map(_extract_batch, batches) if pool
                           else map(_extract_batch, batches)):
                for table, count in counts.items():
                    totals[table] += count
            crash_point("extraction")
            context.log.info(f"extracted {min(start + CHUNK, len(jobs))}/{len(jobs)}")
    finally:
        if pool:
            pool.shutdown()
    context.add_output_metadata({
        "extractor_version": version, "extracted": len(jobs), "cached": len(done),
        "figures": totals["figures"], "issues": totals["issues"], "staging": str(staging)})
    return {"scan": landing_documents, "staging": str(staging), "extractor_version": version,
            "extracted": len(jobs)}
