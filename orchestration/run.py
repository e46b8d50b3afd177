"""`make run`: materialize the whole graph through Dagster, then print a short summary.

The same Definitions the UI, the schedule and the sensor use; the run is recorded in
$DAGSTER_HOME so it shows up in the UI's run history.
"""

from __future__ import annotations

import logging
import sys

from orchestration import settings as _settings  # noqa: F401  (offline env first)

import dagster as dg  # noqa: E402

from orchestration.definitions import defs  # noqa: E402
from orchestration.resources import WarehouseSettings  # noqa: E402
from orchestration.summary import summary  # noqa: E402

RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def main() -> int:
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    settings = WarehouseSettings.from_env()
    instance = dg.DagsterInstance.get()
    print("ogi-warehouse: building from", settings.landing_dir, "(samples if empty) ...",
          flush=True)
    result = defs.get_job_def("warehouse_build").execute_in_process(
        instance=instance, run_config=RUN_CONFIG, raise_on_error=False)
    print(summary(settings, result))
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
