{{ config(
    materialized=figure_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook="{{ delete_stale_rows() }}",
) }}
-- depends_on: {{ ref('int_report_state') }}
-- Channels: report x channel x flow (applications_in, proactive_out).
select
    {{ fact_columns() }},
    channel,
    flow
from {{ ref('int_figures_enriched') }}
where fact_table = 'channels'
{% if is_incremental() %}
    and {{ documents_to_build() }}
{% endif %}
