"""One real build (the same Dagster job as `make run`), for the benchmark to time."""

import argparse
import contextlib
import gc
import io
import json
import resource
import sys
from collections import defaultdict

import dagster as dg

from bench.rss_by_process import RssSampler
from orchestration.resources import WarehouseSettings
from orchestration.run import run_build


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--landing", required=True)
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timings", help="write seconds per step (GX checks summed) here")
    args = parser.parse_args()
    settings = WarehouseSettings(landing_dir=args.landing, samples_dir=args.landing,
                                 warehouse_path=args.warehouse, workers=args.workers)
    log = io.StringIO()
    instance = dg.DagsterInstance.ephemeral()
    with (contextlib.redirect_stdout(log), contextlib.redirect_stderr(log),
          RssSampler() as sampler):
        result = run_build(settings, instance, "ERROR")
    if args.timings:
        spans = step_spans(instance, result.run_id)
        # The largest process of this build: this one, or a child it waited for (dbt, the
        # GX worker, an extraction worker).
        peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        with open(args.timings, "w") as fh:
            json.dump({"steps": step_seconds(spans), "peak_rss_mb": round(peak_kb / 1024),
                       "peak_rss_mb_by_process": sampler.peaks_mb(),
                       "peak_rss_step": peak_steps(spans, sampler.peak_at),
                       "dbt_models_at_peak": models_running(
                           model_spans(instance, result.run_id), sampler.peak_at.get("dbt"))},
                      fh)
    if not result.success:
        print(log.getvalue()[-5000:], file=sys.stderr)
    gc.freeze()  # as orchestration.run does: no last collection of every object at exit
    return 0 if result.success else 1


def step_spans(instance: dg.DagsterInstance, run_id: str) -> dict[str, tuple[float, float]]:
    """(start, end) of each step of the run; a step still running ends at infinity."""
    spans: dict[str, tuple[float, float]] = {}
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            spans[event.step_key] = (record.timestamp, float("inf"))
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
            spans[event.step_key] = (spans[event.step_key][0], record.timestamp)
    return spans


def step_seconds(spans: dict[str, tuple[float, float]]) -> dict[str, float]:
    seconds: dict[str, float] = defaultdict(float)
    for step, (start, end) in spans.items():
        if end != float("inf"):  # a step that never finished has no duration
            seconds["gx_checks" if "gx_" in step else step] += end - start
    return {k: round(v, 1) for k, v in seconds.items()}


def peak_steps(spans: dict[str, tuple[float, float]],
               peak_at: dict[str, float]) -> dict[str, str]:
    """The step that was running when each kind of process reached its peak."""
    return {kind: ", ".join(sorted({step.split(".")[0] for step, (start, end) in spans.items()
                                    if start <= at <= end})) or "between steps"
            for kind, at in sorted(peak_at.items())}


def model_spans(instance: dg.DagsterInstance, run_id: str) -> dict[str, tuple[float, float]]:
    """(start, end) of each dbt model: dagster-dbt materializes a model when dbt finishes it,
    with the seconds it ran."""
    spans = {}
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
        materialization = record.asset_materialization
        if materialization is None:
            continue
        seconds = materialization.metadata.get("Execution Duration")
        if seconds is not None:
            spans[materialization.asset_key.path[-1]] = (record.timestamp - seconds.value,
                                                         record.timestamp)
    return spans


def models_running(spans: dict[str, tuple[float, float]], at: float | None) -> list[str]:
    """The dbt models that were running at `at` (dbt runs two at a time)."""
    if at is None:
        return []
    return sorted(name for name, (start, end) in spans.items() if start <= at <= end)


if __name__ == "__main__":
    sys.exit(main())
