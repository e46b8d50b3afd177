"""raw.* as Parquet files, one folder per table: the form a lakehouse holds the raw layer
in, and what the dbt models read when they build on Spark (OGI_TARGET=spark)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from orchestration.sql_literals import literal

# The manifest of the text files beside the build database names files on this machine;
# the lake holds the texts themselves (raw.document_texts). Spark skips it too
# (in_lake: false in models/staging/_sources.yml).
LOCAL_ONLY = frozenset({"document_text_files"})


def export_raw_tables(con: duckdb.DuckDBPyConnection, lake_dir: Path) -> dict[str, int]:
    """Write every raw table to <lake_dir>/raw/<table>/ and return its row count.

    Each folder is written beside the old one and swapped in, so a reader (or a crash)
    sees either the previous export or the new one, never half a table."""
    root = lake_dir / "raw"
    root.mkdir(parents=True, exist_ok=True)
    counts = {}
    tables = [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'raw' "
        "order by table_name").fetchall()]
    for table in (t for t in tables if t not in LOCAL_ONLY):
        fresh, final, old = root / f".{table}.new", root / table, root / f".{table}.old"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir()
        # Parameters cannot name a COPY target; the path is ours, not document content.
        con.execute(f"copy raw.{table} to {literal(fresh / 'part-0.parquet')} (format parquet)")
        counts[table] = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        fresh.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    return counts
