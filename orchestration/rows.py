"""ExtractionResults as columns of the raw tables, ready for Arrow.

Columns, not row dicts: a batch of a hundred documents holds ten thousand figures, and
building a dict per figure and handing them to Arrow row by row cost more than half of
what the extraction itself costs."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache

import pyarrow as pa

from ogi.models import ExtractionResult, primary_qualifier
from orchestration.warehouse_db import DIM_COLUMNS, RAW_SCHEMAS

TABLES = ("documents", "figures", "issues", "document_texts")


@lru_cache(maxsize=4096)
def _dims_columns(dims: tuple[tuple[str, str], ...]) -> tuple[str | None, ...]:
    """dims_json, then one value per dimension column: reports repeat a few hundred dims."""
    as_dict = dict(dims)
    return (json.dumps(as_dict, ensure_ascii=False, sort_keys=True),
            *(as_dict.get(d) for d in DIM_COLUMNS))


@lru_cache(maxsize=256)
def _qualifier_columns(qualifiers: tuple[str, ...]) -> tuple[str, str]:
    """(primary qualifier, all of them sorted and comma-joined): a few combinations recur."""
    return primary_qualifier(qualifiers), ",".join(sorted(qualifiers))


_FIGURE_COLUMNS = ("metric", "value", "unit", "qualifier", "qualifiers", "span_start",
                   "span_end", "evidence", "rule", "label", "derived", "dims_json", *DIM_COLUMNS)


class RawBatch:
    """Rows of every raw table for a set of documents, kept column by column."""

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, list]] = {
            t: {name: [] for name in RAW_SCHEMAS[t].names} for t in TABLES}

    def add(self, r: ExtractionResult, extracted_at: datetime) -> None:
        j = r.jurisdiction
        doc = self.columns["documents"]
        for name, value in (
                ("document_id", r.document_id), ("extractor_version", r.extractor_version),
                ("extracted_at", extracted_at), ("size_bytes", r.size_bytes),
                ("encoding", r.encoding), ("doc_type", r.doc_type),
                ("doc_type_reason", r.doc_type_reason), ("title", r.title),
                ("jurisdiction_name", j.name), ("jurisdiction_level", j.level),
                ("adcode", j.adcode), ("jurisdiction_resolution", j.resolution),
                ("report_year", r.report_year), ("publish_date", r.publish_date),
                ("publish_date_source", r.publish_date_source), ("scope", r.scope),
                ("scope_reason", r.scope_reason), ("template", r.template),
                ("text_chars", len(r.text)), ("n_figures", len(r.figures)),
                ("n_issues", len(r.issues))):
            doc[name].append(value)
        text = self.columns["document_texts"]
        text["document_id"].append(r.document_id)
        text["extractor_version"].append(r.extractor_version)
        text["text"].append(r.text)
        self._add_figures(r, extracted_at)
        self._add_issues(r)

    def _add_figures(self, r: ExtractionResult, extracted_at: datetime) -> None:
        n = len(r.figures)
        if not n:
            return
        cols = self.columns["figures"]
        cols["document_id"].extend([r.document_id] * n)
        cols["extractor_version"].extend([r.extractor_version] * n)
        cols["extracted_at"].extend([extracted_at] * n)
        cols["figure_seq"].extend(range(n))
        # One tuple per figure, then transposed: one pass instead of one per column.
        per_figure = [(f.metric, float(f.value), f.unit,
                       *_qualifier_columns(tuple(f.qualifiers)), *f.span,
                       f.evidence, f.rule, f.label, f.derived,
                       *_dims_columns(tuple(sorted(f.dims.items())))) for f in r.figures]
        for name, values in zip(_FIGURE_COLUMNS, zip(*per_figure, strict=True), strict=True):
            cols[name].extend(values)

    def _add_issues(self, r: ExtractionResult) -> None:
        cols = self.columns["issues"]
        for seq, i in enumerate(r.issues):
            for name, value in (
                    ("document_id", r.document_id), ("extractor_version", r.extractor_version),
                    ("issue_seq", seq), ("code", i.code), ("message", i.message),
                    ("metric", i.metric), ("span_start", i.span[0] if i.span else None),
                    ("span_end", i.span[1] if i.span else None)):
                cols[name].append(value)

    def tables(self) -> dict[str, pa.Table]:
        return {t: pa.Table.from_pydict(cols, schema=RAW_SCHEMAS[t])
                for t, cols in self.columns.items()}
