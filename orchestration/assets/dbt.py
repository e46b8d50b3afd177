"""dbt models as Dagster assets (dagster-dbt); dbt tests become asset checks."""

import hashlib
import importlib.util
import json
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from orchestration.checks.quality import prewarm
from orchestration.faults import crash_later
from orchestration.project import dbt_project
from orchestration.quality_record import record_dbt_results
from orchestration.raw_loads import forget_unfinished_loads
from orchestration.resources import WarehouseSettings


class OgiTranslator(DagsterDbtTranslator):
    """Asset keys say the layer: raw_tables -> staging/* -> intermediate/* -> marts/*."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        kind = dbt_resource_props["resource_type"]
        if kind == "source":
            return dg.AssetKey(["raw_tables"])
        if kind == "seed":
            return dg.AssetKey(["reference", dbt_resource_props["name"]])
        return dg.AssetKey([dbt_resource_props["config"]["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        return dbt_resource_props["config"].get("schema") or "dbt"


translator = OgiTranslator(DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True))


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project,
            dagster_dbt_translator=translator)
def ogi_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                   settings: WarehouseSettings) -> Iterator[Any]:
    settings.prepare()
    if settings.on_spark and importlib.util.find_spec("pyspark") is None:
        raise dg.Failure(description="OGI_TARGET=spark needs the Spark extra: run `make spark`")
    if not settings.on_spark:
        prewarm(settings)  # GX imports on the core dbt leaves idle
    if forgotten := forget_unfinished_loads(settings.build_db):
        context.log.info(f"forgot the rows of {forgotten} document(s) of an unfinished load; "
                         "the next extraction reads them again")
    target = dbt_project.project_dir / "target" / "dagster"
    crash_later("dbt", 3.0)  # dbt is mid-build three seconds in
    invocation = dbt.cli(["build"], context=context, target_path=target, raise_on_error=False)
    yield from invocation.stream()
    # Failed tests are recorded before the step fails, so the quality record says which.
    record_dbt_results(settings.build_db, context.run.run_id,
                       invocation.get_artifact("run_results.json"),
                       invocation.get_artifact("manifest.json"))
    if not invocation.is_successful():
        raise dg.Failure(description="dbt build failed; see quality.check_results (layer dbt)",
                         metadata={"dbt_log": str(target / "dbt.log")})
    if settings.on_spark:
        return  # nothing is published from a Spark build
    # Documentation of every model and column, one self-contained page, published with
    # the warehouse. It depends on the project, not on the data: regenerated only when a
    # model, seed, test or description changed (about 8 s saved on every daily build).
    key = docs_key(invocation.get_artifact("manifest.json"))
    stamp = target / "static_index.key"
    page = target / "static_index.html"
    if page.exists() and stamp.exists() and stamp.read_text() == key:
        context.log.info("dbt docs unchanged since the last build; not regenerated")
        return
    docs = dbt.cli(["docs", "generate", "--static"], target_path=target, raise_on_error=False)
    docs.wait()
    if docs.is_successful():
        stamp.write_text(key)


def docs_key(manifest: Mapping[str, Any]) -> str:
    """What the documentation page shows: every node's code, description and columns."""
    shown = {uid: [node.get("checksum"), node.get("description"), node.get("columns"),
                   node.get("config", {}).get("materialized")]
             for uid, node in sorted(manifest.get("nodes", {}).items())}
    shown["sources"] = sorted(manifest.get("sources", {}))
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()
