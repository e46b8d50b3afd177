{{ config(materialized=fact_materialization(), meta={'new_rows_column': 'built_at'}) }}
-- A view of int_figures_enriched: every figure is stored once (macros/incremental_figures.sql).
-- Proactive disclosure: report x metric x content category / Article 20 item.
select
    {{ fact_columns() }},
    content_category,
    item,
    attribute
from {{ published_ref('int_figures_enriched') }}
where fact_table = 'proactive'
