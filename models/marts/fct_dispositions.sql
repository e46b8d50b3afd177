{{ config(materialized=fact_materialization(), meta={'new_rows_column': 'built_at'}) }}
-- A view of int_figures_enriched: every figure is stored once (macros/incremental_figures.sql).
-- How requests were answered: report x disposition (era-specific code) x applicant type,
-- with the harmonized category across the 2019 break and whether that mapping is clean.
with harmonization as (
    select * from {{ published_ref('disposition_harmonization') }}
)

select
    {{ fact_columns() }},
    coalesce(figures.applicant_type, 'total') as applicant_type,
    figures.reason as refusal_reason,
    harmonization.harmonized_category,
    coalesce(harmonization.mapping_clean, false) as mapping_clean
from {{ published_ref('int_figures_enriched') }} as figures
left join harmonization on figures.metric = harmonization.metric_code
where figures.fact_table = 'dispositions'
