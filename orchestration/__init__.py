"""Dagster wiring for ogi-warehouse: thin assets around the extraction library, DuckDB, dbt and GX."""

from orchestration.settings import apply_offline_env

# Before any tool runs: no usage statistics, no version checks, no network at run time.
apply_offline_env()
