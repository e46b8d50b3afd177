{{ config(
    materialized=figure_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook="{{ delete_stale_rows() }}",
) }}
-- depends_on: {{ ref('int_report_state') }}
-- Fees charged for disclosure on request (2007 rules) and information-processing fees (2021+).
select
    {{ fact_columns() }}
from {{ ref('int_figures_enriched') }}
where fact_table = 'fees'
{% if is_incremental() %}
    and {{ documents_to_build() }}
{% endif %}
