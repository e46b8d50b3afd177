"""Load the scan and the extraction results into raw.* of the build database (Arrow bulk loads)."""


import json
from datetime import UTC, datetime

import dagster as dg
import pyarrow as pa

from ogi.models import ExtractionResult
from orchestration.resources import WarehouseSettings
from orchestration.warehouse_db import DIM_COLUMNS, connect, ensure_raw_schema


def _document_row(r: ExtractionResult, extracted_at: datetime) -> dict:
    j = r.jurisdiction
    return {
        "document_id": r.document_id, "extractor_version": r.extractor_version,
        "extracted_at": extracted_at, "size_bytes": r.size_bytes, "encoding": r.encoding,
        "doc_type": r.doc_type, "doc_type_reason": r.doc_type_reason, "title": r.title,
        "jurisdiction_name": j.name, "jurisdiction_level": j.level, "adcode": j.adcode,
        "jurisdiction_resolution": j.resolution, "report_year": r.report_year,
        "publish_date": r.publish_date, "publish_date_source": r.publish_date_source,
        "scope": r.scope, "scope_reason": r.scope_reason, "template": r.template,
        "text_chars": len(r.text),
    }


def _figure_rows(r: ExtractionResult) -> list[dict]:
    rows = []
    for seq, f in enumerate(r.figures):
        row = {"document_id": r.document_id, "extractor_version": r.extractor_version,
               "figure_seq": seq, "metric": f.metric,
               **{d: f.dims.get(d) for d in DIM_COLUMNS},
               "dims_json": json.dumps(f.dims, ensure_ascii=False, sort_keys=True),
               "value": float(f.value), "unit": f.unit, "qualifier": f.qualifier,
               "qualifiers": ",".join(sorted(f.qualifiers)), "span_start": f.span[0],
               "span_end": f.span[1], "evidence": f.evidence, "rule": f.rule,
               "label": f.label, "derived": f.derived}
        rows.append(row)
    return rows


def _issue_rows(r: ExtractionResult) -> list[dict]:
    return [{"document_id": r.document_id, "extractor_version": r.extractor_version,
             "issue_seq": seq, "code": i.code, "message": i.message, "metric": i.metric,
             "span_start": i.span[0] if i.span else None,
             "span_end": i.span[1] if i.span else None}
            for seq, i in enumerate(r.issues)]


def _append(con, table: str, rows: list[dict]) -> int:  # noqa: ANN001 - duckdb connection
    if not rows:
        return 0
    arrow = pa.Table.from_pylist(rows)
    con.register("incoming", arrow)
    try:
        con.execute(f"insert into raw.{table} by name select * from incoming")
    finally:
        con.unregister("incoming")
    return len(rows)


@dg.asset(
    group_name="ingest",
    description="raw.source_files, raw.documents, raw.figures, raw.issues and "
    "raw.document_texts in the build database; appended, idempotent per document and "
    "extractor version.",
)
def raw_tables(context: dg.AssetExecutionContext, settings: WarehouseSettings,
               extracted_reports: dict) -> dg.MaterializeResult:
    results: list[ExtractionResult] = extracted_reports["results"]
    extracted_at = datetime.now(UTC).replace(tzinfo=None)
    with connect(settings.build_db) as con:
        ensure_raw_schema(con)
        con.execute("begin")
        keys = [(r.document_id, r.extractor_version) for r in results]
        if keys:
            con.register("reloaded", pa.Table.from_pylist(
                [{"document_id": d, "extractor_version": v} for d, v in keys]))
            for table in ("documents", "figures", "issues", "document_texts"):
                con.execute(f"delete from raw.{table} t using reloaded k where "
                            "t.document_id = k.document_id and "
                            "t.extractor_version = k.extractor_version")
            con.unregister("reloaded")
        n_files = _append(con, "source_files", extracted_reports["scan"])
        n_docs = _append(con, "documents", [_document_row(r, extracted_at) for r in results])
        n_figs = _append(con, "figures", [row for r in results for row in _figure_rows(r)])
        n_issues = _append(con, "issues", [row for r in results for row in _issue_rows(r)])
        _append(con, "document_texts", [
            {"document_id": r.document_id, "extractor_version": r.extractor_version,
             "text": r.text} for r in results])
        con.execute("commit")
    return dg.MaterializeResult(metadata={
        "files_scanned": n_files, "documents_loaded": n_docs, "figures_loaded": n_figs,
        "issues_loaded": n_issues, "build_db": str(settings.build_db)})
