{{ config(
    materialized=figure_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook="{{ delete_stale_rows() }}",
) }}
-- depends_on: {{ ref('int_report_state') }}
-- Requests received, carried in and out, completed: report x metric x applicant type x timeliness.
select
    {{ fact_columns() }},
    coalesce(applicant_type, 'total') as applicant_type,
    timeliness
from {{ ref('int_figures_enriched') }}
where fact_table = 'applications'
{% if is_incremental() %}
    and {{ documents_to_build() }}
{% endif %}
