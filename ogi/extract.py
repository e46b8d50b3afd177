"""One document in, one ExtractionResult out: the library's single entry point."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from ogi import __version__
from ogi.catalog import catalog_fingerprint
from ogi.classify import classify
from ogi.decode import decode_bytes
from ogi.html_text import html_to_text, looks_like_html
from ogi.jurisdiction import resolve_author
from ogi.limits import TimeLimitExceeded, time_limit
from ogi.metadata import (
    find_author,
    find_publish_date,
    find_scope,
    find_template,
    find_title,
    find_year,
)
from ogi.models import ExtractionResult, Figure, Issue, Jurisdiction
from ogi.normalize import normalize
from ogi.prose import extract_prose
from ogi.tables import TableResult, extract_tables

MAX_BYTES = 20 * 1024 * 1024
MAX_SECONDS = 30.0


def extractor_version() -> str:
    """Package version plus a fingerprint of the data files that drive extraction."""
    return f"{__version__}+{catalog_fingerprint()}"


def document_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_text(data: bytes) -> tuple[str | None, str | None, str | None, str | None]:
    """(normalized text, encoding, unreadable reason, decode note). Spans index this text."""
    decoded = decode_bytes(data)
    if decoded.text is None:
        return None, decoded.encoding, decoded.reason, None
    text = decoded.text
    if looks_like_html(text):
        text = html_to_text(text)
    return normalize(text), decoded.encoding, None, decoded.note


def _merge(figures: list[Figure], zeros: list[Figure], issues: list[Issue]) -> list[Figure]:
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for fig in figures:
        groups[fig.key()].append(fig)
    kept: list[Figure] = []
    for key, group in groups.items():
        values = {f.value for f in group}
        if len(values) == 1:
            kept.append(group[0])
            continue
        printed = "; ".join(f"{f.value} at {f.span[0]} ({f.evidence})" for f in group)
        issues.append(Issue("conflicting_figures",
                            f"{key[0]} {dict(key[1])} stated with different values: {printed}; "
                            "none loaded", group[0].span, key[0]))
    stated = {(f.metric, tuple(sorted(f.dims.items()))) for f in figures}
    seen_zero: set[tuple] = set()
    for zero in zeros:
        zkey = (zero.metric, tuple(sorted(zero.dims.items())))
        if zkey in stated:
            nonzero = [f for f in figures if (f.metric, tuple(sorted(f.dims.items()))) == zkey
                       and f.value != 0 and f.qualifier == "exact"]
            if nonzero:
                issues.append(Issue("zero_statement_conflict",
                                    f"{zero.metric}: text says none ({zero.evidence}) but also "
                                    f"states {nonzero[0].value}", zero.span, zero.metric))
            continue
        if zkey not in seen_zero:
            seen_zero.add(zkey)
            kept.append(zero)
    return sorted(kept, key=lambda f: f.span)


def _prefer_tables(table: list[Figure], prose: list[Figure], issues: list[Issue]) -> list[Figure]:
    """The table wins over prose for the same figure; a disagreement is recorded."""
    # Only the metrics prose also states need looking up: skip keying the table's hundreds.
    wanted = {f.metric for f in prose}
    by_key = {(f.metric, tuple(sorted(f.dims.items()))): f for f in table if f.metric in wanted}
    kept = list(table)
    for fig in prose:
        twin = by_key.get((fig.metric, tuple(sorted(fig.dims.items()))))
        if twin is None:
            kept.append(fig)
        elif twin.value != fig.value and fig.qualifier == "exact":
            issues.append(Issue("prose_table_disagree",
                                f"{fig.metric}: prose says {fig.value} ({fig.evidence}), the "
                                f"table {twin.value}; table kept", fig.span, fig.metric))
    return sorted(kept, key=lambda f: f.span)


def extract_document(data: bytes, path: str, max_seconds: float = MAX_SECONDS) -> ExtractionResult:
    """Never raises on bad input: what cannot be read becomes doc_type unreadable + reason."""
    try:
        with time_limit(max_seconds):
            return _extract(data, path)
    except TimeLimitExceeded as exc:
        return _failed(data, path, "parse_time_limit", str(exc))
    except RecursionError:
        return _failed(data, path, "too_complex", "document structure too deeply nested")


def _failed(data: bytes, path: str, code: str, reason: str) -> ExtractionResult:
    result = ExtractionResult(path=path, document_id=document_id(data), size_bytes=len(data),
                              extractor_version=extractor_version(), doc_type="unreadable",
                              doc_type_reason=reason)
    result.issues.append(Issue(code, reason))
    return result


def _extract(data: bytes, path: str) -> ExtractionResult:
    doc_id = document_id(data)
    result = ExtractionResult(path=path, document_id=doc_id, size_bytes=len(data),
                              extractor_version=extractor_version(), doc_type="unreadable",
                              doc_type_reason="")
    if len(data) > MAX_BYTES:
        result.doc_type_reason = f"too large: {len(data)} bytes > limit {MAX_BYTES}"
        result.issues.append(Issue("too_large", result.doc_type_reason))
        return result
    text, encoding, unreadable, note = document_text(data)
    result.encoding = encoding
    if text is None:
        result.doc_type_reason = unreadable or "unreadable"
        result.issues.append(Issue("unreadable", result.doc_type_reason))
        return result
    result.text = text
    if note:
        result.issues.append(Issue("encoding_note", note))
    if not text.strip():
        result.doc_type_reason = "no text after removing markup"
        result.issues.append(Issue("unreadable", result.doc_type_reason))
        return result
    result.title = find_title(text)
    result.doc_type, result.doc_type_reason = classify(result.title, text)
    result.jurisdiction = resolve_author(find_author(result.title, text), text)
    dated = find_publish_date(text)
    result.publish_date, result.publish_date_source = dated.date, dated.source
    if result.doc_type != "annual_report":
        result.issues.append(Issue("not_annual_report",
                                   f"no figures extracted: {result.doc_type_reason}"))
        return result
    result.report_year = find_year(result.title, text)
    result.scope, result.scope_reason = find_scope(text, result.jurisdiction.level)
    result.template = find_template(text, result.report_year)
    _check_metadata(result)
    figures, zeros = extract_prose(text, result.report_year)
    prose = _merge(figures, zeros, result.issues)
    # A narrative report has no form tables: skip reading every line as a table row.
    tables = (extract_tables(text, result.template) if result.template != "narrative"
              else TableResult())
    result.issues.extend(tables.issues)
    result.figures = _prefer_tables(tables.figures, prose, result.issues)
    if result.template != "narrative" and not tables.figures:
        result.issues.append(Issue("tables_not_found",
                                   f"{result.template} report whose tables were not recognised"))
    if not result.figures:
        result.issues.append(Issue("no_figures",
                                   "annual report in which no catalogued figure was recognised"))
    return result


def _check_metadata(result: ExtractionResult) -> None:
    if result.report_year is None:
        result.issues.append(Issue("year_unknown", "no report year in title or statistics period"))
    j: Jurisdiction = result.jurisdiction
    if j.adcode is None:
        result.issues.append(Issue("jurisdiction_unresolved", j.resolution))
