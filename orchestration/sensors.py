"""Start a build when the landing folder changes (file names, sizes and times)."""


import hashlib
from pathlib import Path

import dagster as dg

from orchestration.jobs import warehouse_build
from orchestration.settings import project_path


def landing_fingerprint(folder: Path) -> str:
    h = hashlib.sha256()
    if folder.is_dir():
        for p in sorted(folder.rglob("*")):
            if p.is_file() and not p.name.startswith("."):
                st = p.stat()
                h.update(f"{p.relative_to(folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


@dg.sensor(job=warehouse_build, minimum_interval_seconds=60,
           description="Requests a build when files in the landing folder change.")
def landing_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    fingerprint = landing_fingerprint(project_path("OGI_LANDING", "data/landing"))
    if fingerprint == context.cursor:
        return dg.SensorResult(skip_reason="landing folder unchanged")
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=fingerprint)], cursor=fingerprint)
