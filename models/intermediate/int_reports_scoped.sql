-- Which report speaks for a jurisdiction-year, and which reports may be summed.
--
-- Rule, written down once:
-- * One primary report per (adcode, year, body): a government's consolidated report beats
--   its own-body report; a department or township is a body of its own.
-- * A primary report is counted in roll-ups unless a consolidated report of the same year
--   already covers it: one of an ancestor jurisdiction (a city's consolidated report covers
--   its counties and districts), or, for departments and townships, one of their own
--   government. So summing counted_in_rollups reports never adds a consolidated report to
--   its parts.
with reports as (
    select
        report_id,
        adcode,
        report_year,
        scope,
        jurisdiction_name,
        jurisdiction_level in ('department', 'township') as is_sub_body,
        publish_date
    from {{ ref('int_documents_in_landing') }}
    where doc_type = 'annual_report'
),

ranked as (
    select
        reports.*,
        row_number() over (
            partition by
                adcode,
                report_year,
                case when is_sub_body then jurisdiction_name else '#government' end
            order by
                case scope when 'consolidated' then 1 when 'own' then 2 else 3 end,
                publish_date desc nulls last,
                report_id
        ) as rank_in_body
    from reports
),

with_parents as (
    select
        ranked.*,
        divisions.parent_adcode,
        divisions.province_adcode
    from ranked
    left join {{ ref('stg_divisions') }} as divisions on ranked.adcode = divisions.adcode
),

consolidated as (
    select distinct adcode, report_year
    from reports
    where scope = 'consolidated' and adcode is not null
),

covered as (
    select distinct with_parents.report_id
    from with_parents
    inner join consolidated
        on with_parents.report_year = consolidated.report_year
    where (
        consolidated.adcode <> with_parents.adcode
        and consolidated.adcode in (with_parents.parent_adcode, with_parents.province_adcode)
    )
    or (with_parents.is_sub_body and consolidated.adcode = with_parents.adcode)
)

select
    with_parents.report_id,
    with_parents.adcode,
    with_parents.report_year,
    with_parents.scope,
    with_parents.adcode is not null and with_parents.report_year is not null
        and with_parents.rank_in_body = 1 as is_primary,
    with_parents.adcode is not null and with_parents.report_year is not null
        and with_parents.rank_in_body = 1 and covered.report_id is null as counted_in_rollups,
    case
        when with_parents.adcode is null then 'jurisdiction unresolved: not counted'
        when with_parents.report_year is null then 'year unknown: not counted'
        when with_parents.rank_in_body > 1 then 'another report of the same body and year is preferred'
        when covered.report_id is not null then 'covered by a consolidated report of the same year'
        else 'counted'
    end as rollup_reason
from with_parents
left join covered on with_parents.report_id = covered.report_id
