"""The build's DuckDB connections keep to their memory budget.

A build reads each staged Parquet file once. DuckDB's external file cache keeps part of
every file a connection read (about 12-30 KB of a staged file) for the life of the
connection; at a million documents that is 8,100 files a table, and loading them held
about 500 MB more than the load budget (bench/, README Performance).

DuckDB also keeps the column metadata of every row group a connection read or wrote (about
3 KB a column) for the life of the connection, outside its budget: dbt's connection writes
row groups eight times DuckDB's default size, and that share grew three to four times
slower (README, Performance). What is left grows with the corpus all the same: dbt's and the
GX worker's processes keep to a budget of their own, of which DuckDB gets what the rest of
the process leaves (orchestration/memory_governor.py)."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from orchestration.report import open_warehouse
from orchestration.warehouse_db import LOAD_MEMORY_LIMIT, connect, connect_for_loads

ROOT = Path(__file__).resolve().parents[1]
FILES = 40


def _cached_bytes(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select coalesce(sum(memory_usage_bytes), 0) from duckdb_memory() "
                       "where tag = 'EXTERNAL_FILE_CACHE'").fetchone()[0]


def _memory_limit(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select current_setting('memory_limit')").fetchone()[0]


def _as_duckdb_shows(memory_limit: str) -> str:
    """DuckDB shows a limit in its own units (400MB as 381.4 MiB): compare it that way."""
    with duckdb.connect() as con:
        con.execute(f"set memory_limit = '{memory_limit}'")
        return _memory_limit(con)


def _staged_files(folder: Path) -> list[str]:
    paths = []
    for k in range(FILES):
        path = folder / f"figures-00000-{k:03d}.parquet"
        pq.write_table(pa.table({"document_id": [f"doc{k}"] * 100, "value": list(range(100))}),
                       path)
        paths.append(str(path))
    return paths


def test_loads_do_not_cache_the_files_they_read(tmp_path: Path) -> None:
    staged = _staged_files(tmp_path)
    query = "select count(*), count(distinct document_id), sum(value) from read_parquet(?)"
    # DuckDB's default keeps a part of each file it read: the check below can fail.
    with duckdb.connect(str(tmp_path / "default.duckdb")) as con:
        assert con.execute(query, [staged]).fetchone() == (4_000, FILES, FILES * 4_950)
        assert _cached_bytes(con) >= FILES * 4096
    with connect_for_loads(tmp_path / "build.duckdb") as con:
        assert con.execute(query, [staged]).fetchone() == (4_000, FILES, FILES * 4_950)
        assert _cached_bytes(con) == 0
        assert _memory_limit(con) == _as_duckdb_shows(LOAD_MEMORY_LIMIT)


def test_every_build_connection_keeps_the_cache_off(tmp_path: Path) -> None:
    with connect(tmp_path / "build.duckdb") as con:
        assert con.execute(
            "select current_setting('enable_external_file_cache')").fetchone()[0] is False


def test_the_analysts_page_queries_in_the_build_process_budget(tmp_path: Path) -> None:
    warehouse = tmp_path / "ogi.duckdb"
    duckdb.connect(str(warehouse)).close()
    with duckdb.connect() as default:
        assert _memory_limit(default) != _as_duckdb_shows(LOAD_MEMORY_LIMIT)
    with open_warehouse(warehouse) as con:
        assert _memory_limit(con) == _as_duckdb_shows(LOAD_MEMORY_LIMIT)
        assert con.execute(
            "select current_setting('enable_external_file_cache')").fetchone()[0] is False


def _dbt(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """dbt on tmp_path/ogi_build.duckdb, its artifacts and log in tmp_path."""
    build_db = tmp_path / "ogi_build.duckdb"
    return subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), *args, "--quiet",
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "OGI_TARGET": "duckdb", "OGI_BUILD_DB": str(build_db), **env})


def _dbt_probe(tmp_path: Path, sql: str, **env: str) -> subprocess.CompletedProcess:
    return _dbt(tmp_path, "run-operation", "run_query", "--args", f"{{sql: '{sql}'}}", **env)


def test_dbt_writes_row_groups_of_983040_rows(tmp_path: Path) -> None:
    build_db = tmp_path / "ogi_build.duckdb"
    with duckdb.connect(str(build_db)) as con:  # made by an earlier build, default storage
        con.execute("create table main.made_before as select 1 as i")
    done = _dbt_probe(tmp_path, "create table main.probe as select range as i, "
                      "current_setting(''temp_directory'') as spill_dir from range(1000000)")
    assert done.returncode == 0, done.stdout + done.stderr
    with duckdb.connect(str(build_db), read_only=True) as con:
        # Unqualified names in dbt's SQL are the build database's, not the main one's.
        assert con.execute("select count(*), any_value(spill_dir) from main.probe"
                           ).fetchone() == (1_000_000, f"{build_db}.tmp")
        row_groups = con.execute("select count(distinct row_group_id) "
                                 "from pragma_storage_info('main.probe')").fetchone()[0]
        assert row_groups == 2  # 983,040 + 16,960; DuckDB's default would make 9
        assert con.execute("select count(*) from main.made_before").fetchone() == (1,)
        assert con.execute("select tags['storage_version'] from duckdb_databases() "
                           "where database_name = current_database()").fetchone() == ("v1.2.0+",)


def test_dbt_keeps_its_whole_process_to_the_process_budget(tmp_path: Path) -> None:
    probe = ("create or replace table main.limits as select ''{run}'' as run, "
             "current_setting(''memory_limit'') as memory_limit")
    # The default budget leaves DuckDB its whole ceiling (OGI_DUCKDB_MEMORY, 1GB) while
    # dbt holds little besides.
    done = _dbt_probe(tmp_path, probe.format(run="default"))
    assert done.returncode == 0, done.stdout + done.stderr
    with duckdb.connect(str(tmp_path / "ogi_build.duckdb"), read_only=True) as con:
        assert con.execute("select * from main.limits").fetchone() == ("default", "953.0 MiB")
    # A budget smaller than dbt itself: DuckDB keeps only its floor.
    done = _dbt_probe(tmp_path, probe.format(run="small"), OGI_PROCESS_MEMORY="200MiB",
                      OGI_MEMORY_TRACE=str(tmp_path / "trace.csv"))
    assert done.returncode == 0, done.stdout + done.stderr
    with duckdb.connect(str(tmp_path / "ogi_build.duckdb"), read_only=True) as con:
        assert con.execute("select * from main.limits").fetchone() == ("small", "512.0 MiB")
    # time, pid, resident, buffers, limit (MiB) and governor of each of the governors' steps
    steps = [line.split(",") for line in (tmp_path / "trace.csv").read_text().splitlines()]
    assert steps and all(int(step[4]) == 512 and int(step[2]) > 0 for step in steps)


def test_dbt_under_the_governor_exits_with_its_own_status(tmp_path: Path) -> None:
    # The governor's thread is stopped before Python exits; a thread still inside DuckDB
    # then would abort the process with status 250 instead of dbt's.
    done = _dbt_probe(tmp_path, "select * from no_such_table")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no_such_table" in done.stdout + done.stderr


def test_dbt_closes_the_database_whenever_no_model_runs(tmp_path: Path) -> None:
    # DuckDB keeps the metadata of every row group it touched until the database is closed;
    # dbt closes it between models (profiles.yml: a main database file and keep_open false),
    # and each opening gets a governor of its own. One model at a time: five seeds, five
    # openings at least (each hook and the graph's first queries may open it again).
    trace = tmp_path / "trace.csv"
    build_db = tmp_path / "ogi_build.duckdb"
    done = _dbt(tmp_path, "seed", "--threads", "1", OGI_MEMORY_TRACE=str(trace))
    assert done.returncode == 0, done.stdout + done.stderr
    governors = {tuple(line.split(",")[i] for i in (1, 5))
                 for line in trace.read_text().splitlines()}
    assert len(governors) >= 5
    with duckdb.connect(str(build_db), read_only=True) as con:
        assert con.execute("select count(*) from reference.divisions").fetchone() == (6753,)
    # The main database is an empty file beside the build database, not in the working folder.
    assert (tmp_path / "dbt_session.duckdb").exists()
    assert not (ROOT / "dbt_session.duckdb").exists()
