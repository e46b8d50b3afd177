"""The raw loads of a full build k times larger than one `make bench` built, in numbers.

`python -m bench.loads_proxy --times 10 30` writes the 100k benchmark's raw rows out as the
extraction stages them (a Parquet file of each table per 125 documents, the texts in zstd),
k times under new document ids and file names, with a scan of k times the landing folder;
then loads them into an empty build database with the build's own load step
(orchestration/raw_loads.py), in a process of its own that has imported what the build
process imports, sampled for its peak RSS. Then it stages 1,000 new documents and loads them
onto what it built, as a build that adds a day's reports does.

What the loads hold depends on the number of staged files and the rows they carry, and
these are the rows of real extractions: repeating them shows how the build process's loads
grow past the corpora `make bench` builds (a real 3M corpus and its build need about 150 GB
of disk). dbt, GX and the analysts' page on such databases: bench/scale_proxy.py.
"""

from __future__ import annotations

import argparse
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bench.disk import free_bytes, require_free
from bench.rss_by_process import run_sampled
from bench.scale_proxy import source_arguments, source_database
from orchestration.assets.extraction import BATCH
from orchestration.rows import TABLES
from orchestration.sql_literals import literal

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
ADDED = 1000  # documents of the incremental load, as `make bench` adds to 100k
# Disk per multiple, over the staged template: the staged copies, then the database and
# texts they become (measured: see README Performance); half as much again is kept.
SPACE_PER_TEMPLATE_BYTE = 3.0


def renamed_id(column: str, copy: int) -> str:
    """SQL for the document id of copy `copy`: the original's last 56 hex digits after the
    copy's number in 8, so each copy's ids are distinct, keep their shape and sort apart."""
    if copy == 0:
        return column
    return f"(printf('%08x', {copy}) || substr({column}, 9))"


def _renamed_ids(ids: pa.ChunkedArray | pa.Array, copy: int) -> pa.Array:
    """renamed_id, on an Arrow column."""
    if copy == 0:
        return ids
    return pc.binary_join_element_wise(pa.scalar(f"{copy:08x}"),
                                       pc.utf8_slice_codeunits(ids, 8), "")


def write_template(source_db: Path, out: Path) -> dict[str, int]:
    """Each table's rows of `source_db` as the extraction stages them: a file per table per
    BATCH documents (`out/<table>-<batch>.parquet`), and the documents' batches; the files
    written per table."""
    out.mkdir(parents=True)
    with duckdb.connect(str(source_db), read_only=True) as con:
        con.execute("set preserve_insertion_order = false")
        con.execute(f"""
            copy (select document_id, extractor_version,
                      (row_number() over (order by document_id) - 1) // {BATCH} as batch
                  from raw.documents) to {literal(out / "batches.parquet")} (format parquet)""")
        written = {}
        for table in TABLES:
            source = "raw.document_texts" if table == "document_texts" else f"raw.{table}"
            parts = out / f".{table}"
            compression = "zstd" if table == "document_texts" else "snappy"
            con.execute(f"""
                copy (select t.*, b.batch from {source} as t
                      join read_parquet({literal(out / "batches.parquet")}) as b
                      using (document_id, extractor_version))
                to {literal(parts)} (format parquet, partition_by (batch),
                                       compression {compression})""")
            for n, folder in enumerate(sorted(parts.iterdir())):
                batch = int(folder.name.split("=", 1)[1])
                # DuckDB writes a partition from each thread that saw its rows.
                rows = pa.concat_tables(pq.read_table(f) for f in sorted(folder.iterdir()))
                pq.write_table(rows, out / f"{table}-{batch:05d}.parquet",
                               compression=compression)
                written[table] = n + 1
            shutil.rmtree(parts)
    return written


def _stage_part(part: Path, staging: Path, copy: int) -> None:
    table = pq.read_table(part)
    table = table.set_column(table.schema.get_field_index("document_id"), "document_id",
                             _renamed_ids(table.column("document_id"), copy))
    texts = part.name.startswith("document_texts-")
    pq.write_table(table, staging / f"{part.stem}-{copy:03d}.parquet",
                   compression="zstd" if texts else "snappy")


def stage_copies(template: Path, staging: Path, copies: range, batches: int | None = None,
                 workers: int = 2) -> int:
    """Write the template's parts once per copy, under that copy's ids, into `staging`
    (with `batches`, only the first that many batches); returns the files written."""
    staging.mkdir(parents=True, exist_ok=True)
    parts = [p for t in TABLES for p in sorted(template.glob(f"{t}-*.parquet"))
             if batches is None or int(p.stem.rsplit("-", 1)[1]) < batches]
    jobs = [(p, c) for c in copies for p in parts]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda job: _stage_part(job[0], staging, job[1]), jobs))
    return len(jobs)


def _scan_copy(copy: int, scan_id: str) -> str:
    """The columns of a scan row in copy `copy` of the landing folder, under `scan_id`."""
    suffix = f"'.{copy}'" if copy else "''"
    return (f"* replace ({renamed_id('document_id', copy)} as document_id, "
            f"{literal(scan_id)} as scan_id, path || {suffix} as path, "
            f"file_name || {suffix} as file_name, duplicate_of || {suffix} as duplicate_of)")


def write_scan(source_db: Path, template: Path, out: Path, scan_id: str, copies: int,
               added_copy: int | None = None, added_batches: int = 0) -> int:
    """The latest scan of `source_db` as a scan of `copies` copies of its landing folder (and
    with `added_copy`, that copy's files of the first `added_batches` batches), under
    `scan_id` (the loads keep the largest); rows written."""
    with duckdb.connect(str(source_db), read_only=True) as con:
        con.execute("create temp table latest as select * from raw.source_files where "
                    "scan_id = (select max(scan_id) from raw.source_files)")
        selects = [f"select {_scan_copy(c, scan_id)} from latest" for c in range(copies)]
        if added_copy is not None:
            batches = literal(template / "batches.parquet")
            selects.append(
                f"select {_scan_copy(added_copy, scan_id)} from latest semi join "
                f"read_parquet({batches}) as b on latest.document_id = b.document_id "
                f"and b.batch < {added_batches}")
        con.execute(f"copy ({' union all '.join(selects)}) to {literal(out)} (format parquet)")
        return con.execute(f"select count(*) from read_parquet({literal(out)})").fetchone()[0]


_CHILD = """
import json, sys
from pathlib import Path
import orchestration.definitions  # noqa: F401  (the build process's imports, and their memory)
from orchestration.raw_loads import load_staged, staged_files
build_db, texts_dir, scan, staging, tag = map(Path, sys.argv[1:])
print(json.dumps(load_staged(build_db, texts_dir, scan, staged_files(staging), str(tag))))
"""


def run_load(build_db: Path, texts_dir: Path, scan: Path, staging: Path,
             tag: str) -> tuple[float, int, dict]:
    """Seconds, peak RSS (MB) and rows loaded of the build's load step, in a fresh process."""
    seconds, mb, out = run_sampled("other", ["-c", _CHILD, str(build_db), str(texts_dir),
                                             str(scan), str(staging), tag], ROOT, interval=0.2)
    return seconds, mb, json.loads(out.strip().splitlines()[-1])


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description="the build's raw loads on k times the "
                                     "documents of a benchmark's build")
    source_arguments(parser)
    args = parser.parse_args()
    source_db = source_database(args)
    template = WORK / "loads_template"
    shutil.rmtree(template, ignore_errors=True)
    try:
        parts = write_template(source_db, template)
        template_mb = _size_mb(template)
        if not args.ignore_disk:
            times = max(args.times)
            require_free(WORK, int(times * template_mb * 2**20 * SPACE_PER_TEMPLATE_BYTE),
                         f"--times {times}")
        added_batches = -(-ADDED // BATCH)
        print(f"template: {parts} files per table, {template_mb:,.0f} MB", flush=True)
        print("| times | documents | figure rows | staged files | load s | load peak RSS MB "
              "| add 1,000: s | add 1,000: peak RSS MB | build database MB | least free disk GB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for times in args.times:
            folder = WORK / f"loads_x{times}"
            shutil.rmtree(folder, ignore_errors=True)
            build_db, texts_dir = folder / "ogi_build.duckdb", folder / "texts"
            try:
                staged = stage_copies(template, folder / "staging", range(times))
                write_scan(source_db, template, folder / "scan.parquet", "proxy-1", times)
                least_free = free_bytes(folder)
                load_s, load_mb, loaded = run_load(build_db, texts_dir, folder / "scan.parquet",
                                                   folder / "staging", "full")
                least_free = min(least_free, free_bytes(folder))
                shutil.rmtree(folder / "staging")
                stage_copies(template, folder / "added", range(times, times + 1), added_batches)
                write_scan(source_db, template, folder / "scan.parquet", "proxy-2", times, times,
                           added_batches)
                add_s, add_mb, added = run_load(build_db, texts_dir, folder / "scan.parquet",
                                                folder / "added", "added")
                size_mb = build_db.stat().st_size / 2**20
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            print(f"| {times} | {loaded['documents']:,} | {loaded['figures']:,} | {staged:,} "
                  f"| {load_s:.1f} | {load_mb:,} | {add_s:.1f} ({added['documents']:,} docs) "
                  f"| {add_mb:,} | {size_mb:,.0f} | {least_free / 1e9:.0f} |", flush=True)
    finally:
        shutil.rmtree(template, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
