{{ config(
    materialized=figure_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook="{{ delete_stale_rows() }}",
) }}
-- depends_on: {{ ref('int_report_state') }}
-- Every figure of every annual report, whatever its fact table: the audit trail.
select
    {{ fact_columns() }},
    fact_table,
    label,
    dims_json
from {{ ref('int_figures_enriched') }}
{% if is_incremental() %}
where {{ documents_to_build() }}
{% endif %}
