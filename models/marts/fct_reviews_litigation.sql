{{ config(materialized=fact_materialization(), meta={'new_rows_column': 'built_at'}) }}
-- A view of int_figures_enriched: every figure is stored once (macros/incremental_figures.sql).
-- Reconsideration, lawsuits and complaints: report x proceeding x outcome.
select
    {{ fact_columns() }},
    proceeding,
    outcome
from {{ published_ref('int_figures_enriched') }}
where fact_table = 'reviews_litigation'
