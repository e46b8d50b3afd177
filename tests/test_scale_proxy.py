"""bench/scale_proxy.py repeats a build's raw rows under new ids, so that dbt sees k times the
documents and none of them as a duplicate of another (README Performance)."""

from pathlib import Path

import duckdb

from bench.scale_proxy import multiply

SHA = "a" * 64


def _raw_tables(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw")
        for table in ("documents", "document_text_files", "issues"):
            con.execute(f"create table raw.{table} as select '{SHA}' as document_id, 7 as n")
        con.execute(f"create table raw.figures as select '{SHA}' as document_id, "
                    "range::integer as figure_seq from range(3)")
        con.execute(f"create table raw.source_files as select * from (values "
                    f"('{SHA}', null, 'landing/a.txt', 'a.txt'), "
                    f"('{'b' * 64}', '{SHA}', 'landing/b.txt', 'b.txt')) "
                    "as t(document_id, duplicate_of, path, file_name)")


def test_each_copy_gets_its_own_ids_and_file_names(tmp_path: Path) -> None:
    db = tmp_path / "build.duckdb"
    _raw_tables(db)
    assert multiply(db, 4) == {"documents": 4, "document_text_files": 4, "issues": 4,
                               "figures": 12, "source_files": 8}
    with duckdb.connect(str(db), read_only=True) as con:
        ids = [r[0] for r in con.execute("select document_id from raw.documents").fetchall()]
        assert SHA in ids and len(set(ids)) == 4
        assert all(len(i) == 64 and set(i) <= set("0123456789abcdef") for i in ids)
        # A copy's figures, texts and issues belong to that copy's document.
        assert con.execute("select count(*) from raw.figures join raw.documents "
                           "using (document_id)").fetchone()[0] == 12
        assert con.execute("select count(distinct document_id) from raw.issues "
                           "join raw.document_text_files using (document_id)").fetchone()[0] == 4
        files = con.execute("select file_name, path from raw.source_files "
                            "order by file_name").fetchall()
        assert [f for f, _ in files] == ["a.txt", "a.txt.1", "a.txt.2", "a.txt.3",
                                         "b.txt", "b.txt.1", "b.txt.2", "b.txt.3"]
        assert len({p for _, p in files}) == 8
        # The duplicate keeps pointing at its own copy of the original, the original at none.
        pairs = con.execute("select d.duplicate_of, o.file_name from raw.source_files d "
                            "join raw.source_files o on d.duplicate_of = o.document_id "
                            "order by d.file_name").fetchall()
        assert [f for _, f in pairs] == ["a.txt", "a.txt.1", "a.txt.2", "a.txt.3"]
        assert con.execute("select count(*) from raw.source_files where file_name like 'a%' "
                           "and duplicate_of is not null").fetchone()[0] == 0
