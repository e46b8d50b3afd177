"""No network at run time: the whole pipeline runs in a network namespace with no links."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def _can_unshare() -> bool:
    try:
        return subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not _can_unshare(), reason="cannot create a network namespace here")
def test_pipeline_runs_with_networking_blocked(tmp_path):
    shutil.copytree(ROOT / "data" / "samples", tmp_path / "landing")
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "OGI_LANDING": str(tmp_path / "landing"), "DAGSTER_HOME": str(home),
           "OGI_WAREHOUSE": str(tmp_path / "wh" / "ogi.duckdb")}
    # Inside the namespace only a loopback device exists, and it is down: any attempt to
    # reach the network fails at once.
    probe = subprocess.run(["unshare", "--net", sys.executable, "-c",
                            "import socket; socket.create_connection(('1.1.1.1', 443), 3)"],
                           capture_output=True)
    assert probe.returncode != 0
    run = subprocess.run(["unshare", "--net", sys.executable, "-m", "orchestration.run"],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    with duckdb.connect(str(tmp_path / "wh" / "ogi.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_report").fetchone()[0] == 5
