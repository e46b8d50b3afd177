"""`python -m orchestration.dbt_child ARGS`: dbt ARGS, dying with the build that started it.

Otherwise a killed build's dbt would keep running, still writing the build database and
holding DuckDB's lock, so the next build would fail on "Could not set lock" instead of
repairing what was cut short (orchestration/lifetime.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from orchestration.lifetime import die_with_parent


def main() -> None:
    die_with_parent()
    dbt = Path(sys.executable).parent / "dbt"  # the signal stays armed across exec
    os.execv(dbt, [str(dbt), *sys.argv[1:]])


if __name__ == "__main__":
    main()
