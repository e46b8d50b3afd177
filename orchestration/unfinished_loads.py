"""The keys (document, extractor version) of a load in progress, as Parquet files beside the
build database: a load writes them before any of its rows and removes them when it ends, so
keys left there belong to a load that was killed (orchestration/raw_loads.py).

Why files, not a table: inserting a load's keys into the database grew the load's memory
with the corpus (519 MB at a million documents, 811 at four, in memory DuckDB had freed and
its allocator kept), while writing the same keys as files stays at about 360 MB at four
million. Build databases made before this kept the keys in raw.unfinished_loads; `adopt_table`
moves them here.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from orchestration.sql_literals import list_literal, literal

_KEYS = "document_id, extractor_version"
_LEGACY = "raw.unfinished_loads"


def keys_dir(build_db: Path) -> Path:
    return build_db.parent / f"{build_db.stem}_unfinished_loads"


def key_files(build_db: Path) -> list[str]:
    folder = keys_dir(build_db)
    return sorted(str(p) for p in folder.glob("*.parquet")) if folder.is_dir() else []


def keys_sql(files: list[str]) -> str:
    """A query of the keys (document, extractor version) in these Parquet files (not none)."""
    return f"select {_KEYS} from read_parquet({list_literal(files)})"


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(con: duckdb.DuckDBPyConnection, query: str, params: list, final: Path) -> None:
    """Write the keys `query` selects to `final`, whole or not at all: a half-written file
    would stop every later load from reading the keys."""
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".partial")
    # Parameters cannot name a COPY target.
    con.execute(f"copy ({query}) to {literal(partial)} (format parquet)", params)
    _sync(partial)
    os.replace(partial, final)
    _sync(final.parent)


def record(con: duckdb.DuckDBPyConnection, build_db: Path, documents: list[str],
           name: str) -> None:
    """Record the keys of these staged documents files as unfinished, durably."""
    _write(con, f"select {_KEYS} from read_parquet(?)", [documents],
           keys_dir(build_db) / f"{name}.parquet")


def adopt_table(con: duckdb.DuckDBPyConnection, build_db: Path) -> None:
    """Move the keys a build database made before these files holds in raw.unfinished_loads
    to a file, and drop the table. Done again from the start if killed midway."""
    if con.execute("select count(*) from information_schema.tables where table_schema = "
                   "'raw' and table_name = 'unfinished_loads'").fetchone()[0]:
        if con.execute(f"select count(*) from {_LEGACY}").fetchone()[0]:
            _write(con, f"select {_KEYS} from {_LEGACY}", [],
                   keys_dir(build_db) / "raw_unfinished_loads.parquet")
        con.execute(f"drop table {_LEGACY}")


def clear(build_db: Path) -> None:
    """The load of these keys is finished, or its rows are forgotten: no folder is left."""
    folder = keys_dir(build_db)
    if not folder.is_dir():
        return
    for path in [*folder.glob("*.parquet"), *folder.glob("*.partial")]:
        path.unlink()
    if not any(folder.iterdir()):  # what someone else put there is theirs
        folder.rmdir()
