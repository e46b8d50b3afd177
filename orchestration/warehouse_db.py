"""The build database: connections and the raw layer the load step appends to."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa

from orchestration import texts
from orchestration.sql_literals import literal

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
    text_chars bigint, n_figures bigint, n_issues bigint
);
create table if not exists raw.figures (
    document_id varchar, extractor_version varchar, figure_seq integer, metric varchar,
    applicant_type varchar, channel varchar, flow varchar, timeliness varchar,
    reason varchar, proceeding varchar, outcome varchar, content_category varchar,
    item varchar, attribute varchar, dims_json varchar, value double, unit varchar,
    qualifier varchar, qualifiers varchar, span_start integer, span_end integer,
    evidence varchar, rule varchar, label varchar, derived boolean, extracted_at timestamp
);
create table if not exists raw.issues (
    document_id varchar, extractor_version varchar, issue_seq integer, code varchar,
    message varchar, metric varchar, span_start integer, span_end integer
);
create table if not exists raw.document_text_files (
    document_id varchar, extractor_version varchar, file_name varchar
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
        ("text_chars", _I), ("n_figures", _I), ("n_issues", _I)]),
    "figures": pa.schema([
        ("document_id", _S), ("extractor_version", _S), ("figure_seq", _I), ("metric", _S),
        *[(d, _S) for d in DIM_COLUMNS], ("dims_json", _S), ("value", _F), ("unit", _S),
        ("qualifier", _S), ("qualifiers", _S), ("span_start", _I), ("span_end", _I),
        ("evidence", _S), ("rule", _S), ("label", _S), ("derived", _B), ("extracted_at", _TS)]),
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
    # SETs, not a connect-time config: DuckDB refuses a second connection to a file that
    # this process already holds open (an analyst's reader, say) under another config.
    keep_to_budget(con, memory_limit)
    return con


def keep_to_budget(con: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    """Hold `con` to `memory_limit`, and keep the Parquet files it reads out of memory."""
    con.execute(f"set memory_limit = '{memory_limit}'")
    # DuckDB keeps the bytes of every Parquet file a query reads in an external file cache.
    # A build reads each staged file once, so the cache saves nothing, and it was most of
    # the build process's growth with the corpus: loading a million documents' staged files
    # (8,100 files a table) peaked at 1,166 MB with it and 671 MB without (400 MB budget).
    con.execute("set enable_external_file_cache = false")


# Rows per row group of the tables the build writes (DuckDB's default is 122,880). DuckDB
# keeps the column metadata of every row group a connection has read or written in memory,
# outside memory_limit, until the connection closes. With 8x larger groups, dbt's compiled
# int_figures_enriched and mart on ten times the 100k corpus, in one connection, left 197 MB
# after evicting its buffers instead of 265 (bench/resident_memory.py, README Performance).
# Larger groups need storage version 1.2, which attaching upgrades a file to.
ROW_GROUP_SIZE = 983_040
STORAGE_VERSION = "v1.2.0"


def attach(path: Path, large_row_groups: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the build database attached rather than opened, for the attach
    options (profiles.yml attaches it the same way for dbt), under the file's name, with
    names without a database resolving to it and spills beside it, as when it is opened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config={"temp_directory": f"{path}.tmp"})
    options = (f" (storage_version '{STORAGE_VERSION}', row_group_size {ROW_GROUP_SIZE})"
               if large_row_groups else "")
    con.execute(f"attach {literal(path)} as \"{path.stem}\"{options}")
    con.execute(f"set search_path = '\"{path.stem}\".main'")
    if large_row_groups:
        # A bulk insert buffers this many row groups before writing them (DuckDB's
        # default: 5 of 122,880 rows; one of 983,040 is as many rows).
        con.execute("set write_buffer_row_group_count = 1")
    return con


def connect_for_loads(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection that appends to the raw tables, in the loads' budget."""
    con = attach(path)
    keep_to_budget(con, LOAD_MEMORY_LIMIT)
    con.execute("set preserve_insertion_order = false")  # rows of a table have no order
    return con


def ensure_raw_schema(con: duckdb.DuckDBPyConnection, texts_dir: Path | None = None) -> None:
    """The raw tables; with `texts_dir`, also raw.document_texts over its files (texts.py)."""
    con.execute(RAW_DDL)
    # Added after the first release: build databases made before them get the columns here.
    con.execute("alter table raw.source_files add column if not exists mtime_ns bigint")
    for column in ("n_figures", "n_issues"):
        con.execute(f"alter table raw.documents add column if not exists {column} bigint")
    _count_figures_and_issues(con)
    con.execute("alter table raw.figures add column if not exists extracted_at timestamp")
    _date_figures(con)
    if texts_dir is not None:
        texts.migrate_table(con, texts_dir)
        con.execute(texts.view_sql(texts_dir))


def _count_figures_and_issues(con: duckdb.DuckDBPyConnection) -> None:
    """Documents loaded before their counts were recorded at extraction get them counted
    once here (the marts read the counts instead of counting millions of figures each build)."""
    if not con.execute("select count(*) from raw.documents where n_figures is null "
                       "or n_issues is null").fetchone()[0]:
        return
    for column, table in (("n_figures", "figures"), ("n_issues", "issues")):
        con.execute(f"""
            update raw.documents as d set {column} = coalesce(counted.n, 0)
            from (select document_id, extractor_version from raw.documents
                  where {column} is null) as todo
            left join (select document_id, extractor_version, count(*) as n from raw.{table}
                       group by all) as counted using (document_id, extractor_version)
            where d.document_id = todo.document_id
                and d.extractor_version = todo.extractor_version""")


def _date_figures(con: duckdb.DuckDBPyConnection) -> None:
    """Figures carry their document's extracted_at, in the order they were loaded, so a
    filter on it skips the row groups of earlier loads (staging reads only new figures).
    Figures loaded before the column existed get it once here."""
    if not con.execute("select count(*) from raw.figures where extracted_at is null"
                       ).fetchone()[0]:
        return
    con.execute("""
        update raw.figures as f set extracted_at = d.extracted_at
        from raw.documents as d
        where f.extracted_at is null and f.document_id = d.document_id
            and f.extractor_version = d.extractor_version""")
