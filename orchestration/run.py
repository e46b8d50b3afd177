"""`make run`: materialize the whole graph through Dagster, then print a short summary.

The same Definitions the UI, the schedule and the sensor use; the run is recorded in
$DAGSTER_HOME so it shows up in the UI's run history. dbt's and Dagster's own chatter goes
to a log file next to the warehouse; the terminal gets the summary.
"""

from __future__ import annotations

import contextlib
import logging
import sys

import dagster as dg

from orchestration.definitions import make_definitions
from orchestration.resources import WarehouseSettings
from orchestration.summary import summary


def run_build(settings: WarehouseSettings, instance: dg.DagsterInstance,
              log_level: str = "INFO") -> dg.ExecuteInProcessResult:
    job = make_definitions(settings).resolve_job_def("warehouse_build")
    return job.execute_in_process(
        instance=instance, raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}})


def main() -> int:
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    settings = WarehouseSettings.from_env()
    settings.prepare()
    log_path = settings.build_dir / "last_build.log"
    print(f"ogi-warehouse: building from {settings.landing_dir} (bundled samples if empty); "
          f"log: {log_path}", flush=True)
    with open(log_path, "w", encoding="utf-8") as log, contextlib.redirect_stdout(log), \
            contextlib.redirect_stderr(log):
        handler = logging.StreamHandler(log)
        logging.getLogger("dagster").addHandler(handler)
        result = run_build(settings, dg.DagsterInstance.get())
    print(summary(settings, result))
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
