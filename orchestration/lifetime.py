"""Child processes that die with the build that started them.

A build killed with SIGKILL (the OOM killer, an operator, the crash tests) would otherwise
leave its children running on: dbt still writing the build database and holding DuckDB's
lock, a GX worker waiting for work that never comes. On Linux the parent-death signal ends
a child with its parent; elsewhere children run as they are."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Arm SIGKILL on the parent's death; exit at once if the parent is already gone."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:
            sys.exit("the build that started this process is gone")  # it died before the line above
