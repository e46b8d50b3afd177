{{ config(
    materialized=figure_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook="{{ delete_stale_rows() }}",
) }}
-- depends_on: {{ ref('int_report_state') }}
-- Reconsideration, lawsuits and complaints: report x proceeding x outcome.
select
    {{ fact_columns() }},
    proceeding,
    outcome
from {{ ref('int_figures_enriched') }}
where fact_table = 'reviews_litigation'
{% if is_incremental() %}
    and {{ documents_to_build() }}
{% endif %}
