"""A process that runs DuckDB keeps to one budget: DuckDB's buffers get what the rest of the
process leaves of it (orchestration/memory_governor.py)."""

import time
from pathlib import Path

import duckdb

from orchestration.memory_governor import MIB, Governor, govern, parse_bytes, resident_bytes


def _limit_mib(con: duckdb.DuckDBPyConnection) -> float:
    shown = con.execute("select current_setting('memory_limit')").fetchone()[0]
    assert shown.endswith(" MiB"), shown
    return float(shown.removesuffix(" MiB"))


def test_sizes_are_read_as_duckdb_reads_them() -> None:
    assert parse_bytes("1GB") == 10**9
    assert parse_bytes("1400MiB") == 1400 * MIB
    assert parse_bytes("1.5 GiB") == 1536 * MIB
    assert parse_bytes("400MB") == 400 * 10**6


def test_duckdb_gets_what_the_most_held_outside_it_leaves() -> None:
    with duckdb.connect() as con:
        governor = Governor(con, process_budget=1400 * MIB, ceiling=960 * MIB)
        # 200 MiB held outside the buffers: 1,200 left, more than the ceiling.
        assert governor.target(1000 * MIB, 800 * MIB, now=0.0) == 960 * MIB
        # 600 MiB outside: 800 left.
        assert governor.target(1400 * MIB, 800 * MIB, now=1.0) == 800 * MIB
        # A dip to 300 MiB two seconds later does not give the 600 back yet...
        assert governor.target(1100 * MIB, 800 * MIB, now=3.0) == 800 * MIB
        # ...five seconds after the 600 it does (1,100 left, the ceiling binds).
        assert governor.target(1100 * MIB, 800 * MIB, now=6.5) == 960 * MIB
        # Shares are whole steps of 16 MiB, rounded down: 1400 - 630 = 770 -> 768.
        assert governor.target(1430 * MIB, 800 * MIB, now=20.0) == 768 * MIB
        # Nearly the whole budget outside: DuckDB keeps its floor of 512 MiB.
        assert governor.target(1300 * MIB, 0, now=40.0) == 512 * MIB


def test_what_the_process_returns_a_moment_later_does_not_count() -> None:
    with duckdb.connect() as con:
        governor = Governor(con, process_budget=1400 * MIB, ceiling=960 * MIB)
        assert governor.target(1300 * MIB, 900 * MIB, now=0.0) == 960 * MIB  # 400 outside
        # DuckDB dropped its buffers; the process still shows their memory...
        assert governor.target(1250 * MIB, 20 * MIB, now=0.1) == 960 * MIB
        # ...and a tenth of a second later it has returned it.
        assert governor.target(420 * MIB, 20 * MIB, now=0.2) == 960 * MIB
        # With the buffers unchanged, 1,000 MiB outside them count at once: 400 MiB are
        # left, and DuckDB keeps its floor.
        assert governor.target(420 * MIB, 20 * MIB, now=0.9) == 960 * MIB
        assert governor.target(1020 * MIB, 20 * MIB, now=1.0) == 512 * MIB


def test_a_governed_connection_spills_within_what_is_left(tmp_path: Path) -> None:
    with duckdb.connect(config={"temp_directory": str(tmp_path)}) as con:
        held = resident_bytes()
        assert held is not None  # Linux: /proc is there
        governor = govern(con, f"{held // MIB + 900}MiB", "2GiB")
        assert governor is not None
        try:
            # Its first step is taken at once: about 900 MiB are left for DuckDB.
            assert 848 <= _limit_mib(con) <= 900
            ballast = bytearray(600 * MIB)  # the process holds 600 MiB more...
            ballast[:: 4096] = b"x" * len(ballast[:: 4096])  # ...resident, not just reserved
            deadline = time.monotonic() + 10
            while _limit_mib(con) > 512 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _limit_mib(con) == 512  # ...so DuckDB's share fell to its floor
            # A query that needs more than that spills instead of failing.
            assert con.execute("select count(distinct range) from range(40000000)"
                               ).fetchone() == (40_000_000,)
            del ballast
        finally:
            governor.stop()
        assert not governor.is_alive()
