"""Scan the landing folder into a Parquet file: every file, its sha256 and a status.

Streaming, so memory does not grow with the folder: the listing is written in chunks, and
what needs the whole folder at once (which files changed since the last scan, which bytes
were seen under an earlier path) is a query DuckDB runs within a memory budget, spilling to
disk beyond it. Only new or changed files are read and hashed; the rest keep the sha256 of
the last scan.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from orchestration.sql_literals import literal
from orchestration.warehouse_db import keep_to_budget

CHUNK = 50_000  # files per listing part and per batch of hashes
MEMORY_LIMIT = os.environ.get("OGI_DUCKDB_LOAD_MEMORY", "400MB")

_LISTING = pa.schema([("path", pa.string()), ("size_bytes", pa.int64()),
                      ("mtime_ns", pa.int64()), ("scan_status", pa.string()),
                      ("scan_reason", pa.string())])
_HASHES = pa.schema([("path", pa.string()), ("document_id", pa.string()),
                     ("hash_error", pa.string())])


@dataclass(frozen=True)
class Scan:
    """Where the scan went and how many files took each status."""

    path: Path
    folder: Path
    files: int
    hashed: int
    statuses: dict[str, int]


def walk(folder: Path) -> Iterator[tuple[str, os.DirEntry | OSError]]:
    """Files and symbolic links under the folder, as (path relative to it, entry). Dotfiles
    and dot folders (.gitkeep, editor swap files) are not documents; a symbolic link to a
    folder is not followed but listed, as a file. A folder that cannot be listed comes as
    (its path, the error), so it is recorded rather than skipped. Entry types come with the
    listing: no file is stat'ed here. A missing folder is an empty one."""
    pending = [(folder, "")]
    while pending:
        root, prefix = pending.pop()
        try:
            entries = os.scandir(root)
        except FileNotFoundError:
            if prefix:
                yield prefix.rstrip("/"), FileNotFoundError(f"folder vanished: {root}")
            continue
        except OSError as exc:
            if not prefix:
                raise  # an unreadable landing folder is not an empty one
            yield prefix.rstrip("/"), exc
            continue
        # Entries one at a time, not listed first: each keeps the stat the caller asks for,
        # and a flat folder of a million files listed whole held about 1 GB.
        with entries:
            while True:
                try:
                    entry = next(entries)
                except StopIteration:
                    break
                except OSError as exc:  # the folder went away while it was read
                    if not prefix:
                        raise
                    yield prefix.rstrip("/"), exc
                    break
                if entry.name.startswith("."):
                    continue
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), rel + "/"))
                else:
                    yield rel, entry


def _listing_parts(folder: Path, max_bytes: int, out: Path) -> int:
    """Write path, size, mtime and a first status of every file; returns the file count."""
    n = part = 0
    paths: list[str] = []
    sizes: list[int | None] = []
    mtimes: list[int | None] = []
    statuses: list[str | None] = []
    reasons: list[str | None] = []

    def flush() -> None:
        nonlocal part
        if paths:
            pq.write_table(pa.Table.from_arrays(
                [pa.array(paths, pa.string()), pa.array(sizes, pa.int64()),
                 pa.array(mtimes, pa.int64()), pa.array(statuses, pa.string()),
                 pa.array(reasons, pa.string())], schema=_LISTING),
                out / f"listing-{part:05d}.parquet")
            part += 1
            for column in (paths, sizes, mtimes, statuses, reasons):
                column.clear()

    for rel, entry in walk(folder):
        size = mtime = status = reason = None
        if isinstance(entry, OSError):
            status, reason = "unreadable", f"cannot list folder: {entry}"
        elif entry.is_symlink():
            status, reason = "skipped", "symbolic link: not followed"
        else:
            try:
                stat = entry.stat(follow_symlinks=False)
                size, mtime = stat.st_size, stat.st_mtime_ns
                if size > max_bytes:
                    status, reason = "too_large", f"{size} bytes exceeds the limit of {max_bytes}"
            except OSError as exc:
                status, reason = "unreadable", f"cannot read file: {exc}"
        paths.append(rel)
        sizes.append(size)
        mtimes.append(mtime)
        statuses.append(status)
        reasons.append(reason)
        n += 1
        if len(paths) >= CHUNK:
            flush()
    flush()
    return n


def _sha256(path: Path) -> tuple[str | None, str | None]:
    # Whole files: anything larger than the size limit was set aside before hashing.
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest(), None
    except OSError as exc:
        return None, f"cannot read file: {exc}"


def _hash_parts(con: duckdb.DuckDBPyConnection, folder: Path, out: Path, workers: int) -> int:
    """sha256 of the files whose size or mtime differ from the last scan (all, the first
    time). Reading and hashing release the GIL, so each thread takes its share of the paths
    in one go: a future per file cost more than the hashing."""
    cursor = con.execute("select path from to_hash order by path")
    hashed = part = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        while rows := cursor.fetchmany(CHUNK):
            paths = [r[0] for r in rows]
            shares = [paths[i::workers] for i in range(workers)]
            done = list(pool.map(lambda share: [_sha256(folder / p) for p in share], shares))
            results = [done[i % workers][i // workers] for i in range(len(paths))]
            pq.write_table(pa.Table.from_pydict(
                {"path": paths, "document_id": [r[0] for r in results],
                 "hash_error": [r[1] for r in results]}, schema=_HASHES),
                out / f"hashes-{part:05d}.parquet")
            part += 1
            hashed += len(paths)
    return hashed


def _previous(con: duckdb.DuckDBPyConnection, build_db: Path | None) -> str:
    """The last scan's (path, size, mtime, sha256), or an empty relation."""
    empty = ("select null::varchar as path, null::bigint as size_bytes, "
             "null::bigint as mtime_ns, null::varchar as document_id where false")
    if build_db is None or not build_db.exists():
        return empty
    con.execute(f"attach {literal(build_db)} as build (read_only)")
    has_scan = con.execute(
        "select count(*) from information_schema.columns where table_catalog = 'build' and "
        "table_schema = 'raw' and table_name = 'source_files' and column_name = 'mtime_ns'"
    ).fetchone()[0]
    if not has_scan:
        return empty
    return ("select path, size_bytes, mtime_ns, document_id from build.raw.source_files "
            "where scan_id = (select max(scan_id) from build.raw.source_files) "
            "and document_id is not null and mtime_ns is not null")


def scan_folder(folder: Path, max_bytes: int, out_dir: Path, build_db: Path | None = None,
                workers: int = 2) -> Scan:
    """Scan `folder` into out_dir/scan.parquet, with the columns of raw.source_files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.parquet"):
        stale.unlink()
    scan_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ") + "-" + uuid.uuid4().hex[:6]
    scanned_at = datetime.now(UTC).replace(tzinfo=None)
    files = _listing_parts(folder, max_bytes, out_dir)
    result = out_dir / "scan.parquet"
    with duckdb.connect() as con:
        keep_to_budget(con, MEMORY_LIMIT)
        con.execute("set preserve_insertion_order = false")
        con.execute(f"set temp_directory = {literal(out_dir / 'spill')}")
        listing = f"read_parquet({_glob(out_dir, 'listing')})" if files else \
            "(select null::varchar as path, null::bigint as size_bytes, null::bigint as " \
            "mtime_ns, null::varchar as scan_status, null::varchar as scan_reason where false)"
        con.execute(f"create temp view listing as select * from {listing}")
        con.execute(f"create temp table previous as {_previous(con, build_db)}")
        con.execute("detach database if exists build")
        # Files whose size and mtime match the last scan keep its sha256.
        con.execute("""
            create temp table known as
            select listing.*, previous.document_id as known_id
            from listing left join previous
                on listing.path = previous.path and listing.size_bytes = previous.size_bytes
                and listing.mtime_ns = previous.mtime_ns""")
        con.execute("create temp view to_hash as select path from known "
                    "where scan_status is null and known_id is null")
        hashed = _hash_parts(con, folder, out_dir, workers)
        hashes = f"read_parquet({_glob(out_dir, 'hashes')})" if hashed else \
            "(select null::varchar as path, null::varchar as document_id, " \
            "null::varchar as hash_error where false)"
        # The first path (in path order, folder by folder) holding some bytes is their
        # document; a later path with the same bytes is its duplicate. chr(1) sorts below any
        # character of a file name, so the ordering key compares paths part by part.
        con.execute(f"""
            copy (
                with identified as (
                    select known.*, hashes.document_id as hashed_id,
                        coalesce(known.scan_status,
                                 case when hashes.hash_error is not null then 'unreadable' end)
                            as status0,
                        coalesce(known.scan_reason, hashes.hash_error) as reason0
                    from known left join {hashes} as hashes on known.path = hashes.path
                ),
                with_ids as (
                    select *,
                        case when status0 is null then coalesce(known_id, hashed_id) end as doc_id
                    from identified
                ),
                ranked as (
                    select *,
                        first_value(path) over (
                            partition by doc_id order by replace(path, '/', chr(1))
                        ) as first_path
                    from with_ids
                )
                select
                    ? as scan_id,
                    path,
                    regexp_extract(path, '[^/]*$') as file_name,
                    case when status0 is null then doc_id end as document_id,
                    size_bytes,
                    case when mtime_ns is not null
                        then make_timestamp(mtime_ns // 1000) end as modified_at,
                    case when status0 is not null then status0
                        when path <> first_path then 'duplicate' else 'ok' end as scan_status,
                    case when status0 is not null then reason0
                        when path <> first_path then 'same bytes as ' || first_path
                    end as scan_reason,
                    case when status0 is null and path <> first_path then first_path end
                        as duplicate_of,
                    ? as landing_dir,
                    ?::timestamp as scanned_at,
                    mtime_ns
                from ranked
            ) to {literal(result)} (format parquet)""",
            [scan_id, str(folder), scanned_at])
        statuses = dict(con.execute(
            "select scan_status, count(*) from read_parquet(?) group by 1",
            [str(result)]).fetchall())
    for part in [*out_dir.glob("listing-*.parquet"), *out_dir.glob("hashes-*.parquet")]:
        part.unlink()
    return Scan(result, folder, files, hashed, statuses)


def _glob(folder: Path, stem: str) -> str:
    return literal(folder / f"{stem}-*.parquet")
