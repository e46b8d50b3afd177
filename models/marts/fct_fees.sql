-- Fees charged for disclosure on request (2007 rules) and information-processing fees (2021+).
select
    {{ fact_columns() }}
from {{ ref('int_figures_enriched') }}
where fact_table = 'fees'
