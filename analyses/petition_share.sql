-- What share of requests are really petitions or complaints (信访举报投诉类申请, 不予处理 1)?
-- 2019+ form only, the year's petitions over requests received (本年新收), across reports
-- that state both (exact, total column, counted_in_rollups).
with petitions as (
    select report_id, value as petitions
    from {{ published_ref('fct_dispositions') }}
    where metric = 'disp.not_processed.petition'
        and applicant_type = 'total'
        and qualifier = 'exact'
),

reports as (
    select
        summary.report_year,
        summary.received,
        petitions.petitions
    from {{ published_ref('mart_report_summary') }} as summary
    inner join petitions on summary.report_id = petitions.report_id
    where summary.counted_in_rollups
        and summary.era = '2019plus'
        and summary.received > 0
)

select
    report_year,
    count(*) as reports,
    sum(received) as requests_received,
    sum(petitions) as petitions,
    sum(petitions) / sum(received) as petition_share
from reports
group by report_year
order by report_year
