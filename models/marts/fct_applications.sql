{{ config(materialized=fact_materialization(), meta={'new_rows_column': 'built_at'}) }}
-- A view of int_figures_enriched: every figure is stored once (macros/incremental_figures.sql).
-- Requests received, carried in and out, completed: report x metric x applicant type x timeliness.
select
    {{ fact_columns() }},
    coalesce(applicant_type, 'total') as applicant_type,
    timeliness
from {{ published_ref('int_figures_enriched') }}
where fact_table = 'applications'
