-- Proactive disclosure: report x metric x content category / Article 20 item.
select
    {{ fact_columns() }},
    content_category,
    item,
    attribute
from {{ ref('int_figures_enriched') }}
where fact_table = 'proactive'
