"""Records the extractor produces: figures, issues, jurisdictions and the whole result."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "cumulative", "partial_year")
# The contract's `qualifier` is one value; when several apply, the one that changes what
# is being counted (a period other than the year) matters more than imprecision.
QUALIFIER_PRECEDENCE = ("cumulative", "partial_year", "approx", "at_least", "at_most", "exact")


def primary_qualifier(qualifiers: set[str] | list[str]) -> str:
    for q in QUALIFIER_PRECEDENCE:
        if q in qualifiers:
            return q
    return "exact"


@dataclass
class Figure:
    metric: str
    dims: dict[str, str]
    value: float | int
    unit: str
    qualifiers: list[str]
    span: tuple[int, int]
    evidence: str
    rule: str
    label: str = ""
    derived: bool = False

    @property
    def qualifier(self) -> str:
        return primary_qualifier(self.qualifiers)

    def key(self) -> tuple[str, tuple[tuple[str, str], ...], str]:
        return (self.metric, tuple(sorted(self.dims.items())), self.qualifier)

    def to_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "dims": dict(sorted(self.dims.items())),
            "value": self.value,
            "qualifier": self.qualifier,
            "qualifiers": sorted(self.qualifiers) or ["exact"],
            "unit": self.unit,
            "span": list(self.span),
            "evidence": self.evidence,
            "rule": self.rule,
            "label": self.label,
            "derived": self.derived,
        }


@dataclass
class Issue:
    code: str
    message: str
    span: tuple[int, int] | None = None
    metric: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.span is not None:
            out["span"] = list(self.span)
        if self.metric is not None:
            out["metric"] = self.metric
        return out


@dataclass
class Jurisdiction:
    name: str | None
    adcode: str | None
    level: str
    resolution: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ExtractionResult:
    path: str
    document_id: str
    size_bytes: int
    extractor_version: str
    doc_type: str
    doc_type_reason: str
    encoding: str | None = None
    title: str | None = None
    jurisdiction: Jurisdiction = field(
        default_factory=lambda: Jurisdiction(None, None, "unknown", "not attempted")
    )
    report_year: int | None = None
    publish_date: str | None = None
    publish_date_source: str | None = None
    scope: str | None = None
    scope_reason: str | None = None
    template: str | None = None
    figures: list[Figure] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "document_id": self.document_id,
            "doc_type": self.doc_type,
            "doc_type_reason": self.doc_type_reason,
            "jurisdiction": self.jurisdiction.to_json(),
            "report_year": self.report_year,
            "scope": self.scope,
            "template": self.template,
            "title": self.title,
            "publish_date": self.publish_date,
            "publish_date_source": self.publish_date_source,
            "scope_reason": self.scope_reason,
            "encoding": self.encoding,
            "size_bytes": self.size_bytes,
            "extractor_version": self.extractor_version,
            "figures": [f.to_json() for f in self.figures],
            "issues": [i.to_json() for i in self.issues],
        }
