"""Extract the documents this extractor version has not read yet, in parallel."""


from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import dagster as dg

from ogi.extract import extract_document, extractor_version
from ogi.models import ExtractionResult, Issue
from orchestration.resources import WarehouseSettings
from orchestration.warehouse_db import extracted_versions

# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64


def _extract_file(args: tuple[str, str, str]) -> ExtractionResult:
    path, rel, expected_id = args
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        result = ExtractionResult(path=rel, document_id=expected_id, size_bytes=0,
                                  extractor_version=extractor_version(), doc_type="unreadable",
                                  doc_type_reason=f"cannot read file: {exc}")
        result.issues.append(Issue("unreadable", result.doc_type_reason))
        return result
    result = extract_document(data, rel)
    if result.document_id != expected_id:
        # The file changed between the scan and now: keep the scan's identity, say so.
        result = ExtractionResult(path=rel, document_id=expected_id, size_bytes=len(data),
                                  extractor_version=extractor_version(), doc_type="unreadable",
                                  doc_type_reason="file changed while the run was reading it")
        result.issues.append(Issue("changed_during_run", result.doc_type_reason))
    return result


@dg.asset(
    group_name="ingest",
    description="Metadata, figures and issues of every document not yet read by the current "
    "extractor version (same sha256 and version: not read again).",
)
def extracted_reports(context: dg.AssetExecutionContext, settings: WarehouseSettings,
                      landing_documents: list[dict]) -> dict:
    version = extractor_version()
    done = extracted_versions(settings.build_db, version)
    todo = [r for r in landing_documents
            if r["scan_status"] == "ok" and r["document_id"] not in done]
    jobs = [(str(Path(r["landing_dir"]) / r["path"]), r["path"], r["document_id"]) for r in todo]
    context.log.info(f"{len(jobs)} document(s) to extract, {len(done)} already read by {version}")
    if len(jobs) >= PARALLEL_THRESHOLD and settings.workers > 1:
        with ProcessPoolExecutor(max_workers=settings.workers) as pool:
            results = []
            for i, result in enumerate(pool.map(_extract_file, jobs, chunksize=16), 1):
                results.append(result)
                if i % 1000 == 0:
                    context.log.info(f"extracted {i}/{len(jobs)}")
    else:
        results = [_extract_file(job) for job in jobs]
    context.add_output_metadata({
        "extractor_version": version,
        "extracted": len(results),
        "cached": len([r for r in landing_documents if r["document_id"] in done]),
        "figures": sum(len(r.figures) for r in results),
        "issues": sum(len(r.issues) for r in results),
    })
    return {"scan": landing_documents, "results": results, "extractor_version": version}
