-- 2019+ reports: the form's （七）总计 is the sum of rows （一）-（六）, so after harmonization the
-- six categories still add up to the total, unless a code was counted twice or left out, or
-- the report's own rows do not add up (then it is the report's break: a warning, not a block).
{{ config(severity='warn') }}

with per_report as (
    select
        report_id,
        sum(case when harmonized_category <> 'total' then value end) as categories_sum,
        max(case when harmonized_category = 'total' then value end) as total
    from {{ ref('mart_dispositions_harmonized') }}
    where era = '2019plus'
    group by report_id
)

select *
from per_report
where categories_sum <> total
