"""Dagster wiring for ogi-warehouse: thin assets around the extraction library, DuckDB, dbt and GX."""
