"""bench/loads_proxy.py stages a build's raw rows k times, as the extraction stages them, and
the build's own load step loads them (README Performance): each copy under its own ids, the
texts placed, the scan of k landing folders, then 1,000 documents added onto that."""

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bench.loads_proxy import renamed_id, stage_copies, write_scan, write_template
from orchestration import staged_reads
from orchestration.raw_loads import load_staged, staged_files
from orchestration.warehouse_db import connect_for_loads, ensure_raw_schema

DOCS = 300  # three staged batches: 125, 125 and 50 documents
VERSION = "0.1.0+test"


def _source(build: Path) -> Path:
    """A build database of DOCS documents, two figures each, an issue for the first ten, a
    text each (in a file beside it, as the loads place them) and a scan with one unreadable
    file besides."""
    texts_dir = build / "texts"
    texts_dir.mkdir(parents=True)
    ids = [f"{n:064x}" for n in range(DOCS)]
    pq.write_table(pa.table({"document_id": ids, "extractor_version": [VERSION] * DOCS,
                             "text": [f"text of {i}" for i in ids]}),
                   texts_dir / "run-document_texts-0.parquet")
    db = build / "ogi_build.duckdb"
    with connect_for_loads(db) as con:
        ensure_raw_schema(con, texts_dir)
        con.execute("create temp table ids as select unnest(?) as document_id", [ids])
        con.execute(f"insert into raw.documents by name select document_id, "
                    f"'{VERSION}' as extractor_version from ids")
        con.execute(f"insert into raw.figures by name select document_id, '{VERSION}' as "
                    "extractor_version, seq as figure_seq from ids, range(2) as t(seq)")
        con.execute(f"insert into raw.issues by name select document_id, '{VERSION}' as "
                    "extractor_version from ids order by document_id limit 10")
        con.execute(f"insert into raw.document_text_files select document_id, '{VERSION}', "
                    "'run-document_texts-0.parquet' from ids")
        con.execute("insert into raw.source_files by name "
                    "select 'scan-1' as scan_id, document_id, 'ok' as scan_status, "
                    "document_id || '.txt' as path, document_id || '.txt' as file_name "
                    "from ids union all select 'scan-1', null, 'unreadable', 'bad.bin', "
                    "'bad.bin'")
    return db


# The loads read at most so many staged files per statement; 4 splits each table's 9 files.
@pytest.mark.parametrize("per_statement", [4, staged_reads.FILES_PER_STATEMENT])
def test_copies_load_as_distinct_documents_and_then_take_an_added_day(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, per_statement: int) -> None:
    monkeypatch.setattr(staged_reads, "FILES_PER_STATEMENT", per_statement)
    source = _source(tmp_path / "source")
    template = tmp_path / "template"
    assert write_template(source, template) == {
        "documents": 3, "figures": 3, "issues": 1, "document_texts": 3}
    assert pq.read_metadata(template / "documents-00001.parquet").num_rows == 125
    assert pq.read_metadata(template / "figures-00002.parquet").num_rows == 100

    staging = tmp_path / "staging"
    assert stage_copies(template, staging, range(3)) == 3 * 10
    scan = tmp_path / "scan.parquet"
    assert write_scan(source, template, scan, "proxy-1", 3) == 3 * (DOCS + 1)
    build, texts_dir = tmp_path / "build" / "ogi_build.duckdb", tmp_path / "build" / "texts"
    loaded = load_staged(build, texts_dir, scan, staged_files(staging), "full")
    assert {t: loaded[t] for t in ("documents", "figures", "issues", "document_texts")} == {
        "documents": 3 * DOCS, "figures": 6 * DOCS, "issues": 30, "document_texts": 3 * DOCS}
    assert len(list(staging.iterdir())) == 3 * 7  # the texts' files were moved out

    added = tmp_path / "added"
    assert stage_copies(template, added, range(3, 4), batches=1) == 4
    assert write_scan(source, template, scan, "proxy-2", 3, 3, 1) == 3 * (DOCS + 1) + 125
    loaded = load_staged(build, texts_dir, scan, staged_files(added), "added")
    assert loaded["documents"] == 125 and loaded["figures"] == 250

    with duckdb.connect(str(build), read_only=True) as con:
        ids = [r[0] for r in con.execute("select document_id from raw.documents").fetchall()]
        assert len(ids) == len(set(ids)) == 3 * DOCS + 125
        assert all(len(i) == 64 for i in ids)
        assert con.execute("select count(*) from raw.figures join raw.documents "
                           "using (document_id, extractor_version)").fetchone()[0] == (
            2 * len(ids))
        # Every document's text is read back from the files the loads placed.
        assert con.execute("select count(*) from raw.document_texts join raw.documents "
                           "using (document_id)").fetchone()[0] == len(ids)
        assert con.execute("select text from raw.document_texts where document_id = "
                           f"{renamed_id(repr(f'{7:064x}'), 2)}").fetchone()[0] == (
            f"text of {7:064x}")
        # Only the latest scan is kept: k landing folders and the added day's files.
        scans = con.execute("select scan_id, count(*), count(distinct path) from "
                            "raw.source_files group by 1").fetchall()
        assert scans == [("proxy-2", 3 * (DOCS + 1) + 125, 3 * (DOCS + 1) + 125)]
