"""The benchmarks check free disk before they start (bench/disk.py): two runs stopped on a
full disk after their slow part (README Performance)."""

import subprocess
import sys
from pathlib import Path

import pytest

from bench.disk import bench_bytes, free_bytes, proxy_bytes, require_free

ROOT = Path(__file__).resolve().parents[1]


def test_estimates_follow_the_measured_runs() -> None:
    # 100k: its 2.1 GB corpus with the 1% added, and 3 GB for the builds.
    assert bench_bytes(100_000, corpus_exists=False) == 2_121_000_000 + 3_000_000_000
    assert bench_bytes(100_000, corpus_exists=True) == 3_000_000_000
    # A million's builds alone: more than the 24 GB that ran out.
    assert bench_bytes(1_000_000, corpus_exists=True) > 24e9
    # 30x of the 100k build database (731 MiB) took 32 GB at its most in dbt, 20x 19.7 GB;
    # publishing holds the built database twice (14,979 MB at 20x, 18,440 MB at 30x).
    source = 731 * 2**20
    assert proxy_bytes(30, source) >= 2 * 18_440 * 2**20
    assert proxy_bytes(20, source) >= 2 * 14_979 * 2**20


def test_a_folder_not_made_yet_is_measured_on_its_disk(tmp_path: Path) -> None:
    later = free_bytes(tmp_path / "not" / "yet")
    assert abs(later - free_bytes(tmp_path)) < 200 * 2**20


def test_too_little_free_disk_stops_with_the_sizes(tmp_path: Path) -> None:
    require_free(tmp_path, 1, "a tiny run")
    with pytest.raises(SystemExit, match=r"a huge run needs about [\d.]+ GB of free disk"):
        require_free(tmp_path, free_bytes(tmp_path) + 10**12, "a huge run")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_make_bench_stops_before_generating_a_corpus_the_disk_cannot_hold(
        tmp_path: Path) -> None:
    done = _run("bench.run_bench", "--sizes", "100000000", "--work", str(tmp_path))
    assert done.returncode == 1
    assert "`make bench` at 100,000,000 documents needs about 5" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_proxy_stops_before_copying_what_the_disk_cannot_hold(tmp_path: Path) -> None:
    (tmp_path / "ogi_build.duckdb").write_bytes(b"x" * 10**6)
    done = _run("bench.scale_proxy", "--times", "10000000", "--source", str(tmp_path))
    assert done.returncode == 1
    assert "--times 10000000 needs about 25000.0 GB of free disk" in done.stderr
    assert not (ROOT / "bench" / ".work" / "proxy_x10000000").exists()
