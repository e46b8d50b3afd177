-- Every figure of every annual report, whatever its fact table: the audit trail.
select
    {{ fact_columns() }},
    fact_table,
    label,
    dims_json
from {{ ref('int_figures_enriched') }}
