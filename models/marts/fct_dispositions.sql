{{ config(
    materialized=figure_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook="{{ delete_stale_rows() }}",
) }}
-- depends_on: {{ ref('int_report_state') }}
-- How requests were answered: report x disposition (era-specific code) x applicant type,
-- with the harmonized category across the 2019 break and whether that mapping is clean.
with harmonization as (
    select * from {{ ref('disposition_harmonization') }}
)

select
    {{ fact_columns() }},
    coalesce(figures.applicant_type, 'total') as applicant_type,
    figures.reason as refusal_reason,
    harmonization.harmonized_category,
    coalesce(harmonization.mapping_clean, false) as mapping_clean
from {{ ref('int_figures_enriched') }} as figures
left join harmonization on figures.metric = harmonization.metric_code
where figures.fact_table = 'dispositions'
{% if is_incremental() %}
    and {{ documents_to_build('figures.document_id') }}
{% endif %}
