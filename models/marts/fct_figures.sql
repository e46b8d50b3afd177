{{ config(materialized=fact_materialization(), meta={'new_rows_column': 'built_at'}) }}
-- A view of int_figures_enriched: every figure is stored once (macros/incremental_figures.sql).
-- Every figure of every annual report, whatever its fact table: the audit trail.
select
    {{ fact_columns() }},
    fact_table,
    label,
    dims_json
from {{ published_ref('int_figures_enriched') }}
