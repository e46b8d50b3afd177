"""The documents' normalized texts, as zstd Parquet files beside the database.

Every span of every figure indexes its document's normalized text, so the texts are kept.
Inside DuckDB they were 60% of the warehouse file: a string longer than a storage block
is stored uncompressed, and every build copies the whole file to publish it. As Parquet
they take about a quarter of the bytes, are written once, and publishing links them.

The database keeps a manifest, raw.document_text_files (which file holds which document's
text), and raw.document_texts is a view of the files the manifest names. A file that no
committed manifest row names is left by a load that died before recording it, or whose rows
the next load forgot as unfinished (orchestration/raw_loads.py); that next load removes it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import duckdb

from orchestration.sql_literals import literal

COLUMNS = "document_id, extractor_version, text"
_EMPTY = ("select cast(null as varchar) as document_id, cast(null as varchar) as "
          "extractor_version, cast(null as varchar) as text where false")


def view_sql(texts_dir: Path | None) -> str:
    """raw.document_texts over the Parquet files of `texts_dir` that the manifest names."""
    if texts_dir is None or not any(texts_dir.glob("*.parquet")):
        return f"create or replace view raw.document_texts as {_EMPTY}"
    files = literal(texts_dir.resolve() / "*.parquet")
    return (
        "create or replace view raw.document_texts as "
        "select texts.document_id, texts.extractor_version, texts.text "
        f"from read_parquet({files}, filename = true) as texts "
        "semi join raw.document_text_files as manifest "
        "on manifest.file_name = parse_filename(texts.filename) "
        "and manifest.document_id = texts.document_id "
        "and manifest.extractor_version = texts.extractor_version"
    )


def named_files(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute(
        "select distinct file_name from raw.document_text_files").fetchall()}


def remove_orphans(con: duckdb.DuckDBPyConnection, texts_dir: Path) -> int:
    """Delete files no manifest row names (a build died between placing and committing)."""
    named = named_files(con)
    orphans = [p for p in texts_dir.glob("*.parquet") if p.name not in named]
    for path in orphans:
        path.unlink()
    return len(orphans)


# Records placed files in the manifest; one parameter, a list of their paths.
RECORD_SQL = ("insert into raw.document_text_files select document_id, extractor_version, "
              "parse_filename(filename) from read_parquet(?, filename = true)")


def move_staged(staged: Iterable[Path], texts_dir: Path, tag: str) -> list[str]:
    """Move staged text files into `texts_dir` under this load's `tag`; their new paths,
    for RECORD_SQL."""
    texts_dir.mkdir(parents=True, exist_ok=True)
    placed = []
    for path in staged:
        final = texts_dir / f"{tag}-{path.name}"
        os.replace(path, final)
        placed.append(str(final))
    return placed


def migrate_table(con: duckdb.DuckDBPyConnection, texts_dir: Path) -> int:
    """A build database made before the texts left it holds them in a table: write them
    out as one file, record it, and drop the table so the view can take its name."""
    kind = con.execute("select table_type from information_schema.tables where "
                       "table_schema = 'raw' and table_name = 'document_texts'").fetchone()
    if kind is None or kind[0] != "BASE TABLE":
        return 0
    texts_dir.mkdir(parents=True, exist_ok=True)
    final = texts_dir / "migrated-texts.parquet"
    con.execute(f"copy (select {COLUMNS} from raw.document_texts) to {literal(final)} "
                "(format parquet, compression zstd, row_group_size 1000)")
    moved = con.execute("insert into raw.document_text_files select document_id, "
                        "extractor_version, ? from raw.document_texts",
                        [final.name]).fetchone()[0]
    con.execute("drop table raw.document_texts")
    return moved


def publish(build_dir: Path, published_dir: Path, keep: set[str]) -> None:
    """Link the files `keep` names into the published folder (they are never rewritten, so
    a link is a copy that costs nothing), before the database that names them is swapped in."""
    published_dir.mkdir(parents=True, exist_ok=True)
    for name in keep:
        target = published_dir / name
        if target.exists():
            continue
        tmp = published_dir / f".{name}.tmp"
        tmp.unlink(missing_ok=True)
        try:
            os.link(build_dir / name, tmp)
        except OSError:  # another file system: copy instead
            shutil.copyfile(build_dir / name, tmp)
        os.replace(tmp, target)


def prune_published(published_dir: Path, keep: set[str]) -> None:
    """After the swap: files the published database no longer names."""
    for path in published_dir.glob("*.parquet"):
        if path.name not in keep:
            path.unlink()
