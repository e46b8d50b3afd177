"""The build's scan of a landing folder k times larger than a `make bench` corpus, in numbers.

`python -m bench.scan_proxy --times 10 30` fills a folder with k copies of the 100k
benchmark corpus as hard links (one folder per copy: no bytes copied, so 3 million files
take no more disk than their directory entries) and runs the build's scan
(orchestration/scan.py) on it, in a process of its own that has imported what the build
process imports, sampled for its peak RSS; then scans it again with one more copy's first
1,000 files added, against the first scan, as a build that adds a day's reports does.

Every file is listed, stat'ed, read and hashed as in a real folder of that size. The copies
have the bytes of the first, so the scan marks them duplicates of it: its dedup query sees
k files per document rather than one. The loads of such a build: bench/loads_proxy.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from bench.rss_by_process import run_sampled

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
ADDED = 1000


def link_copies(corpus: Path, folder: Path, copies: range, limit: int | None = None) -> int:
    """Hard-link the corpus's documents (the first `limit` in name order; not its
    truth.jsonl, as `make bench` does not) into folder/copy-<n>/ for each copy; files linked."""
    names = sorted(p.name for p in corpus.iterdir() if p.suffix in (".txt", ".html"))[:limit]
    for copy in copies:
        target = folder / f"copy-{copy:03d}"
        target.mkdir(parents=True)
        for name in names:
            os.link(corpus / name, target / name)
    return len(names) * len(copies)


_CHILD = """
import json, sys
from pathlib import Path
import orchestration.definitions  # noqa: F401  (the build process's imports, and their memory)
from orchestration.scan import scan_folder
folder, out, build_db = sys.argv[1:4]
scan = scan_folder(Path(folder), 20 * 2**20, Path(out), Path(build_db) if build_db else None)
print(json.dumps({"files": scan.files, "hashed": scan.hashed, "statuses": scan.statuses}))
"""


def run_scan(folder: Path, out: Path, previous: Path | None) -> tuple[float, int, dict]:
    """Seconds, peak RSS (MB) and counts of the build's scan, in a fresh process; with
    `previous`, a build database whose raw.source_files holds the last scan."""
    seconds, mb, stdout = run_sampled("other", ["-c", _CHILD, str(folder), str(out),
                                                str(previous or "")], ROOT, interval=0.2)
    return seconds, mb, json.loads(stdout.strip().splitlines()[-1])


def _as_last_scan(scan: Path, build_db: Path) -> None:
    """A build database holding `scan` as its raw.source_files, as the loads leave it."""
    import duckdb  # the parent needs it only here

    from orchestration.warehouse_db import ensure_raw_schema
    with duckdb.connect(str(build_db)) as con:
        ensure_raw_schema(con)
        con.execute("insert into raw.source_files by name select * from read_parquet(?)",
                    [str(scan)])


def main() -> int:
    parser = argparse.ArgumentParser(description="the build's scan on k times a benchmark's "
                                     "corpus, as hard links")
    parser.add_argument("--times", type=int, nargs="+", default=[1, 10, 20],
                        help="sizes as multiples of the corpus (default 1 10 20)")
    parser.add_argument("--corpus", type=Path, default=WORK / "corpus_100000",
                        help="a corpus of `make bench` (default: the 100k one)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus} not found: run `make bench` first (it keeps its corpora)")
    print("| times | files | scan s | scan peak RSS MB | statuses "
          "| add 1,000: s | add 1,000: files hashed | add 1,000: peak RSS MB |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|")
    for times in args.times:
        folder = WORK / f"scan_x{times}"
        shutil.rmtree(folder, ignore_errors=True)
        try:
            files = link_copies(args.corpus, folder / "landing", range(times))
            scan_s, scan_mb, scan = run_scan(folder / "landing", folder / "scan", None)
            assert scan["files"] == files, scan
            _as_last_scan(folder / "scan" / "scan.parquet", folder / "ogi_build.duckdb")
            link_copies(args.corpus, folder / "landing", range(times, times + 1), ADDED)
            add_s, add_mb, added = run_scan(folder / "landing", folder / "scan",
                                            folder / "ogi_build.duckdb")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        statuses = ", ".join(f"{k} {v:,}" for k, v in sorted(scan["statuses"].items()))
        print(f"| {times} | {files:,} | {scan_s:.1f} | {scan_mb:,} | {statuses} "
              f"| {add_s:.1f} | {added['hashed']:,} | {add_mb:,} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
