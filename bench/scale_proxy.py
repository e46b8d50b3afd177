"""dbt, GX and the publish step on a build database k times larger than one `make bench`
built, in numbers.

`python -m bench.scale_proxy --times 10 20` copies the 100k benchmark's build database,
repeats its raw tables k times under new document ids (and new file names), and runs what
a full build runs on them after the loads: `dbt build --full-refresh` in dbt's own process,
the GX suites in the GX worker, then the publish step (the analysts' file and page), each
sampled for its peak RSS.
Extracting a real corpus of two million documents would take an hour and 40 GB of disk;
what dbt, GX and the publish step hold depends on the rows they read, and these are the rows of
real extractions, so repeating them shows how those processes grow past the corpora `make
bench` builds. Repeated reports share jurisdictions and years, as the reports of many real
years do.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from bench.disk import proxy_bytes, require_free
from bench.rss_by_process import run_sampled
from orchestration.warehouse_db import connect_for_loads

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"

# Each raw table, and its columns that must differ between the copies of one document.
_RENAMED = {
    "documents": ["document_id"],
    "document_text_files": ["document_id"],
    "issues": ["document_id"],
    "figures": ["document_id"],
    "source_files": ["document_id", "duplicate_of", "path", "file_name"],
}


def _renamed(column: str) -> str:
    if column in ("path", "file_name"):
        return f"t.{column} || '.' || copies.k::varchar"
    # Another valid sha256 for each copy, so the ids keep their shape.
    return f"sha256(t.{column} || '#' || copies.k::varchar)"


def multiply(build_db: Path, times: int) -> dict[str, int]:
    """Append times - 1 renamed copies of every raw table's rows; rows per table after."""
    with connect_for_loads(build_db) as con:
        con.execute(f"create temp table copies as select range as k from range(1, {times})")
        for table, columns in _RENAMED.items():
            replaced = ", ".join(f"{_renamed(c)} as {c}" for c in columns)
            con.execute(f"insert into raw.{table} select t.* replace ({replaced}) "
                        f"from raw.{table} as t, copies")
        con.execute("checkpoint")
        return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]  # type: ignore[index]
                for t in _RENAMED}


def _sampled(kind: str, args: list[str], **run: object) -> tuple[float, int, str]:
    return run_sampled(kind, args, ROOT, **run)


def source_arguments(parser: argparse.ArgumentParser) -> None:
    """--times, --source and --ignore-disk: the proxies that multiply a benchmark's build."""
    parser.add_argument("--times", type=int, nargs="+", default=[1, 10, 20],
                        help="sizes as multiples of the source build (default 1 10 20)")
    parser.add_argument("--source", type=Path, default=WORK / "build_100000" / "wh" / ".build",
                        help="a build folder of `make bench` (default: the 100k build's)")
    parser.add_argument("--ignore-disk", action="store_true",
                        help="run even when the disk looks too small (bench/disk.py)")


def source_database(args: argparse.Namespace) -> Path:
    """The source build's database; exits saying how to make it when there is none."""
    source_db = args.source / "ogi_build.duckdb"
    if not source_db.exists():
        sys.exit(f"{source_db} not found: run `make bench` first (it keeps its builds)")
    return source_db


def run_dbt(build_db: Path, target: Path) -> tuple[float, int]:
    """Seconds and peak RSS (MB) of a full-refresh `dbt build`, run as the build runs it."""
    env = {**os.environ, "OGI_BUILD_DB": str(build_db), "OGI_TARGET": "duckdb"}
    seconds, mb, _ = _sampled("dbt", [
        "-m", "orchestration.dbt_child", "build", "--full-refresh", "--project-dir", str(ROOT),
        "--profiles-dir", str(ROOT), "--target-path", str(target)], env=env)
    return seconds, mb


def run_gx(build_db: Path, gx_project: Path) -> tuple[float, int]:
    """Seconds and peak RSS (MB) of the GX worker validating every suite."""
    seconds, mb, out = _sampled("gx", ["-m", "orchestration.checks.gx_worker", str(build_db),
                                       str(gx_project)], input="validate\n")
    if not out.startswith("["):
        sys.exit(f"the GX worker gave no results:\n{out[-3000:]}")
    return seconds, mb


_PUBLISH = """
import sys
from pathlib import Path
import orchestration.definitions  # noqa: F401  (the build process's imports, and their memory)
from orchestration.assets.publish import publish_file
from orchestration.report import build_report
build_db, published, page = map(Path, sys.argv[1:])
publish_file(build_db, published, "proxy")
build_report(published, page)
"""


def run_publish(build_db: Path, folder: Path) -> tuple[float, int]:
    """Seconds and peak RSS (MB) of the publish step as the build process runs it, in a
    process of its own that has imported what the build process imports: the build database
    checkpointed, copied and checked as the analysts' file, then the analysts' page written
    from it (the texts and the Data Docs aside)."""
    seconds, mb, _ = _sampled("other", ["-c", _PUBLISH, str(build_db),
                                        str(folder / "published" / "ogi.duckdb"),
                                        str(folder / "report.html")])
    return seconds, mb


def main() -> int:
    parser = argparse.ArgumentParser(description="dbt, GX and the publish step on a build "
                                     "database k times larger than a benchmark's")
    source_arguments(parser)
    args = parser.parse_args()
    source_db = source_database(args)
    if not args.ignore_disk:
        times = max(args.times)
        require_free(WORK, proxy_bytes(times, source_db.stat().st_size), f"--times {times}")
    print("| times | documents | figure rows | dbt s | dbt peak RSS MB | GX s | GX peak RSS MB "
          "| publish s | publish peak RSS MB | build database MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for times in args.times:
        folder = WORK / f"proxy_x{times}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        build_db = folder / "ogi_build.duckdb"
        try:  # twenty times the 100k database is 20 GB of disk, kept by no one
            shutil.copyfile(source_db, build_db)
            shutil.copytree(args.source / "gx_project", folder / "gx_project")
            rows = multiply(build_db, times)
            dbt_s, dbt_mb = run_dbt(build_db, folder / "target")
            gx_s, gx_mb = run_gx(build_db, folder / "gx_project")
            page_s, page_mb = run_publish(build_db, folder)
            size_mb = build_db.stat().st_size / 2**20
        finally:
            shutil.rmtree(folder)
        print(f"| {times} | {rows['documents']:,} | {rows['figures']:,} | {dbt_s:.1f} "
              f"| {dbt_mb:,} | {gx_s:.1f} | {gx_mb:,} | {page_s:.1f} | {page_mb:,} "
              f"| {size_mb:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
