"""The build database: connections and the raw layer the load step appends to."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.source_files (
    scan_id varchar, path varchar, file_name varchar, document_id varchar,
    size_bytes bigint, modified_at timestamp, scan_status varchar, scan_reason varchar,
    duplicate_of varchar, landing_dir varchar, scanned_at timestamp
);
create table if not exists raw.documents (
    document_id varchar, extractor_version varchar, extracted_at timestamp,
    size_bytes bigint, encoding varchar, doc_type varchar, doc_type_reason varchar,
    title varchar, jurisdiction_name varchar, jurisdiction_level varchar, adcode varchar,
    jurisdiction_resolution varchar, report_year integer, publish_date date,
    publish_date_source varchar, scope varchar, scope_reason varchar, template varchar,
    text_chars bigint
);
create table if not exists raw.figures (
    document_id varchar, extractor_version varchar, figure_seq integer, metric varchar,
    applicant_type varchar, channel varchar, flow varchar, timeliness varchar,
    reason varchar, proceeding varchar, outcome varchar, content_category varchar,
    item varchar, attribute varchar, dims_json varchar, value double, unit varchar,
    qualifier varchar, qualifiers varchar, span_start integer, span_end integer,
    evidence varchar, rule varchar, label varchar, derived boolean
);
create table if not exists raw.issues (
    document_id varchar, extractor_version varchar, issue_seq integer, code varchar,
    message varchar, metric varchar, span_start integer, span_end integer
);
create table if not exists raw.document_texts (
    document_id varchar, extractor_version varchar, text varchar
);
"""

DIM_COLUMNS = ("applicant_type", "channel", "flow", "timeliness", "reason", "proceeding",
               "outcome", "content_category", "item", "attribute")


_S, _I, _F, _B, _TS = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.timestamp("us")
# Arrow schemas of the staged Parquet files: the same columns as the DDL above.
RAW_SCHEMAS = {
    "documents": pa.schema([
        ("document_id", _S), ("extractor_version", _S), ("extracted_at", _TS),
        ("size_bytes", _I), ("encoding", _S), ("doc_type", _S), ("doc_type_reason", _S),
        ("title", _S), ("jurisdiction_name", _S), ("jurisdiction_level", _S), ("adcode", _S),
        ("jurisdiction_resolution", _S), ("report_year", _I), ("publish_date", _S),
        ("publish_date_source", _S), ("scope", _S), ("scope_reason", _S), ("template", _S),
        ("text_chars", _I)]),
    "figures": pa.schema([
        ("document_id", _S), ("extractor_version", _S), ("figure_seq", _I), ("metric", _S),
        *[(d, _S) for d in DIM_COLUMNS], ("dims_json", _S), ("value", _F), ("unit", _S),
        ("qualifier", _S), ("qualifiers", _S), ("span_start", _I), ("span_end", _I),
        ("evidence", _S), ("rule", _S), ("label", _S), ("derived", _B)]),
    "issues": pa.schema([
        ("document_id", _S), ("extractor_version", _S), ("issue_seq", _I), ("code", _S),
        ("message", _S), ("metric", _S), ("span_start", _I), ("span_end", _I)]),
    "document_texts": pa.schema([("document_id", _S), ("extractor_version", _S),
                                 ("text", _S)]),
}


# DuckDB's default is 80% of the machine's memory; a build keeps to a budget instead and
# spills to disk beyond it, so peak memory does not grow with the corpus.
MEMORY_LIMIT = os.environ.get("OGI_DUCKDB_MEMORY", "1GB")


# The loads stream Parquet files into the raw tables. Without an insertion order to keep,
# DuckDB does that nearly as fast in 400 MB as in 1 GB (100k documents: 35 s against 33 s;
# keeping the order, 39 s in 1 GB and 55 s in 400 MB), and the build process holds the
# scan of the landing folder besides.
LOAD_MEMORY_LIMIT = os.environ.get("OGI_DUCKDB_LOAD_MEMORY", "400MB")


def connect(path: Path, read_only: bool = False,
            memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    # A SET, not a connect-time config: DuckDB refuses a second connection to a file that
    # this process already holds open (an analyst's reader, say) under another config.
    con.execute(f"set memory_limit = '{memory_limit}'")
    return con


def connect_for_loads(path: Path) -> duckdb.DuckDBPyConnection:
    con = connect(path, memory_limit=LOAD_MEMORY_LIMIT)
    con.execute("set preserve_insertion_order = false")  # rows of a table have no order
    return con


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)
    # Added after the first release: build databases made before it get the column here.
    con.execute("alter table raw.source_files add column if not exists mtime_ns bigint")


def previous_scan(path: Path) -> dict[str, tuple[int, int, str]]:
    """path -> (size, mtime_ns, document_id) of the latest scan, to skip re-hashing."""
    if not path.exists():
        return {}
    with connect(path) as con:
        ensure_raw_schema(con)
        rows = con.execute(
            "select path, size_bytes, mtime_ns, document_id from raw.source_files "
            "where scan_id = (select max(scan_id) from raw.source_files) "
            "and document_id is not null and mtime_ns is not null").fetchall()
    return {p: (size, mtime, doc) for p, size, mtime, doc in rows}


def extracted_versions(path: Path, extractor_version: str) -> set[str]:
    """document_ids already read by this extractor version (nothing to redo for them)."""
    if not path.exists():
        return set()
    with connect(path) as con:
        ensure_raw_schema(con)
        rows = con.execute(
            "select document_id from raw.documents where extractor_version = ?",
            [extractor_version],
        ).fetchall()
    return {r[0] for r in rows}
