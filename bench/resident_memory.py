"""What a DuckDB connection keeps in memory after its buffers are evicted, step by step.

`python -m bench.resident_memory BUILD_DB TARGET_DIR [--default-row-groups]` reruns, in
this process, the compiled SQL that dbt wrote under TARGET_DIR for `int_figures_enriched`
and then `mart_dispositions_harmonized`, each into a new table, each followed by an
eviction of every buffer (`memory_limit` lowered to 32 MB and back), and prints the peak
RSS of each step and the RSS left after the eviction. What is left is not the buffer
manager's: it is what DuckDB holds outside `memory_limit` for as long as the connection
lives (README, Performance). The new tables are dropped at the end. Run it on a copy of a
build database, under the same file name (the compiled SQL names the database by it): it
writes, and attaching upgrades the file's storage format.
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import duckdb

from orchestration.warehouse_db import attach

# Each step: the folder of its compiled model, and the table it writes.
STEPS = {"intermediate": "int_figures_enriched", "marts": "mart_dispositions_harmonized"}


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def _peak_while_running(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """Peak RSS (MB, sampled every 0.1 s) while `sql` runs; its error, if any, is raised."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            con.execute(sql)
        except BaseException as error:  # noqa: BLE001 - raised again below
            failed.append(error)

    worker = threading.Thread(target=run)
    peak = rss_mb()
    worker.start()
    while worker.is_alive():
        peak = max(peak, rss_mb())
        time.sleep(0.1)
    if failed:
        raise failed[0]
    return peak


def measure(build_db: Path, target: Path, default_row_groups: bool = False) -> list[str]:
    compiled = target / "compiled" / "ogi_warehouse" / "models"
    # As the build connects (profiles.yml), in dbt's budget.
    con = attach(build_db, large_row_groups=not default_row_groups)
    con.execute("set memory_limit = '1GB'")
    con.execute("set preserve_insertion_order = false")
    lines = [f"before: {rss_mb()} MB"]
    try:
        for folder, model in STEPS.items():
            sql = (compiled / folder / f"{model}.sql").read_text(encoding="utf-8")
            started = time.perf_counter()
            peak = _peak_while_running(con, f"create table main.probe_{model} as {sql}")
            seconds = time.perf_counter() - started
            con.execute("set memory_limit = '32MB'")
            left = rss_mb()
            con.execute("set memory_limit = '1GB'")
            lines.append(f"{model}: {seconds:.1f} s, peak {peak} MB, after eviction {left} MB")
    finally:
        for model in STEPS.values():
            con.execute(f"drop table if exists main.probe_{model}")
        con.close()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_db", type=Path, help="a copy of a build database")
    parser.add_argument("target", type=Path, help="dbt's target folder of a build of it")
    parser.add_argument("--default-row-groups", action="store_true",
                        help="attach with DuckDB's row-group size instead of the build's")
    args = parser.parse_args()
    for line in measure(args.build_db, args.target, args.default_row_groups):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
