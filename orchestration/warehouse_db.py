"""The build database: connections and the raw layer the load step appends to."""

from __future__ import annotations

from pathlib import Path

import duckdb

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


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)


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
