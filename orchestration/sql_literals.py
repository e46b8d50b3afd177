"""SQL string literals, for what DuckDB takes only as text: the target of a COPY, the path
of an ATTACH, a list of files inside a query that is itself built as text."""

from __future__ import annotations

from collections.abc import Iterable


def literal(value: object) -> str:
    """`value` as a SQL string literal: in single quotes, each quote inside doubled."""
    return "'" + str(value).replace("'", "''") + "'"


def list_literal(values: Iterable[object]) -> str:
    """A SQL list of string literals, as read_parquet takes a list of files."""
    return "[" + ", ".join(map(literal, values)) + "]"
