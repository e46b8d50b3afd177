"""One real build (the same Dagster job as `make run`), for the benchmark to time."""

import argparse
import contextlib
import io
import sys

import dagster as dg

from orchestration.resources import WarehouseSettings
from orchestration.run import run_build


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--landing", required=True)
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    settings = WarehouseSettings(landing_dir=args.landing, samples_dir=args.landing,
                                 warehouse_path=args.warehouse, workers=args.workers)
    log = io.StringIO()
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        result = run_build(settings, dg.DagsterInstance.ephemeral(), "ERROR")
    if not result.success:
        print(log.getvalue()[-5000:], file=sys.stderr)
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
