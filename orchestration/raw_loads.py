"""Append one build's staged Parquet files to the raw tables of the build database, in one
transaction: nothing of a load that fails or is killed survives it."""

from __future__ import annotations

from pathlib import Path

from orchestration import texts
from orchestration.faults import crash_point
from orchestration.lake import export_raw_tables
from orchestration.rows import TABLES
from orchestration.staged_reads import in_slices
from orchestration.warehouse_db import connect_for_loads, ensure_raw_schema

# Tables loaded into the database; the texts stay Parquet files (orchestration/texts.py).
LOADED = tuple(t for t in TABLES if t != "document_texts")


def staged_files(staging: Path) -> dict[str, list[str]]:
    """The staged Parquet files of each raw table, as the extraction named them."""
    return {t: sorted(str(p) for p in staging.glob(f"{t}-*.parquet")) for t in TABLES}


def load_staged(build_db: Path, texts_dir: Path, scan: Path, files: dict[str, list[str]],
                tag: str, lake_dir: Path | None = None) -> dict[str, int | dict]:
    """Load the scan and the staged files; rows loaded per table, texts placed, orphan text
    files removed, and with `lake_dir` the rows exported there per table."""
    loaded = dict.fromkeys(TABLES, 0)
    lake: dict[str, int] = {}
    with connect_for_loads(build_db) as con:
        ensure_raw_schema(con, texts_dir)
        orphans = texts.remove_orphans(con, texts_dir)
        con.execute("begin")
        con.execute("insert into raw.source_files by name select * from read_parquet(?)",
                    [str(scan)])
        # The latest scan describes the folder; keeping every earlier one would add a row
        # per file per build, forever.
        con.execute("delete from raw.source_files "
                    "where scan_id < (select max(scan_id) from raw.source_files)")
        # A re-run of the same extractor version replaces its earlier rows.
        for documents in in_slices(files["documents"]):
            keys = f"read_parquet({documents!r})"
            for table in (*LOADED, "document_text_files"):
                con.execute(f"delete from raw.{table} t using (select document_id, "
                            f"extractor_version from {keys}) k where t.document_id = "
                            "k.document_id and t.extractor_version = k.extractor_version")
        for table in LOADED:
            for part in in_slices(files[table]):
                loaded[table] += con.execute(
                    f"insert into raw.{table} by name select * from read_parquet(?)",
                    [part]).fetchone()[0]
        loaded["document_texts"] = texts.place(
            con, map(Path, files["document_texts"]), texts_dir, tag)
        crash_point("loads")  # inside the transaction: nothing of it may survive
        con.execute("commit")
        con.execute(texts.view_sql(texts_dir))
        if lake_dir is not None:  # Spark reads the raw layer as Parquet
            lake = export_raw_tables(con, lake_dir)
    return {**loaded, "orphan_text_files": orphans, "lake": lake}
