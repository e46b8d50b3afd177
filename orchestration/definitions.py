"""The graph in one screen: ingest -> dbt (staging, intermediate, marts) -> GX -> publish."""

import sys
from pathlib import Path

from orchestration import settings as _settings  # noqa: F401  (offline env before imports)

import dagster as dg  # noqa: E402
from dagster_dbt import DbtCliResource  # noqa: E402

from orchestration.assets.dbt import ogi_dbt_models  # noqa: E402
from orchestration.assets.documents import landing_documents  # noqa: E402
from orchestration.assets.extraction import extracted_reports  # noqa: E402
from orchestration.assets.publish import published_warehouse  # noqa: E402
from orchestration.assets.raw_tables import raw_tables  # noqa: E402
from orchestration.checks.quality import gx_checks  # noqa: E402
from orchestration.jobs import warehouse_build  # noqa: E402
from orchestration.project import dbt_project  # noqa: E402
from orchestration.resources import WarehouseSettings  # noqa: E402
from orchestration.schedules import daily_build  # noqa: E402
from orchestration.sensors import landing_folder_sensor  # noqa: E402


def resources() -> dict:
    return {
        "settings": WarehouseSettings.from_env(),
        # The dbt next to this interpreter, so no PATH set-up is needed.
        "dbt": DbtCliResource(project_dir=dbt_project, profiles_dir=dbt_project.profiles_dir,
                              dbt_executable=str(Path(sys.executable).parent / "dbt")),
    }


defs = dg.Definitions(
    assets=[landing_documents, extracted_reports, raw_tables, ogi_dbt_models, published_warehouse],
    asset_checks=gx_checks,
    jobs=[warehouse_build],
    schedules=[daily_build],
    sensors=[landing_folder_sensor],
    resources=resources(),
)
