-- Where are agencies taken to court most often? Administrative lawsuits over OGI replies per
-- 100 requests received, by province, all years pooled: stated 行政诉讼 totals (2019+: direct
-- plus after reconsideration) over 本年新收, across reports that state both
-- (counted_in_rollups only).
with reports as (
    select
        summary.adcode,
        summary.received,
        summary.lawsuits,
        summary.reviews
    from {{ published_ref('mart_report_summary') }} as summary
    where summary.counted_in_rollups
        and summary.received > 0
        and summary.lawsuits is not null
)

select
    jurisdictions.province_adcode,
    jurisdictions.province_name,
    count(*) as reports,
    sum(reports.received) as requests_received,
    sum(reports.lawsuits) as lawsuits,
    sum(reports.lawsuits) * 100 / sum(reports.received) as lawsuits_per_100,
    sum(reports.reviews) * 100 / sum(reports.received) as reviews_per_100
from reports
inner join {{ published_ref('dim_jurisdiction') }} as jurisdictions
    on reports.adcode = jurisdictions.adcode
group by jurisdictions.province_adcode, jurisdictions.province_name
order by lawsuits_per_100 desc, jurisdictions.province_adcode
