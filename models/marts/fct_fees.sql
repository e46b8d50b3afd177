{{ config(materialized=fact_materialization(), meta={'new_rows_column': 'built_at'}) }}
-- A view of int_figures_enriched: every figure is stored once (macros/incremental_figures.sql).
-- Fees charged for disclosure on request (2007 rules) and information-processing fees (2021+).
select
    {{ fact_columns() }}
from {{ published_ref('int_figures_enriched') }}
where fact_table = 'fees'
