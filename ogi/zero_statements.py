"""Sentences that state a zero without a numeral ("没有收到…申请"), read from data.

A report that says nothing about lawsuits has no lawsuit figure; one that says there were
none has a zero. Only the second becomes a figure, with the sentence as evidence.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class ZeroStatement:
    statement_id: str
    pattern: re.Pattern[str]
    metrics: tuple[str, ...]
    unit: str


@cache
def zero_statements() -> tuple[ZeroStatement, ...]:
    raw = resources.files("ogi").joinpath("data", "zero_statements.csv").read_text("utf-8")
    return tuple(
        ZeroStatement(row["statement_id"], re.compile(row["pattern"]),
                      tuple(row["metrics"].split(";")), row["unit"])
        for row in csv.DictReader(raw.splitlines())
    )
