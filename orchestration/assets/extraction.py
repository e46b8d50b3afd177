"""Extract the documents this extractor version has not read yet: in parallel, in chunks,
each chunk written as Parquet files so memory stays bounded whatever the corpus size."""

import gc
import shutil
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow.parquet as pq

from ogi.extract import extract_document, extractor_version
from ogi.models import ExtractionResult, Issue
from orchestration.faults import crash_point
from orchestration.resources import WarehouseSettings
from orchestration.rows import TABLES, RawBatch
from orchestration.sql_literals import literal
from orchestration.unfinished_loads import key_files, keys_sql
from orchestration.warehouse_db import LOAD_MEMORY_LIMIT, keep_to_budget

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
    if not gc.isenabled():  # a worker (_worker_start): its one collection per batch
        gc.collect()
    counts = {}
    for table, rows in batch.tables().items():
        counts[table] = rows.num_rows
        if rows.num_rows:
            pq.write_table(rows, folder / f"{table}-{name}.parquet", **_COMPRESSION.get(table, {}))
    return counts


# The texts are kept as these files (orchestration/texts.py): zstd makes them a tenth of
# their size for about 0.03 ms a document; the other files are loaded once and deleted.
_COMPRESSION = {"document_texts": {"compression": "zstd", "compression_level": 3}}


def _todo(scan: Path, build_db: Path, version: str, out: Path) -> tuple[int, int]:
    """The scan's documents this extractor version has not read, as (path, document_id) rows
    in `out`; returns (to extract, already read). A query, not a set in memory: the build
    database may know millions of documents."""
    with duckdb.connect() as con:
        keep_to_budget(con, LOAD_MEMORY_LIMIT)
        done = "(select null::varchar as document_id where false)"
        if build_db.exists():
            con.execute(f"attach {literal(build_db)} as build (read_only)")
            raw = {r[0] for r in con.execute(
                "select table_name from information_schema.tables where table_catalog = "
                "'build' and table_schema = 'raw'").fetchall()}
            if "documents" in raw:
                version_of = f"where extractor_version = {literal(version)}"
                done = f"(select document_id from build.raw.documents {version_of}"
                # A key left unfinished belongs to a load killed before its end: the next
                # load deletes its rows, so the document is read again. Databases made
                # before the keys were files kept them in raw.unfinished_loads.
                unfinished = []
                if files := key_files(build_db):
                    unfinished.append(f"({keys_sql(files)})")
                if "unfinished_loads" in raw:
                    unfinished.append("build.raw.unfinished_loads")
                for keys in unfinished:
                    done += f" except select document_id from {keys} {version_of}"
                done += ")"
        con.execute(f"create temp view ok as select path, document_id from read_parquet("
                    f"{literal(scan)}) where scan_status = 'ok'")
        con.execute(f"copy (select path, document_id from ok anti join {done} as done using "
                    f"(document_id) order by path) to {literal(out)} (format parquet)")
        todo = con.execute(f"select count(*) from read_parquet({literal(out)})").fetchone()[0]
        cached = con.execute("select count(*) from ok").fetchone()[0] - todo
    return todo, cached


def _batches(todo: Path, folder: Path, staging: Path) -> Iterator[tuple]:
    """_extract_batch's arguments, BATCH documents each, read from the todo file as needed."""
    for n, chunk in enumerate(pq.ParquetFile(todo).iter_batches(batch_size=CHUNK)):
        jobs = [(str(folder / p), p, d) for p, d in zip(
            chunk.column("path").to_pylist(), chunk.column("document_id").to_pylist(),
            strict=True)]
        for k, i in enumerate(range(0, len(jobs), BATCH)):
            yield staging, f"{n:05d}-{k:03d}", jobs[i:i + BATCH]


def _results(pool: ProcessPoolExecutor | None, batches: Iterator[tuple],
             window: int) -> Iterator[dict]:
    """Counts of each batch as it finishes. A few batches per worker are in flight at any
    time, so no worker waits for the slowest batch of a chunk, and memory stays bounded."""
    if pool is None:
        yield from map(_extract_batch, batches)
        return
    pending: set[Future] = set()
    for batch in batches:
        pending.add(pool.submit(_extract_batch, batch))
        if len(pending) >= window:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in finished)
    for future in as_completed(pending):
        yield future.result()


def _worker_start() -> None:
    """What a worker imported lives as long as it does, so the collector need not walk it;
    and a batch's objects form no cycles to speak of, so instead of collecting every few
    hundred allocations (about 6% of a worker's time) a worker collects once per batch."""
    gc.freeze()
    gc.disable()


@dg.asset(
    group_name="ingest",
    description="Metadata, figures and issues of every document not yet read by the current "
    "extractor version (same sha256 and version: not read again), staged as Parquet.",
)
def extracted_reports(context: dg.AssetExecutionContext, settings: WarehouseSettings,
                      landing_documents: dict) -> dict:
    version = extractor_version()
    # Files staged by a build that stopped before its loads: its documents are read again.
    shutil.rmtree(settings.build_dir / "staging", ignore_errors=True)
    staging = settings.build_dir / "staging" / context.run_id
    staging.mkdir(parents=True, exist_ok=True)
    todo_file = staging.parent / f"todo-{context.run_id}.parquet"
    n_todo, cached = _todo(Path(landing_documents["scan"]), settings.build_db, version,
                           todo_file)
    folder = Path(landing_documents["folder"])
    context.log.info(f"{n_todo} document(s) to extract, {cached} already read by {version}")
    totals = dict.fromkeys(TABLES, 0)
    parallel = n_todo >= PARALLEL_THRESHOLD and settings.workers > 1
    pool = (ProcessPoolExecutor(max_workers=settings.workers, initializer=_worker_start)
            if parallel else None)
    done = reported = 0
    try:
        for counts in _results(pool, _batches(todo_file, folder, staging),
                               window=2 * settings.workers):
            for table, count in counts.items():
                totals[table] += count
            done += counts["documents"]
            if done - reported >= CHUNK or done == n_todo:
                reported = done
                crash_point("extraction")
                context.log.info(f"extracted {done}/{n_todo}")
    finally:
        if pool:
            pool.shutdown()
        todo_file.unlink(missing_ok=True)
    context.add_output_metadata({
        "extractor_version": version, "extracted": n_todo, "cached": cached,
        "figures": totals["figures"], "issues": totals["issues"], "staging": str(staging)})
    return {"scan": landing_documents["scan"], "files": landing_documents["files"],
            "staging": str(staging), "extractor_version": version, "extracted": n_todo}
