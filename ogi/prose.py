"""Figures stated in prose, driven by the catalog's prose labels.

One pass per sentence: a single compiled alternation finds every label, FIGURE_RE finds
every number-with-unit, and each number binds to the nearest label before it when only a
few connecting characters stand between them. Labels, their units and the topic a sentence
must be about all come from seeds/metric_catalog.csv and seeds/dimension_members.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ogi.catalog import Metric, applies_to_year, dimension_members, metrics
from ogi.models import Figure
from ogi.normalize import normalize_label
from ogi.numbers import FIGURE_RE, PrintedNumber, parse_figure
from ogi.sections import Sentence, sentences
from ogi.zero_statements import zero_statements

MAX_GAP = 10
# Characters that may stand between a label and its number: quotes, "为", "共", "总计"…
# A gap holding a comparison or a share means the number is something else.
_BAD_GAP = re.compile(r"[\d;。!?、]|较|比|增|减|同比|占|其中|累计|等")
_CUMULATIVE = re.compile(r"累计|历年|以来")
_PARTIAL_YEAR = re.compile(
    r"至目前|截至目前|截止目前|到目前|至今(?!年)|至今年\d{1,2}月|截至\d{1,2}月|上半年|前三季度|1-\d{1,2}月"
)


@dataclass(frozen=True)
class LabelTarget:
    metric: Metric
    dims: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LabelIndex:
    pattern: re.Pattern[str]
    targets: dict[str, tuple[LabelTarget, ...]]
    # Labels written "re:<pattern>" in the catalog: phrasings with a variable middle.
    patterns: tuple[tuple[re.Pattern[str], LabelTarget], ...] = ()


@cache
def label_index() -> LabelIndex:
    targets: dict[str, list[LabelTarget]] = {}
    patterns: list[tuple[re.Pattern[str], LabelTarget]] = []
    catalog = metrics()
    for metric in catalog.values():
        fixed = tuple(sorted(metric.fixed_dims.items()))
        for label in metric.prose_labels:
            if label.startswith("re:"):
                patterns.append((re.compile(label[3:]), LabelTarget(metric, fixed)))
                continue
            targets.setdefault(normalize_label(label), []).append(LabelTarget(metric, fixed))
        for dim in metric.varying_dims:
            for member in dimension_members():
                if member.dimension != dim:
                    continue
                dims = tuple(sorted({**metric.fixed_dims, dim: member.code}.items()))
                for label in member.prose_labels:
                    targets.setdefault(normalize_label(label), []).append(
                        LabelTarget(metric, dims))
    alternation = "|".join(re.escape(k) for k in sorted(targets, key=len, reverse=True))
    return LabelIndex(re.compile(alternation), {k: tuple(v) for k, v in targets.items()},
                      tuple(patterns))


def _period_qualifiers(prefix: str) -> set[str]:
    quals = set()
    if _CUMULATIVE.search(prefix):
        quals.add("cumulative")
    if _PARTIAL_YEAR.search(prefix):
        quals.add("partial_year")
    return quals


def _in_context(metric: Metric, sentence: Sentence) -> bool:
    ctx = metric.prose_context
    return ctx is None or bool(ctx.search(sentence.text) or ctx.search(sentence.headings))


def _default_dims(target: LabelTarget) -> dict[str, str]:
    dims = dict(target.dims)
    # Prose never breaks requests down by applicant: the figure is the total column.
    if "applicant_type" in target.metric.varying_dims:
        dims.setdefault("applicant_type", "total")
    return dims


def _bind(sentence: Sentence, text: str, index: LabelIndex, year: int | None) -> list[Figure]:
    if sentence.text.count("|") >= 2:
        return []  # a table row: tables.py reads those
    found = [(m.start(), m.end(), index.targets[m.group()])
             for m in index.pattern.finditer(sentence.text)]
    found += [(m.start(), m.end(), (target,)) for rx, target in index.patterns
              for m in rx.finditer(sentence.text)]
    labels = sorted(found, key=lambda lab: (lab[1], lab[1] - lab[0]))
    numbers = [n for m in FIGURE_RE.finditer(sentence.text) if (n := parse_figure(m))]
    out: list[Figure] = []
    used: set[int] = set()
    for number in numbers:
        candidates = [lab for lab in labels if lab[1] <= number.start]
        if not candidates:
            continue
        start, end, label_targets = candidates[-1]
        label = sentence.text[start:end]
        gap = sentence.text[end:number.start]
        if start in used or len(gap) > MAX_GAP or _BAD_GAP.search(gap):
            continue
        target = next(
            (t for t in label_targets
             if number.unit in t.metric.units and applies_to_year(t.metric, year)
             and _in_context(t.metric, sentence)),
            None,
        )
        if target is None:
            continue
        used.add(start)
        out.append(_figure(sentence, text, target, label, start, number))
    return out


def _figure(sentence: Sentence, text: str, target: LabelTarget, label: str, label_start: int,
            number: PrintedNumber) -> Figure:
    quals = set(number.qualifiers) | _period_qualifiers(sentence.text[:number.num_start])
    span = (sentence.start + label_start, sentence.start + number.end)
    return Figure(
        metric=target.metric.code,
        dims=_default_dims(target),
        value=number.value,
        unit=number.unit,
        qualifiers=sorted(quals) or ["exact"],
        span=span,
        evidence=text[span[0]:span[1]],
        rule="prose:label_number",
        label=label,
    )


def _zeros(sentence: Sentence, text: str, year: int | None) -> list[Figure]:
    out = []
    catalog = metrics()
    for statement in zero_statements():
        for m in statement.pattern.finditer(sentence.text):
            span = (sentence.start + m.start(), sentence.start + m.end())
            for code in statement.metrics:
                metric = catalog[code]
                if not applies_to_year(metric, year):
                    continue
                out.append(Figure(
                    metric=code,
                    dims=_default_dims(LabelTarget(metric, tuple(sorted(metric.fixed_dims.items())))),
                    value=0, unit=statement.unit, qualifiers=["exact"], span=span,
                    evidence=text[span[0]:span[1]], rule=f"prose:zero:{statement.statement_id}",
                ))
    return out


# Only sentences with a number-and-unit or a negation can yield anything.
_ZERO_HINT = re.compile(r"没有|未|无|不|为零|为0")


def extract_prose(text: str, year: int | None = None) -> tuple[list[Figure], list[Figure]]:
    """Return (figures with numerals, zero statements) in document order."""
    index = label_index()
    figures: list[Figure] = []
    zeros: list[Figure] = []
    keep = re.compile(f"{FIGURE_RE.pattern}|{_ZERO_HINT.pattern}")
    for sentence in sentences(text, keep):
        if FIGURE_RE.search(sentence.text):
            figures.extend(_bind(sentence, text, index, year))
        if _ZERO_HINT.search(sentence.text):
            zeros.extend(_zeros(sentence, text, year))
    return figures, zeros
