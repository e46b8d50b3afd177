"""`ogi evaluate DIR`: the extractor measured against a synthetic corpus's truth.jsonl.

A figure matches when (metric, applicant_type, content_category, qualifier) are equal and
the values differ by less than 1e-6. Other dims are ignored because truth states only
those two; each truth figure can be matched once. Figures extracted from a document whose
truth is "other" are all false positives: a look-alike must contribute no facts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ogi.catalog import metrics

FAMILIES = ("app", "chan.app", "chan.pro", "pro", "disp", "disp.pre", "rl", "fee")
EPSILON = 1e-6

Key = tuple[str, str | None, str | None, str]


def figure_key(fig: dict[str, Any]) -> Key:
    dims = fig.get("dims") or {}
    return (fig["metric"], dims.get("applicant_type"), dims.get("content_category"),
            fig.get("qualifier", "exact"))


def family(metric: str) -> str:
    m = metrics().get(metric)
    return m.family if m else "unknown"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall}


@dataclass
class Ratio:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_json(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


def match_figures(truth: Iterable[dict[str, Any]], extracted: Iterable[dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(true positives, false positives, false negatives), each a list of figures."""
    pool: dict[Key, list[dict[str, Any]]] = {}
    for fig in truth:
        pool.setdefault(figure_key(fig), []).append(fig)
    tp, fp = [], []
    for fig in extracted:
        candidates = pool.get(figure_key(fig), [])
        hit = next((i for i, t in enumerate(candidates)
                    if abs(float(t["value"]) - float(fig["value"])) < EPSILON), None)
        if hit is None:
            fp.append(fig)
        else:
            tp.append(candidates.pop(hit))
    fn = [fig for figs in pool.values() for fig in figs]
    return tp, fp, fn


@dataclass
class Evaluation:
    documents: int = 0
    families: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FAMILIES})
    # The same counts cut by the truth template and table layout, to see where misses are.
    templates: dict[str, Tally] = field(default_factory=dict)
    layouts: dict[str, Tally] = field(default_factory=dict)
    doc_type: Ratio = field(default_factory=Ratio)
    report_year: Ratio = field(default_factory=Ratio)
    adcode: Ratio = field(default_factory=Ratio)
    identity_break: Tally = field(default_factory=Tally)
    identity_break_tn: int = 0

    def add(self, truth: dict[str, Any], result: dict[str, Any]) -> None:
        self.documents += 1
        is_report = truth["doc_type"] == "annual_report"
        truth_figs = truth["figures"] if is_report else []
        tp, fp, fn = match_figures(truth_figs, result.get("figures") or [])
        cuts = [self.templates.setdefault(truth.get("template") or "other", Tally())]
        if truth.get("layout"):
            cuts.append(self.layouts.setdefault(truth["layout"], Tally()))
        for figs, attr in ((tp, "tp"), (fp, "fp"), (fn, "fn")):
            for fig in figs:
                fam = family(fig["metric"])
                tally = self.families.setdefault(fam, Tally())
                setattr(tally, attr, getattr(tally, attr) + 1)
                for cut in cuts:
                    setattr(cut, attr, getattr(cut, attr) + 1)
        self.doc_type.add(result.get("doc_type") == truth["doc_type"])
        self.adcode.add((result.get("jurisdiction") or {}).get("adcode") == truth["jurisdiction"]["adcode"])
        if is_report:
            self.report_year.add(result.get("report_year") == truth["report_year"])
            broken = bool(truth.get("identity_broken"))
            found = any(i.get("code") == "identity_broken" for i in result.get("issues") or [])
            if broken and found:
                self.identity_break.tp += 1
            elif found:
                self.identity_break.fp += 1
            elif broken:
                self.identity_break.fn += 1
            else:
                self.identity_break_tn += 1

    def failing(self, min_precision: float, min_recall: float) -> list[str]:
        """Families with truth figures below a threshold. No extracted figure at all counts
        as precision 0: silence is not precision."""
        out = []
        for name, t in self.families.items():
            if t.tp + t.fn == 0:
                continue
            if (t.precision or 0.0) < min_precision or (t.recall or 0.0) < min_recall:
                out.append(name)
        return out

    def to_json(self) -> dict[str, Any]:
        overall = Tally(*(sum(getattr(t, a) for t in self.families.values()) for a in ("tp", "fp", "fn")))
        return {
            "documents": self.documents,
            "families": {k: v.to_json() for k, v in self.families.items()},
            "overall": overall.to_json(),
            "by_template": {k: v.to_json() for k, v in sorted(self.templates.items())},
            "by_layout": {k: v.to_json() for k, v in sorted(self.layouts.items())},
            "doc_type": self.doc_type.to_json(),
            "report_year": self.report_year.to_json(),
            "jurisdiction_adcode": self.adcode.to_json(),
            "identity_break": {**self.identity_break.to_json(), "tn": self.identity_break_tn},
        }


def load_truth(root: Path) -> list[dict[str, Any]]:
    text = (root / "truth.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _extract_json(path: Path) -> dict[str, Any]:
    # Imported here: ogi.cli imports this module lazily for its `evaluate` command.
    from ogi.cli import extract_path

    return extract_path(path).to_json()


def evaluate_dir(root: Path,
                 extract: Callable[[Path], dict[str, Any]] = _extract_json) -> Evaluation:
    ev = Evaluation()
    for truth in load_truth(root):
        ev.add(truth, extract(root / truth["file"]))
    return ev


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _rows(title: str, tallies: dict[str, Tally]) -> list[str]:
    lines = [f"{title:<12} {'truth':>7} {'tp':>7} {'fp':>7} {'fn':>7} {'precision':>10} {'recall':>8}"]
    for name, t in tallies.items():
        lines.append(f"{name:<12} {t.tp + t.fn:>7} {t.tp:>7} {t.fp:>7} {t.fn:>7} "
                     f"{_fmt(t.precision):>10} {_fmt(t.recall):>8}")
    return lines


def format_text(ev: Evaluation) -> str:
    data = ev.to_json()
    overall = Tally(data["overall"]["tp"], data["overall"]["fp"], data["overall"]["fn"])
    lines = [f"documents: {ev.documents}", ""]
    lines += _rows("family", {**ev.families, "all": overall})
    lines += [""] + _rows("template", dict(sorted(ev.templates.items())))
    lines += [""] + _rows("layout", dict(sorted(ev.layouts.items())))
    lines.append("")
    for label, ratio in (("doc_type accuracy", ev.doc_type), ("report_year accuracy", ev.report_year),
                         ("jurisdiction adcode accuracy", ev.adcode)):
        lines.append(f"{label}: {_fmt(ratio.accuracy)} ({ratio.correct}/{ratio.total})")
    b = ev.identity_break
    lines.append(f"identity_broken detection: tp {b.tp}  fp {b.fp}  fn {b.fn}  tn {ev.identity_break_tn}"
                 f"  precision {_fmt(b.precision)}  recall {_fmt(b.recall)}")
    return "\n".join(lines)
