"""The one job: scan, extract, load, dbt build, GX, publish. Everything runs it."""

import dagster as dg

warehouse_build = dg.define_asset_job(
    name="warehouse_build",
    selection=dg.AssetSelection.all(),
    description="Full build of the warehouse from the landing folder, published only if every "
    "blocking check passes.",
    tags={"ogi/writer": "build"},  # the instance lets one run with this tag write at a time
    executor_def=dg.in_process_executor,
)
