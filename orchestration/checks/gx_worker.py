"""The GX suites in a worker process started while dbt builds.

Importing Great Expectations takes about five seconds of one core, and a build has a core to
spare while dbt runs (dbt itself is single-threaded Python). So the dbt step starts this
worker; it imports GX and waits. Once dbt is done, the checks step asks it to validate
every suite against the build database (read-only) and gets the results back as JSON; the
worker then renders the Data Docs site while the publish step copies the database.

Parent side: prewarm(), take() and GxWorker. Child side: `python -m
orchestration.checks.gx_worker BUILD_DB GX_PROJECT`, which reads one command on stdin.
Nothing here imports Dagster, so the worker starts light.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

from expectations.runner import Outcome, SuiteResult

_VALIDATE = "validate"
_DOCS_DONE = "docs"


class GxWorkerFailed(RuntimeError):
    pass


class GxWorker:
    """One worker, for one build database: validate once, then wait for the docs."""

    def __init__(self, build_db: Path, gx_project: Path, log: Path) -> None:
        self.build_db = build_db
        log.parent.mkdir(parents=True, exist_ok=True)
        self._log = log
        with open(log, "w") as err:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "orchestration.checks.gx_worker", str(build_db),
                 str(gx_project)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True,
                encoding="utf-8")

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def validate(self) -> list[SuiteResult]:
        """Every suite's results; the caller must hold no write connection meanwhile."""
        try:
            self._proc.stdin.write(_VALIDATE + "\n")  # type: ignore[union-attr]
            self._proc.stdin.flush()  # type: ignore[union-attr]
        except BrokenPipeError as exc:
            raise self._failed("exited before validating") from exc
        line = self._proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise self._failed("exited while validating")
        return [_suite_from_dict(d) for d in json.loads(line)]

    def wait_for_docs(self) -> None:
        """Block until the Data Docs site is rendered and the worker has exited."""
        line = self._proc.stdout.readline()  # type: ignore[union-attr]
        code = self._proc.wait()
        if line.strip() != _DOCS_DONE or code != 0:
            raise self._failed(f"did not render the Data Docs (exit code {code})")

    def close(self) -> None:
        if self.alive:
            self._proc.kill()
        self._proc.wait()

    def _failed(self, what: str) -> GxWorkerFailed:
        self.close()
        tail = self._log.read_text("utf-8", errors="replace")[-3000:]
        return GxWorkerFailed(f"GX worker {what}; its log ({self._log}) ends:\n{tail}")


# One worker per build database, handed from the step that starts it to the step that uses
# it; the in-process executor runs every step of a build in this process. With any other
# executor the checks step finds none and starts its own (slower, same results).
_WORKERS: dict[str, GxWorker] = {}


def prewarm(build_db: Path, gx_project: Path, log: Path) -> None:
    key = str(build_db.resolve())
    worker = _WORKERS.get(key)
    if worker is not None and worker.alive:
        return
    _WORKERS[key] = GxWorker(build_db, gx_project, log)


def take(build_db: Path, gx_project: Path, log: Path) -> GxWorker:
    """The prewarmed worker for this database, or a new one."""
    worker = _WORKERS.pop(str(build_db.resolve()), None)
    if worker is None or not worker.alive:
        worker = GxWorker(build_db, gx_project, log)
    return worker


# The worker that validated a run's build, kept for that run's publish step to wait on its
# Data Docs.
_VALIDATED: dict[str, GxWorker] = {}


def hand_over(worker: GxWorker, run_id: str) -> None:
    _VALIDATED[run_id] = worker


def validated_worker(run_id: str) -> GxWorker | None:
    return _VALIDATED.pop(run_id, None)


def _suite_from_dict(d: dict) -> SuiteResult:
    return SuiteResult(d["suite"], d["asset"], [Outcome(**o) for o in d["outcomes"]])


def main() -> int:
    from orchestration.lifetime import die_with_parent

    die_with_parent()
    build_db, gx_project = Path(sys.argv[1]), Path(sys.argv[2])
    # The point of starting early: importing GX is most of what validating costs.
    import duckdb

    from expectations.runner import build_data_docs, load_suites, prepare_context, run_suite
    from orchestration.memory_governor import PROCESS_MEMORY, govern
    from orchestration.warehouse_db import MEMORY_LIMIT, keep_to_budget

    prepare_context(gx_project)
    command = sys.stdin.readline().strip()
    if command != _VALIDATE:
        return 0  # the build ended (or failed) before its checks: nothing to do
    with duckdb.connect(str(build_db), read_only=True) as con:
        keep_to_budget(con, MEMORY_LIMIT)
        governor = govern(con, PROCESS_MEMORY, MEMORY_LIMIT)  # the worker's budget, all told
        try:
            results = [run_suite(con, name, gx_project) for name in sorted(load_suites())]
        finally:
            if governor is not None:
                governor.stop()
    print(json.dumps([dataclasses.asdict(r) for r in results], ensure_ascii=False,
                     default=str), flush=True)
    build_data_docs(gx_project)
    print(_DOCS_DONE, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
