-- How many requests for government information were received each year, by level of
-- government (province, prefecture, county, district, township, department)?
-- Exact 本年新收 figures of the total column, one report per body and year and none that a
-- consolidated report already covers (counted_in_rollups), so nothing is added twice.
with reports as (
    select
        report_id,
        report_year,
        jurisdiction_level,
        received
    from {{ published_ref('mart_report_summary') }}
    where counted_in_rollups
)

select
    report_year,
    jurisdiction_level,
    count(*) as reports,
    count(received) as reports_stating_received,
    sum(received) as requests_received
from reports
group by report_year, jurisdiction_level
order by report_year, jurisdiction_level
