-- The identity printed in the 2019/2021 form, per report, 总计 column:
-- 一 本年新收 + 二 上年结转 = 三（七）总计 + 四 结转下年度. Figures stay as printed; a report
-- that does not reconcile is listed here, never corrected.
with totals as (
    select report_id, metric, value
    from {{ ref('int_figures_enriched') }}
    where qualifier = 'exact'
        and coalesce(applicant_type, 'total') = 'total'
        and metric in ('app.received', 'app.carried_in', 'disp.total', 'app.carried_out')
),

pivoted as (
    select
        report_id,
        max(case when metric = 'app.received' then value end) as received,
        max(case when metric = 'app.carried_in' then value end) as carried_in,
        max(case when metric = 'disp.total' then value end) as handled,
        max(case when metric = 'app.carried_out' then value end) as carried_out
    from totals
    group by report_id
),

flagged as (
    select distinct document_id
    from {{ ref('stg_issues') }}
    where issue_code = 'identity_broken'
)

select
    reports.report_id,
    reports.jurisdiction_name,
    reports.adcode,
    reports.report_year,
    pivoted.received,
    pivoted.carried_in,
    pivoted.handled,
    pivoted.carried_out,
    pivoted.received + pivoted.carried_in as inflow,
    pivoted.handled + pivoted.carried_out as outflow,
    pivoted.received + pivoted.carried_in = pivoted.handled + pivoted.carried_out as reconciles,
    flagged.document_id is not null as extraction_flagged_break
from pivoted
inner join {{ ref('dim_report') }} as reports on pivoted.report_id = reports.report_id
left join flagged on reports.document_id = flagged.document_id
where pivoted.received is not null
    and pivoted.carried_in is not null
    and pivoted.handled is not null
    and pivoted.carried_out is not null
