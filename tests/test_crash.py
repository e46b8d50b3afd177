"""Crash safety and concurrency: real runs killed with SIGKILL at several points leave the
published warehouse intact, and the next run gives what an uninterrupted run gives."""

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.faults import POINTS
from orchestration.resources import WarehouseSettings
from orchestration.run import BuildLocked, build_lock, run_build
from tests.test_pipeline import _snapshot

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
NEW_DOC = ROOT / "tests" / "corpus" / "t01_html_2021.html"


def _run(base: Path, crash_at: str | None = None) -> int:
    home = base / "dagster_home"
    home.mkdir(exist_ok=True)
    shutil.copy(ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "OGI_LANDING": str(base / "landing"), "DAGSTER_HOME": str(home),
           "OGI_WAREHOUSE": str(base / "wh" / "ogi.duckdb"), "OGI_WORKERS": "1"}
    env.pop("OGI_CRASH_AT", None)
    if crash_at:
        env["OGI_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "orchestration.run"], env=env, cwd=ROOT,
                          capture_output=True, timeout=600).returncode


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A published warehouse of the samples, and a new report waiting in the landing folder."""
    base = tmp_path_factory.mktemp("crash_base")
    shutil.copytree(ROOT / "data" / "samples", base / "landing")
    assert _run(base) == 0
    shutil.copy(NEW_DOC, base / "landing")
    return base


@pytest.fixture(scope="module")
def uninterrupted(base, tmp_path_factory) -> dict:
    ref = tmp_path_factory.mktemp("crash_ref") / "site"
    shutil.copytree(base, ref, symlinks=True)
    assert _run(ref) == 0
    return _snapshot(ref / "wh" / "ogi.duckdb")


@pytest.mark.parametrize("point", POINTS)
def test_killed_run_leaves_the_warehouse_intact_and_the_next_run_completes(
        point, base, uninterrupted, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(base, site, symlinks=True)
    published = site / "wh" / "ogi.duckdb"
    before = _sha(published)
    assert _run(site, crash_at=point) == -9  # SIGKILL
    assert _sha(published) == before
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_report").fetchone()[0] == 5
    assert _run(site) == 0
    assert _snapshot(published) == uninterrupted


def test_one_writer_at_a_time_and_readers_keep_their_view(base, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(base, site, symlinks=True)
    settings = WarehouseSettings(landing_dir=str(site / "landing"),
                                 samples_dir=str(site / "landing"),
                                 warehouse_path=str(site / "wh" / "ogi.duckdb"), workers=1)
    with build_lock(settings), pytest.raises(BuildLocked):
        run_build(settings, dg.DagsterInstance.ephemeral())
    # An analyst holds the published file open while a build publishes a new one.
    reader = duckdb.connect(settings.warehouse_path, read_only=True)
    old = reader.execute("select count(*) from marts.dim_report").fetchone()[0]
    assert run_build(settings, dg.DagsterInstance.ephemeral()).success
    assert reader.execute("select count(*) from marts.dim_report").fetchone()[0] == old == 5
    reader.close()
    with duckdb.connect(settings.warehouse_path, read_only=True) as fresh:
        assert fresh.execute("select count(*) from marts.dim_report").fetchone()[0] == 6


def _running(pid: str) -> bool:
    """Alive, not a zombie waiting for an init that is slow to reap it."""
    try:
        status = (Path("/proc") / pid / "status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def test_dbt_dies_with_the_build_that_started_it():
    """A build killed mid-dbt must not leave dbt running on the build database. dbt takes
    seconds just to import itself, so a dbt that outlived its parent is still running after
    1 s (plain `dbt parse` in its place fails this test)."""
    parent = (
        "import os, signal, subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-m', 'orchestration.dbt_child', 'parse'],\n"
        "                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(0.3)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = subprocess.run([sys.executable, "-c", parent], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == -9
    pid = run.stdout.split()[0]
    deadline = time.monotonic() + 1
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(pid)
