"""`make run`: materialize the whole graph through Dagster, then print a short summary.

The same Definitions the UI, the schedule and the sensor use; the run is recorded in
$DAGSTER_HOME so it shows up in the UI's run history. dbt's and Dagster's own chatter goes
to a log file next to the warehouse; the terminal gets the summary.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import logging
import sys
from collections.abc import Iterator

import dagster as dg

from orchestration.definitions import make_definitions
from orchestration.resources import WarehouseSettings
from orchestration.summary import summary


class BuildLocked(RuntimeError):
    pass


@contextlib.contextmanager
def build_lock(settings: WarehouseSettings) -> Iterator[None]:
    """One writer per build folder: a second `make run` (or the schedule firing while one
    runs) stops at once instead of fighting over the build database."""
    settings.build_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.build_dir / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BuildLocked(f"another build is writing {settings.build_dir}") from exc
        yield


def run_build(settings: WarehouseSettings, instance: dg.DagsterInstance,
              log_level: str = "INFO") -> dg.ExecuteInProcessResult:
    job = make_definitions(settings).resolve_job_def("warehouse_build")
    with build_lock(settings):
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
    try:
        with open(log_path, "w", encoding="utf-8") as log, contextlib.redirect_stdout(log), \
                contextlib.redirect_stderr(log):
            logging.getLogger("dagster").addHandler(logging.StreamHandler(log))
            result = run_build(settings, dg.DagsterInstance.get())
    except BuildLocked as exc:
        print(f"not started: {exc}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: try again later
    print(summary(settings, result))
    # Exiting, Python collects every object of dagster, dbt and pandas one last time: about
    # 2 s for nothing. Frozen objects are skipped.
    gc.freeze()
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
