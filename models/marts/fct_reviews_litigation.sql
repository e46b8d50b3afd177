-- Reconsideration, lawsuits and complaints: report x proceeding x outcome.
select
    {{ fact_columns() }},
    proceeding,
    outcome
from {{ ref('int_figures_enriched') }}
where fact_table = 'reviews_litigation'
