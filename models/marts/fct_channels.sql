-- Channels: report x channel x flow (applications_in, proactive_out).
select
    {{ fact_columns() }},
    channel,
    flow
from {{ ref('int_figures_enriched') }}
where fact_table = 'channels'
