{{ config(
    materialized=figure_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook="{{ delete_stale_rows() }}",
) }}
-- depends_on: {{ ref('int_report_state') }}
-- Proactive disclosure: report x metric x content category / Article 20 item.
select
    {{ fact_columns() }},
    content_category,
    item,
    attribute
from {{ ref('int_figures_enriched') }}
where fact_table = 'proactive'
{% if is_incremental() %}
    and {{ documents_to_build() }}
{% endif %}
