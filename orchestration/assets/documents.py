"""Scan the landing folder: every file gets a sha256 and a status, nothing is dropped."""


import hashlib
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from orchestration.resources import WarehouseSettings
from orchestration.warehouse_db import previous_scan


def _files(folder: Path) -> list[Path]:
    """Files and symbolic links under the folder, in path order. Dotfiles and dot folders
    (.gitkeep, editor swap files) are not documents. os.walk reads each directory's entry
    types once, where rglob and is_file() would stat every file again."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        # A symbolic link to a folder is listed in dirs and not followed: it is a file here.
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = [d for d in dirs if d not in links]
        found += [Path(root, n) for n in (*names, *links) if not n.startswith(".")]
    return sorted(found, key=lambda p: p.parts)  # Path order, without Path's slow __lt__


def scan_folder(folder: Path, max_bytes: int,
                known: dict[str, tuple[int, int, str]] | None = None,
                files: list[Path] | None = None) -> list[dict]:
    """Every file with its status. `known` (path -> size, mtime, sha256 of the last scan)
    spares re-reading files that did not change; `files`, the folder's listing if the caller
    has it."""
    known = known or {}
    scan_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ") + "-" + uuid.uuid4().hex[:6]
    scanned_at = datetime.now(UTC).replace(tzinfo=None)
    first_path: dict[str, str] = {}
    rows = []
    for path in _files(folder) if files is None else files:
        rel = str(path.relative_to(folder))
        row = {"scan_id": scan_id, "path": rel, "file_name": path.name, "document_id": None,
               "size_bytes": None, "modified_at": None, "scan_status": "ok", "scan_reason": None,
               "duplicate_of": None, "landing_dir": str(folder), "scanned_at": scanned_at,
               "mtime_ns": None}
        rows.append(row)
        if path.is_symlink():
            row.update(scan_status="skipped", scan_reason="symbolic link: not followed")
            continue
        try:
            stat = path.stat()
            row["size_bytes"] = stat.st_size
            row["modified_at"] = datetime.fromtimestamp(stat.st_mtime, UTC).replace(tzinfo=None)
            row["mtime_ns"] = stat.st_mtime_ns
            if stat.st_size > max_bytes:
                row.update(scan_status="too_large",
                           scan_reason=f"{stat.st_size} bytes exceeds the limit of {max_bytes}")
                continue
            seen = known.get(rel)
            if seen and seen[:2] == (stat.st_size, stat.st_mtime_ns):
                doc_id = seen[2]
            else:
                doc_id = _sha256(path)
        except OSError as exc:
            row.update(scan_status="unreadable", scan_reason=f"cannot read file: {exc}")
            continue
        row["document_id"] = doc_id
        if doc_id in first_path:
            row.update(scan_status="duplicate", duplicate_of=first_path[doc_id],
                       scan_reason=f"same bytes as {first_path[doc_id]}")
        else:
            first_path[doc_id] = rel
    return rows


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dg.asset(
    group_name="ingest",
    description="Every file of the landing folder (or the bundled samples when it is empty), "
    "hashed (sha256 = document_id) and given a status: ok, duplicate, too_large, "
    "unreadable or skipped.",
)
def landing_documents(context: dg.AssetExecutionContext, settings: WarehouseSettings) -> list[dict]:
    settings.prepare()
    folder = Path(settings.landing_dir)
    files = _files(folder)
    if not files:
        context.log.info(f"landing folder {folder} is empty: using the bundled samples")
        folder = Path(settings.samples_dir)
        files = _files(folder)
    rows = scan_folder(folder, settings.max_file_bytes, previous_scan(settings.build_db), files)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["scan_status"]] = counts.get(row["scan_status"], 0) + 1
    context.add_output_metadata({"folder": str(folder), "files": len(rows),
                                 **{f"status_{k}": v for k, v in sorted(counts.items())}})
    return rows
