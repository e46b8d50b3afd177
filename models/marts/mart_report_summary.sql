-- One row per annual report: its stocks and flows of requests and the rates analysts
-- compare (granted, denied, reconsideration and lawsuits per 100 requests). Exact figures
-- of the total column only; a rate is null when its denominator is missing or zero.
with reports as (
    select
        report_id,
        adcode,
        jurisdiction_name,
        jurisdiction_level,
        report_year,
        scope,
        template,
        counted_in_rollups
    from {{ ref('dim_report') }}
    where doc_type = 'annual_report'
),

applications as (
    select
        report_id,
        max(case when metric = 'app.received' then value end) as received,
        max(case when metric = 'app.carried_in' then value end) as carried_in,
        max(case when metric = 'app.carried_out' then value end) as carried_out
    from {{ ref('fct_applications') }}
    where qualifier = 'exact'
        and applicant_type = 'total'
        and timeliness is null
        and metric in ('app.received', 'app.carried_in', 'app.carried_out')
    group by report_id
),

dispositions as (
    select
        report_id,
        max(era) as era,
        max(case when harmonized_category = 'total' then value end) as handled,
        max(case when harmonized_category = 'full_grant' then value end) as full_grant,
        max(case when harmonized_category = 'partial_grant' then value end) as partial_grant,
        max(case when harmonized_category = 'exempt_denial' then value end) as exempt_denial,
        bool_and(
            case when harmonized_category in ('full_grant', 'partial_grant', 'exempt_denial')
                then mapping_clean end
        ) as grant_denial_mapping_clean
    from {{ ref('mart_dispositions_harmonized') }}
    group by report_id
),

proceedings as (
    select
        report_id,
        max(case when metric = 'rl.review.total' then value end) as reviews,
        max(case when metric = 'rl.litigation.total' then value end) as lawsuits_stated,
        max(case when metric = 'rl.lit_direct.total' then value end) as lawsuits_direct,
        max(case when metric = 'rl.lit_after_review.total' then value end)
            as lawsuits_after_review
    from {{ ref('fct_reviews_litigation') }}
    where qualifier = 'exact'
        and metric in (
            'rl.review.total', 'rl.litigation.total', 'rl.lit_direct.total',
            'rl.lit_after_review.total'
        )
    group by report_id
),

joined as (
    select
        reports.*,
        dispositions.era,
        applications.received,
        applications.carried_in,
        applications.carried_out,
        dispositions.handled,
        dispositions.full_grant,
        dispositions.partial_grant,
        dispositions.exempt_denial,
        dispositions.grant_denial_mapping_clean,
        proceedings.reviews,
        -- The 2019+ form prints the two kinds of lawsuit separately and no overall total.
        coalesce(
            proceedings.lawsuits_stated,
            proceedings.lawsuits_direct + proceedings.lawsuits_after_review
        ) as lawsuits
    from reports
    left join applications on reports.report_id = applications.report_id
    left join dispositions on reports.report_id = dispositions.report_id
    left join proceedings on reports.report_id = proceedings.report_id
)

select
    report_id,
    adcode,
    jurisdiction_name,
    jurisdiction_level,
    report_year,
    scope,
    template,
    era,
    counted_in_rollups,
    received,
    carried_in,
    carried_out,
    handled,
    full_grant,
    partial_grant,
    exempt_denial,
    reviews,
    lawsuits,
    -- Pre-2019 prose often names 同意公开 but not 部分公开: an unstated part counts as 0
    -- once the other is stated.
    case when full_grant is not null or partial_grant is not null then
        (coalesce(full_grant, 0) + coalesce(partial_grant, 0)) / nullif(handled, 0)
    end as grant_rate,
    exempt_denial / nullif(handled, 0) as denial_rate,
    grant_denial_mapping_clean,
    reviews * 100 / nullif(received, 0) as reviews_per_100,
    lawsuits * 100 / nullif(received, 0) as lawsuits_per_100
from joined
