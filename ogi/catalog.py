"""The metric catalog (seeds/metric_catalog.csv) as Python objects.

The catalog is the single place where labels live: prose extraction compiles its
patterns from it, dbt loads the same file as a seed, GX checks metric codes against it.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _dims(value: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in _split(value))


@dataclass(frozen=True)
class Metric:
    code: str
    family: str
    fact_table: str
    fixed_dims: dict[str, str]
    varying_dims: tuple[str, ...]
    zh_label: str
    zh_variants: tuple[str, ...]
    prose_labels: tuple[str, ...]
    prose_context: re.Pattern[str] | None
    era: str
    units: tuple[str, ...]
    description: str


def applies_to_year(metric: Metric, year: int | None) -> bool:
    """Whether a metric can appear in a report for `year` (unknown year: any)."""
    if year is None or metric.era == "all":
        return True
    eras = set(metric.era.split("|"))
    if year < 2019:
        return "pre2019" in eras
    return bool(eras & {"2019", "2021", "narrative_post2019"})


@dataclass(frozen=True)
class DimensionMember:
    dimension: str
    code: str
    zh_label: str
    zh_variants: tuple[str, ...]
    prose_labels: tuple[str, ...]


def _read(name: str) -> str:
    return resources.files("ogi").joinpath("data", name).read_text(encoding="utf-8")


@cache
def metrics() -> dict[str, Metric]:
    out: dict[str, Metric] = {}
    for row in csv.DictReader(_read("metric_catalog.csv").splitlines()):
        ctx = row["prose_context"].strip()
        out[row["metric_code"]] = Metric(
            code=row["metric_code"],
            family=row["family"],
            fact_table=row["fact_table"],
            fixed_dims=_dims(row["fixed_dims"]),
            varying_dims=_split(row["varying_dims"]),
            zh_label=row["zh_label"],
            zh_variants=_split(row["zh_variants"]),
            prose_labels=_split(row["prose_labels"]),
            prose_context=re.compile(ctx) if ctx else None,
            era=row["era"],
            units=tuple(u for u in row["unit"].split("|") if u),
            description=row["description_en"],
        )
    return out


@cache
def dimension_members() -> tuple[DimensionMember, ...]:
    return tuple(
        DimensionMember(
            dimension=row["dimension"],
            code=row["member_code"],
            zh_label=row["zh_label"],
            zh_variants=_split(row["zh_variants"]),
            prose_labels=_split(row["prose_labels"]),
        )
        for row in csv.DictReader(_read("dimension_members.csv").splitlines())
    )


@cache
def catalog_fingerprint() -> str:
    """Changes whenever a file that drives extraction changes, so caches keyed on it expire."""
    h = hashlib.sha256()
    for name in ("metric_catalog.csv", "dimension_members.csv", "divisions.csv",
                 "zero_statements.csv"):
        h.update(name.encode())
        h.update(_read(name).encode())
    return h.hexdigest()[:10]
