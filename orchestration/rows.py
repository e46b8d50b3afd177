"""An ExtractionResult as rows of the raw tables (plain dicts, ready for Arrow)."""

from __future__ import annotations

import json
from datetime import datetime

from ogi.models import ExtractionResult
from orchestration.warehouse_db import DIM_COLUMNS

TABLES = ("documents", "figures", "issues", "document_texts")


def document_row(r: ExtractionResult, extracted_at: datetime) -> dict:
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


def figure_rows(r: ExtractionResult) -> list[dict]:
    return [{"document_id": r.document_id, "extractor_version": r.extractor_version,
             "figure_seq": seq, "metric": f.metric, **{d: f.dims.get(d) for d in DIM_COLUMNS},
             "dims_json": json.dumps(f.dims, ensure_ascii=False, sort_keys=True),
             "value": float(f.value), "unit": f.unit, "qualifier": f.qualifier,
             "qualifiers": ",".join(sorted(f.qualifiers)), "span_start": f.span[0],
             "span_end": f.span[1], "evidence": f.evidence, "rule": f.rule, "label": f.label,
             "derived": f.derived}
            for seq, f in enumerate(r.figures)]


def issue_rows(r: ExtractionResult) -> list[dict]:
    return [{"document_id": r.document_id, "extractor_version": r.extractor_version,
             "issue_seq": seq, "code": i.code, "message": i.message, "metric": i.metric,
             "span_start": i.span[0] if i.span else None,
             "span_end": i.span[1] if i.span else None}
            for seq, i in enumerate(r.issues)]


def result_rows(r: ExtractionResult, extracted_at: datetime) -> dict[str, list[dict]]:
    return {
        "documents": [document_row(r, extracted_at)],
        "figures": figure_rows(r),
        "issues": issue_rows(r),
        "document_texts": [{"document_id": r.document_id,
                            "extractor_version": r.extractor_version, "text": r.text}],
    }
