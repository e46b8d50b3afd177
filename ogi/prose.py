"""Figures stated in prose, driven by the catalog's prose labels.

One pass over the text finds every number-with-unit (FIGURE_RE); in each sentence holding
one, a single compiled pattern finds every label, and each number binds to the nearest
label before it when only a few connecting characters stand between them. Labels, their units and the topic a sentence
must be about all come from seeds/metric_catalog.csv and seeds/dimension_members.csv.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from ogi.catalog import Metric, applies_to_year, dimension_members, metrics
from ogi.models import Figure
from ogi.normalize import normalize_label
from ogi.numbers import FoundFigure, PrintedNumber, find_figures
from ogi.regex_trie import longest_first
from ogi.sections import Headings, Sentence, sentence_at
from ogi.zero_statements import ZeroStatement, zero_statements

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
    return LabelIndex(re.compile(longest_first(targets)),
                      {k: tuple(v) for k, v in targets.items()}, tuple(patterns))


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


def _bind(sentence: Sentence, text: str, index: LabelIndex, year: int | None,
          figures: list[FoundFigure]) -> list[Figure]:
    if sentence.text.count("|") >= 2:
        return []  # a table row: tables.py reads those
    found = [(m.start(), m.end(), index.targets[m.group()])
             for m in index.pattern.finditer(sentence.text)]
    found += [(m.start(), m.end(), (target,)) for rx, target in index.patterns
              for m in rx.finditer(sentence.text)]
    labels = sorted(found, key=lambda lab: (lab[1], lab[1] - lab[0]))
    out: list[Figure] = []
    used: set[int] = set()
    for figure in figures:
        at = figure.start - sentence.start
        candidates = [lab for lab in labels if lab[1] <= at]
        if not candidates:
            continue
        start, end, label_targets = candidates[-1]
        label = sentence.text[start:end]
        gap = sentence.text[end:at]
        if start in used or len(gap) > MAX_GAP or _BAD_GAP.search(gap):
            continue
        # Parsed only now: most numbers have no label right before them.
        number = figure.parse()
        if number is None:
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
    """`number` in text coordinates, `label_start` in the sentence's."""
    quals = set(number.qualifiers) | _period_qualifiers(text[sentence.start:number.num_start])
    span = (sentence.start + label_start, number.end)
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


def _zeros(text: str, year: int | None, headings: Headings) -> list[Figure]:
    """Zero statements. Each statement is searched in the whole text, then within the
    sentence where a match starts (a sentence is what a statement must fit in); the search
    goes on after that sentence. A match within a sentence is also a whole-text match, or
    lies in the sentence of an earlier whole-text match, so no sentence stating a zero is
    missed: one regex per statement over the text, not every statement over every
    sentence."""
    found = []
    for order, statement in enumerate(zero_statements()):
        pos = 0
        while hit := statement.pattern.search(text, pos):
            sentence = sentence_at(text, hit.start(), headings)
            found += zero_matches(sentence, order, statement)
            pos = sentence.end
    return zero_figures(text, year, found)


ZeroMatch = tuple[int, int, int, int, ZeroStatement]  # sentence start, row, start, end


def zero_matches(sentence: Sentence, order: int, statement: ZeroStatement) -> list[ZeroMatch]:
    return [(sentence.start, order, m.start(), m.end(), statement)
            for m in statement.pattern.finditer(sentence.text)]


def zero_figures(text: str, year: int | None, found: list[ZeroMatch]) -> list[Figure]:
    """Figures of the matches, in the order of their sentences, then of the statements'
    rows in data/zero_statements.csv, then of their place in the sentence."""
    out = []
    catalog = metrics()
    for sentence_start, _, start, end, statement in sorted(found, key=lambda f: f[:3]):
        span = (sentence_start + start, sentence_start + end)
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


# What may stand between a label and its number, read backwards from the number: at most
# MAX_GAP characters, none of them a _BAD_GAP by itself or the end of a sentence.
_GAP_BACKWARDS = rf"[^\d;。!?、较比增减占等\n]{{0,{MAX_GAP}}}"
# Anchors, word boundaries and lookarounds look past a sentence's ends: a "re:" label
# using them might match in a sentence where it does not match the whole text.
_CONTEXT_BOUND = re.compile(r"(?<!\[)\^|\$|\\[AZbB]|\(\?<?[=!]")
_SENTENCE_END = re.compile(r"[。!?\n]")


@cache
def _label_before() -> re.Pattern[str]:
    """On the reversed text, at a number's start: a gap, then some label, both reversed.

    The lookahead on the labels' last characters rejects most gap lengths with one test
    instead of trying every branch at the trie's root: about twice as fast."""
    labels = label_index().targets
    trie = longest_first(label[::-1] for label in labels)
    if "" in labels:
        return re.compile(f"{_GAP_BACKWARDS}(?:{trie})")
    last_chars = re.escape("".join(sorted({label[-1] for label in labels})))
    return re.compile(f"{_GAP_BACKWARDS}(?=[{last_chars}])(?:{trie})")


def _pattern_zones(text: str, index: LabelIndex) -> list[tuple[int, int]] | None:
    """Sorted (after, upto) bounds of the positions a "re:" label may stand before, in its
    own sentence; None when a pattern is context bound and could be anywhere.

    A pattern that matches a sentence at some place matches the whole text there too, so
    that place lies in a span of the whole text's matches (or starts one); from there the
    label's sentence runs at most to the next end of sentence."""
    zones = []
    for rx, _ in index.patterns:
        if _CONTEXT_BOUND.search(rx.pattern):
            return None
        for m in rx.finditer(text):
            latest_start = max(m.end(), m.start() + 1) - 1
            end = _SENTENCE_END.search(text, latest_start)
            zones.append((m.start(), max(latest_start + 1, end.start() if end else len(text))))
    return sorted(zones)


def _may_bind(text: str, index: LabelIndex, figures: Iterable[FoundFigure]) -> list[FoundFigure]:
    """The numbers that may bind to a label, tested before any sentence is read: most
    numbers have no label right before them, and finding their sentences and labels would
    cost more than the rest of prose extraction. A number that cannot bind leaves the others'
    binding as it is, so dropping it is safe; a number that may bind is never dropped."""
    reversed_text, n = text[::-1], len(text)
    label_before = _label_before().match
    zones = _pattern_zones(text, index)
    return [f for f in figures
            if label_before(reversed_text, n - f.start) or zones is None
            or any(after < f.start <= upto for after, upto in zones)]


def _by_sentence(text: str, figures: list[FoundFigure],
                 headings: Headings) -> Iterator[tuple[Sentence, list[FoundFigure]]]:
    """The figures grouped by the sentence they are in (a figure never spans two)."""
    i = 0
    while i < len(figures):
        sentence = sentence_at(text, figures[i].start, headings)
        j = i + 1
        while j < len(figures) and figures[j].start < sentence.end:
            j += 1
        yield sentence, figures[i:j]
        i = j


def extract_prose(text: str, year: int | None = None) -> tuple[list[Figure], list[Figure]]:
    """Return (figures with numerals, zero statements) in document order.

    Numbers are found in one pass over the whole text, and each zero statement in one;
    only the sentences holding them (numbers: with a label close before) are read further."""
    index = label_index()
    headings = Headings(text)
    candidates = _may_bind(text, index, find_figures(text))
    figures: list[Figure] = []
    for sentence, found in _by_sentence(text, candidates, headings):
        figures.extend(_bind(sentence, text, index, year, found))
    return figures, _zeros(text, year, headings)
