{{ config(materialized=fact_materialization(), meta={'new_rows_column': 'built_at'}) }}
-- A view of int_figures_enriched: every figure is stored once (macros/incremental_figures.sql).
-- Channels: report x channel x flow (applications_in, proactive_out).
select
    {{ fact_columns() }},
    channel,
    flow
from {{ published_ref('int_figures_enriched') }}
where fact_table = 'channels'
