"""Extraction library for Government Information Disclosure annual reports.

Pure Python: it knows nothing of Dagster or DuckDB, so every step is testable on strings.
The flow reads like a document: decode -> text -> normalize -> classify/metadata ->
prose figures -> checks.
"""

__version__ = "0.1.0"
