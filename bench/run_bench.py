"""`make bench`: synthetic corpora of several sizes through the real pipeline, in numbers.

For each size: the floor (read + decode + normalize the same bytes, one core), extraction
per core and its multiple of the floor, a full build (scan, extraction on all cores, loads,
dbt, GX, publish), adding 1% new documents to it, peak RSS of the build processes, and the
size of the published warehouse and of its texts. Timings are wall-clock on this machine,
next to a fixed pure-Python workload's time (cpu ref ms), so that runs on other machines,
or on a shared machine at other times, can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.disk import bench_bytes, require_free
from ogi.extract import document_text, extract_document
from ogi.synth import write_corpus

ROOT = Path(__file__).resolve().parents[1]


def _corpus(work: Path, n: int, seed: int, name: str) -> Path:
    folder = work / name
    if not (folder / "truth.jsonl").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, n, seed, workers=os.cpu_count() or 1)
    return folder


def _docs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html"))


def _link(source: Path, target: Path) -> None:
    """A hard link where the file system allows it: the build only reads the landing folder,
    and a million documents (21 GB) need not be on disk twice."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _link_all(paths: list[Path], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for p in paths:
        _link(p, folder / p.name)


def _floor_and_extraction(paths: list[Path]) -> tuple[float, float]:
    """Documents per second on one core: (read + decode + normalize, full extraction).

    The two are timed on each document in turn, not one pass after the other: on a shared
    machine the speed changes from minute to minute, and their ratio is the number that
    matters. Files are read once before, so both pay the same (cached) read."""
    for p in paths:
        p.read_bytes()
    floor = extraction = 0.0
    clock = time.perf_counter
    for p in paths:
        start = clock()
        document_text(p.read_bytes())
        middle = clock()
        extract_document(p.read_bytes(), p.name)
        floor += middle - start
        extraction += clock() - middle
    return len(paths) / floor, len(paths) / extraction


def _build(landing: Path, warehouse: Path, workers: int,
           label: str) -> tuple[float, float, dict[str, float]]:
    """(seconds, peak RSS in MB of the build's largest process, seconds per step); the
    steps also go to stderr, so a slow build says where its time went."""
    timings = warehouse.parent.parent / f"timings_{label}.json"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bench.build_once", "--landing", str(landing),
                    "--warehouse", str(warehouse), "--workers", str(workers),
                    "--timings", str(timings)],
                   check=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    measured = json.loads(timings.read_text())
    steps = measured["steps"]
    print(f"  {label}: {seconds:.1f} s, peak RSS {measured['peak_rss_mb']} MB; "
          + ", ".join(f"{k} {v} s" for k, v in steps.items()), file=sys.stderr, flush=True)
    # Sampled every 0.5 s, so a short peak may read lower here than in ru_maxrss above.
    print("    peak RSS MB by process (sampled): " + ", ".join(
        f"{k} {v} ({measured.get('peak_rss_step', {}).get(k, '?')})"
        for k, v in measured.get("peak_rss_mb_by_process", {}).items()),
        file=sys.stderr, flush=True)
    if measured.get("dbt_models_at_peak"):
        print("    dbt models running at dbt's peak: " + ", ".join(measured["dbt_models_at_peak"]),
              file=sys.stderr, flush=True)
    return seconds, measured["peak_rss_mb"], steps


def _cpu_reference() -> float:
    """Milliseconds for a fixed pure-Python workload, best of three: the same code runs at
    different speeds on different machines, and on one shared machine at different times,
    so the table says how fast the machine was while it was measured."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sum(i * i for i in range(2_000_000))
        best = min(best, time.perf_counter() - start)
    return best * 1000


def bench(n: int, work: Path, workers: int, sample: int) -> dict[str, float]:
    corpus = _corpus(work, n, 1000 + n, f"corpus_{n}")
    reference = _cpu_reference()
    paths = _docs(corpus)
    probe = paths[:sample]
    floor, per_core = _floor_and_extraction(probe)
    site = work / f"build_{n}"
    shutil.rmtree(site, ignore_errors=True)
    landing = site / "landing"
    _link_all(_docs(corpus), landing)
    warehouse = site / "wh" / "ogi.duckdb"
    full, rss_full, steps = _build(landing, warehouse, workers, "full build")
    extra = _corpus(work, max(1, n // 100), 7_000_000 + n, f"extra_{n}")
    for p in _docs(extra):
        _link(p, landing / f"new_{p.name}")
    incremental, rss_inc, _ = _build(landing, warehouse, workers, "add 1%")
    return {"docs": n, "MB": sum(p.stat().st_size for p in paths) / 1e6,
            "cpu ref ms": reference,
            "floor/s": floor, "extract/s/core": per_core, "x floor": floor / per_core,
            # The extraction step of the full build: workers, row building, Parquet writes.
            "in build/s/core": n / steps["extracted_reports"] / workers,
            "full build s": full, "add 1% s": incremental,
            "peak RSS MB": max(rss_full, rss_inc),
            "RSS add 1% MB": rss_inc,
            "warehouse MB": warehouse.stat().st_size / 1e6,
            # The documents' texts, as Parquet beside the file (orchestration/texts.py).
            "texts MB": sum(p.stat().st_size for p in (warehouse.parent / "texts").iterdir())
            / 1e6}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000,100000"))
    parser.add_argument("--work", default=str(ROOT / "bench" / ".work"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=2000,
                        help="documents timed for the single-core floor and extraction rates")
    parser.add_argument("--ignore-disk", action="store_true",
                        help="run even when the disk looks too small (bench/disk.py)")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        if not args.ignore_disk:
            # The size's earlier build is removed before this one starts (its landing
            # folder holds links to the corpus, which frees nothing).
            earlier = work / f"build_{n}" / "wh"
            held = sum(p.stat().st_size for p in earlier.rglob("*") if p.is_file())
            require_free(work, bench_bytes(n, (work / f"corpus_{n}" / "truth.jsonl").exists())
                         - held, f"`make bench` at {n:,} documents")
        print(f"benchmarking {n} documents ...", file=sys.stderr, flush=True)
        rows.append(bench(n, work, args.workers, args.sample))
        _print(rows)
    return 0


def _print(rows: list[dict[str, float]]) -> None:
    keys = list(rows[0])
    print(" | ".join(f"{k:>14}" for k in keys))
    for row in rows:
        print(" | ".join(f"{row[k]:>14.1f}" if isinstance(row[k], float) else f"{row[k]:>14}"
                         for k in keys), flush=True)


if __name__ == "__main__":
    sys.exit(main())
