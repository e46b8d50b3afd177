"""`python -m orchestration.dbt_child ARGS`: dbt ARGS, dying with the build that started it.

Otherwise a killed build's dbt would keep running, still writing the build database and
holding DuckDB's lock, so the next build would fail on "Could not set lock" instead of
repairing what was cut short (orchestration/lifetime.py).

dbt runs in this process rather than by exec, to freeze its objects before it exits: Python
otherwise collects every one of them at exit, some 4 s of dbt's life at 100k documents,
spent after dbt has finished and while the build waits for it.
"""

from __future__ import annotations

import gc
import sys

from orchestration.lifetime import die_with_parent


def main() -> None:
    die_with_parent()
    from dbt.cli.main import cli

    sys.argv = ["dbt", *sys.argv[1:]]
    try:
        cli()  # click's standalone mode: ends in SystemExit with dbt's exit code
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
