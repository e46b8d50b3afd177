-- Did the share of requests granted (in full or in part) or denied under an exemption change
-- with the 2019 revision of the Regulations? Pooled rates per era and per year: the sum of
-- the harmonized categories over the sum of requests handled, across reports that state
-- the number handled (counted_in_rollups only). Rows with report_year null are the era's
-- totals. share_mapping_clean says how much rests on categories that map one-to-one.
with reports as (
    select
        era,
        report_year,
        handled,
        coalesce(full_grant, 0) + coalesce(partial_grant, 0) as granted,
        coalesce(exempt_denial, 0) as denied,
        grant_denial_mapping_clean
    from {{ published_ref('mart_report_summary') }}
    where counted_in_rollups
        and handled > 0
        and grant_rate is not null
)

select
    era,
    report_year,
    count(*) as reports,
    sum(handled) as handled,
    sum(granted) as granted,
    sum(denied) as denied,
    sum(granted) / sum(handled) as grant_rate,
    sum(denied) / sum(handled) as denial_rate,
    avg(case when grant_denial_mapping_clean then 1.0 else 0.0 end) as share_mapping_clean
from reports
group by grouping sets ((era), (era, report_year))
order by era desc, report_year nulls first
