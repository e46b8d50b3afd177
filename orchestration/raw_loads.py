"""Append one build's staged Parquet files to the raw tables of the build database.

Every table goes in slice by slice, each slice in a transaction of its own, and a connection
is closed once it has appended a row group's rows. Before any of those rows, the load's keys
(document, extractor version) are written beside the database (unfinished_loads.py), and
the load is finished when it removes them, last. The extraction reads a document again
whenever raw.documents has no row of it for this extractor version or its key is
unfinished; the next load deletes the rows of every unfinished key (forget_unfinished)
before anything else, so a load killed at any point is redone whole.

Why not one transaction: DuckDB keeps some memory for every row group a connection has
appended until the connection closes, committed or not (about 7 MB a slice of 2,000 staged
figure files, 29M rows; about 10 MB a million documents' rows). In one transaction the full
load of four million documents peaked about 100 MB above the load of one million.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

from orchestration import texts, unfinished_loads
from orchestration.faults import crash_point
from orchestration.lake import export_raw_tables
from orchestration.rows import TABLES
from orchestration.staged_reads import in_slices
from orchestration.warehouse_db import ROW_GROUP_SIZE, connect_for_loads, ensure_raw_schema

# Tables loaded into the database; the texts stay Parquet files (orchestration/texts.py).
LOADED = tuple(t for t in TABLES if t != "document_texts")
# Tables whose rows belong to a document and extractor version, as the documents' do.
KEYED = (*LOADED, "document_text_files")
# Scan rows per transaction and connection: a row group of the build database. The whole
# scan in one statement peaked at 772 MB for a million files and 967 MB for eight.
SCAN_ROWS_PER_TRANSACTION = ROW_GROUP_SIZE


def staged_files(staging: Path) -> dict[str, list[str]]:
    """The staged Parquet files of each raw table, as the extraction named them."""
    return {t: sorted(str(p) for p in staging.glob(f"{t}-*.parquet")) for t in TABLES}


def _delete_keyed(con: duckdb.DuckDBPyConnection, keys: str) -> None:
    for table in KEYED:
        con.execute(f"delete from raw.{table} t using ({keys}) k where t.document_id = "
                    "k.document_id and t.extractor_version = k.extractor_version")


def forget_unfinished(con: duckdb.DuckDBPyConnection, build_db: Path) -> int:
    """Delete the rows of loads that were killed before they finished; returns the keys
    (document, extractor version) forgotten."""
    unfinished_loads.adopt_table(con, build_db)
    files = unfinished_loads.key_files(build_db)
    n = 0
    if files:
        keys = unfinished_loads.keys_sql(files)
        n = con.execute(f"select count(*) from ({keys})").fetchone()[0]
        con.execute("begin")
        _delete_keyed(con, keys)
        con.execute("commit")
    unfinished_loads.clear(build_db)
    return n


def forget_unfinished_loads(build_db: Path) -> int:
    """forget_unfinished for a step that reads the raw tables without loading them first:
    dbt materialized on its own after a killed load builds on finished loads only."""
    if not build_db.exists():
        return 0
    with connect_for_loads(build_db) as con:
        return forget_unfinished(con, build_db)


def _record_keys(build_db: Path, documents: list[str], name: str) -> None:
    """Record the keys of these staged documents as unfinished, then delete their earlier
    rows (a re-run of the same extractor version replaces them). Killed between the two, the
    next load deletes those rows itself when it forgets the keys."""
    with connect_for_loads(build_db) as con:
        unfinished_loads.record(con, build_db, documents, name)
        con.execute("begin")
        _delete_keyed(con, unfinished_loads.keys_sql(documents))
        con.execute("commit")


def _appended(build_db: Path, sql: str, parts: Iterable[list[str]]) -> int:
    """Run `sql` (one parameter: a list of files) once per part; rows inserted. A connection
    is closed, and a new one opened, once it has appended a row group's rows: what it keeps
    for its appended row groups is freed then, and each close costs a checkpoint, which
    rewrites the table's last row group if it is not full."""
    rows = appended = 0
    con = None
    try:
        for part in parts:
            con = con or connect_for_loads(build_db)
            n = con.execute(sql, [part]).fetchone()[0]
            rows, appended = rows + n, appended + n
            if appended >= ROW_GROUP_SIZE:
                con.close()
                con, appended = None, 0
    finally:
        if con is not None:
            con.close()
    return rows


def _load_scan(build_db: Path, scan: Path) -> int:
    """Append the scan a row group of the build database at a time, then keep only the
    latest scan: it describes the folder, and keeping every earlier one would add a row per
    file per build, forever. Rows appended."""
    with connect_for_loads(build_db) as con:  # a load of this scan killed before its end
        con.execute("delete from raw.source_files where scan_id in "
                    "(select distinct scan_id from read_parquet(?))", [str(scan)])
        total = con.execute("select count(*) from read_parquet(?)", [str(scan)]).fetchone()[0]
    rows = 0
    for start in range(0, total, SCAN_ROWS_PER_TRANSACTION):
        with connect_for_loads(build_db) as con:
            rows += con.execute(
                "insert into raw.source_files by name select * exclude (file_row_number) "
                "from read_parquet(?, file_row_number = true) "
                "where file_row_number >= ? and file_row_number < ?",
                [str(scan), start, start + SCAN_ROWS_PER_TRANSACTION]).fetchone()[0]
    with connect_for_loads(build_db) as con:
        con.execute("delete from raw.source_files "
                    "where scan_id < (select max(scan_id) from raw.source_files)")
    return rows


def load_staged(build_db: Path, texts_dir: Path, scan: Path, files: dict[str, list[str]],
                tag: str, lake_dir: Path | None = None) -> dict[str, int | dict]:
    """Load the scan and the staged files; rows loaded per table, texts placed, orphan text
    files removed, keys of unfinished loads forgotten, and with `lake_dir` the rows exported
    there per table."""
    loaded = dict.fromkeys(TABLES, 0)
    with connect_for_loads(build_db) as con:
        ensure_raw_schema(con, texts_dir)
        forgotten = forget_unfinished(con, build_db)
        orphans = texts.remove_orphans(con, texts_dir)
    for n, documents in enumerate(in_slices(files["documents"])):
        _record_keys(build_db, documents, f"{tag}-{n:05d}")
    _load_scan(build_db, scan)
    for table in LOADED:
        loaded[table] = _appended(
            build_db, f"insert into raw.{table} by name select * from read_parquet(?)",
            in_slices(files[table]))
    placed = texts.move_staged(map(Path, files["document_texts"]), texts_dir, tag)
    loaded["document_texts"] = _appended(build_db, texts.RECORD_SQL, in_slices(placed))
    crash_point("loads")  # every row committed, the load unfinished: the next forgets it
    unfinished_loads.clear(build_db)
    with connect_for_loads(build_db) as con:
        con.execute(texts.view_sql(texts_dir))
        lake = export_raw_tables(con, lake_dir) if lake_dir is not None else {}
    return {**loaded, "orphan_text_files": orphans, "unfinished_keys_forgotten": forgotten,
            "lake": lake}
