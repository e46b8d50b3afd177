"""Holds a process that runs DuckDB to one memory budget: DuckDB's and everything else's.

DuckDB's `memory_limit` bounds its buffer manager only. Besides it, a process holds what
Python holds (dbt's manifest and graph) and what DuckDB keeps outside the buffer manager:
the column metadata of every row group it has read or written, until the database is closed
(README, Performance). A model of dbt's may read or write every figure, so that part grows
with the corpus, and with a fixed `memory_limit` so did dbt's peak (1.37 GB at 100k
documents, 1.49 GB at a million, 1.85 GB at three). dbt closes the database whenever no model
runs (profiles.yml), which drops it between models, not within one.

A Governor reads the process's resident memory ten times a second and gives DuckDB's
buffer manager what the process budget leaves: `memory_limit` = budget - (resident -
DuckDB's buffers), never above the ceiling (`OGI_DUCKDB_MEMORY`) and never below a floor
that running queries need. When what is held outside the buffers grows, DuckDB evicts and
spills sooner instead of the process growing. Below the sizes where that happens the
ceiling binds and nothing changes.

orchestration/dbt_memory_plugin.py starts one on dbt's connection, the GX worker on its own.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import deque

import duckdb

# What dbt's process and the GX worker's each keep to, all told.
PROCESS_MEMORY = os.environ.get("OGI_PROCESS_MEMORY", "1400MiB")

MIB = 2**20
# DuckDB's share never goes below this: lowered under what a running query has pinned, the
# query fails (at 20x the 100k corpus, int_figures_enriched did at 272 MiB). A process that
# holds more than budget - floor outside the buffers goes over its budget.
FLOOR_BYTES = 512 * MIB
# Changes smaller than this are not made: each lowering makes DuckDB evict.
STEP_BYTES = 16 * MIB
# What is held outside the buffers swings by a hundred MB within a second (operators' own
# allocations, freed memory the allocator has not yet returned): the budget is set for the
# most held in this many seconds, so a dip does not let the buffers fill what comes back.
WINDOW_SECONDS = 5.0
# When DuckDB drops its buffers the process returns their memory a few tenths of a second
# later; in between, a step would read it as held outside them (at 20x, 1.1 GB for 0.4 s,
# which took DuckDB's share to the floor). So the buffers counted are the most DuckDB held
# in this many seconds.
SETTLE_SECONDS = 0.5

# Governors started in this process, numbered in the trace: dbt opens the database again after
# each moment no model runs, each time with a governor of its own.
_started = itertools.count(1)


def parse_bytes(size: str) -> int:
    """'1GB', '1400MB', '1.5GiB' as DuckDB reads them (KB/MB/GB are powers of 1000)."""
    units = {"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40,
             "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12, "b": 1}
    text = size.strip().lower().replace(" ", "")
    for unit, factor in units.items():
        if text.endswith(unit):
            return int(float(text[: -len(unit)]) * factor)
    return int(float(text))


def resident_bytes() -> int | None:
    """This process's resident memory, or None where /proc is not there (not Linux)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class Governor(threading.Thread):
    """Sets `memory_limit` of `con`'s database from the process's resident memory until the
    connection is closed."""

    def __init__(self, con: duckdb.DuckDBPyConnection, process_budget: int, ceiling: int,
                 every_seconds: float = 0.1) -> None:
        super().__init__(name="duckdb-memory-governor", daemon=True)
        self._cursor = con.cursor()  # a connection of its own, usable from this thread
        self.process_budget = process_budget
        self.ceiling = ceiling
        self.every_seconds = every_seconds
        self.limit = ceiling
        # (time, bytes) of the steps that may yet be the most buffers of the last
        # SETTLE_SECONDS, and the most held outside them of the last WINDOW_SECONDS.
        self._buffers: deque[tuple[float, int]] = deque()
        self._outside: deque[tuple[float, int]] = deque()
        self._stopped = threading.Event()
        # Each step's time, process, resident memory, DuckDB's buffers and limit (MiB), and
        # which of the process's governors took it.
        self.number = next(_started)
        trace = os.environ.get("OGI_MEMORY_TRACE")
        self._trace = open(trace, "a", encoding="ascii") if trace else None  # noqa: SIM115
        self._cursor.execute(f"set memory_limit = '{ceiling // MIB}MiB'")

    def target(self, resident: int, buffers: int, now: float) -> int:
        """The buffer manager's share of the budget, given the most the process has held
        outside the buffers in the last WINDOW_SECONDS."""
        recent_buffers = _most(self._buffers, now, SETTLE_SECONDS, buffers)
        held = _most(self._outside, now, WINDOW_SECONDS, max(resident - recent_buffers, 0))
        share = self.process_budget - held
        return max(FLOOR_BYTES, min(self.ceiling, share // STEP_BYTES * STEP_BYTES))

    def step(self) -> None:
        resident = resident_bytes()
        if resident is None:
            return
        buffers = int(self._cursor.execute(
            "select coalesce(sum(memory_usage_bytes), 0) from duckdb_memory()").fetchone()[0])
        wanted = self.target(resident, buffers, time.monotonic())
        if abs(wanted - self.limit) >= STEP_BYTES:
            # Lowering makes DuckDB evict down to the new limit; it refuses while too much
            # is pinned by running operators, and the next step tries again.
            self._cursor.execute(f"set memory_limit = '{wanted // MIB}MiB'")
            self.limit = wanted
        if self._trace is not None:
            self._trace.write(f"{time.time():.2f},{os.getpid()},{resident // MIB},"
                              f"{buffers // MIB},{self.limit // MIB},{self.number}\n")
            self._trace.flush()

    def run(self) -> None:
        try:
            while not self._stopped.is_set():
                try:
                    self.step()
                except duckdb.ConnectionException:
                    # The connection was closed; dbt closes the database between models and
                    # opens it again with a governor of its own.
                    return
                except duckdb.Error:
                    pass  # the limit could not be lowered yet
                self._stopped.wait(self.every_seconds)
        finally:
            if self._trace is not None:
                self._trace.close()

    def stop(self) -> None:
        """Stop and wait: a thread still inside DuckDB while Python exits aborts the
        process (C++ terminate) instead of letting it exit with its own status."""
        self._stopped.set()
        self.join()


def _most(window: deque[tuple[float, int]], now: float, seconds: float, value: int) -> int:
    """Add `value` to a sliding window of `seconds` and return the window's most. Values
    that can no longer be it are dropped, so the window stays short."""
    while window and window[0][0] < now - seconds:
        window.popleft()
    while window and window[-1][1] <= value:
        window.pop()
    window.append((now, value))
    return window[0][1]


def govern(con: duckdb.DuckDBPyConnection, process_budget: str,
           ceiling: str) -> Governor | None:
    """Start a Governor on `con` (None, and `ceiling` as a fixed budget, without /proc).
    Its first step is taken before this returns, so the first query already runs in it."""
    if resident_bytes() is None:
        con.execute(f"set memory_limit = '{ceiling}'")
        return None
    governor = Governor(con, parse_bytes(process_budget), parse_bytes(ceiling))
    governor.step()
    governor.start()
    return governor
