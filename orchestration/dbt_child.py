"""`python -m orchestration.dbt_child ARGS`: dbt ARGS, dying with the build that started it.

A build killed with SIGKILL (the OOM killer, an operator, the crash tests) would otherwise
leave its dbt running on, still writing the build database and holding DuckDB's lock, so
the next build would fail on "Could not set lock" instead of repairing what was cut short.
On Linux the parent-death signal ends dbt with its parent; elsewhere dbt runs as it is."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

_PR_SET_PDEATHSIG = 1


def main() -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:
            sys.exit("the build that started dbt is gone")  # it died before the line above
    dbt = Path(sys.executable).parent / "dbt"  # the signal stays armed across exec
    os.execv(dbt, [str(dbt), *sys.argv[1:]])


if __name__ == "__main__":
    main()
