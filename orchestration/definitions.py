"""The graph in one screen: ingest -> dbt (staging, intermediate, marts) -> GX -> publish.

With OGI_TARGET=spark the marts are built on Spark instead: the graph stops after dbt, since
the GX suites and the published file are about the DuckDB marts (see the README)."""


import dagster as dg

from orchestration.assets.dbt import ogi_dbt_models
from orchestration.assets.documents import landing_documents
from orchestration.assets.extraction import extracted_reports
from orchestration.assets.publish import published_warehouse
from orchestration.assets.raw_tables import raw_tables
from orchestration.checks.quality import gx_checks
from orchestration.dbt_cli import dbt_resource
from orchestration.jobs import warehouse_build
from orchestration.project import dbt_project
from orchestration.resources import WarehouseSettings
from orchestration.schedules import daily_build
from orchestration.sensors import landing_folder_sensor


def make_definitions(settings: WarehouseSettings | None = None) -> dg.Definitions:
    """Tests pass their own settings (temporary folders); everything else uses the env."""
    settings = settings or WarehouseSettings.from_env()
    duckdb_only = not settings.on_spark
    return dg.Definitions(
        assets=[landing_documents, extracted_reports, raw_tables, ogi_dbt_models,
                *([published_warehouse] if duckdb_only else [])],
        asset_checks=[gx_checks] if duckdb_only else [],
        jobs=[warehouse_build],
        schedules=[daily_build],
        sensors=[landing_folder_sensor],
        resources={
            "settings": settings,
            # The dbt next to this interpreter, so no PATH set-up is needed.
            "dbt": dbt_resource(dbt_project),
        },
    )


defs = make_definitions()
