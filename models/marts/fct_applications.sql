-- Requests received, carried in and out, completed: report x metric x applicant type x timeliness.
select
    {{ fact_columns() }},
    coalesce(applicant_type, 'total') as applicant_type,
    timeliness
from {{ ref('int_figures_enriched') }}
where fact_table = 'applications'
