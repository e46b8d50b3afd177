-- Which reports' own figures do not add up? The form's identity 本年新收 + 上年结转 =
-- 办理结果总计 + 结转下年度 broken, largest gap first. The figures are as printed; the
-- report, not the warehouse, is inconsistent (extraction_flagged_break: the extractor saw it).
select
    identities.report_id,
    identities.jurisdiction_name,
    identities.adcode,
    identities.report_year,
    reports.source_path,
    identities.received,
    identities.carried_in,
    identities.handled,
    identities.carried_out,
    identities.inflow,
    identities.outflow,
    identities.inflow - identities.outflow as gap,
    identities.extraction_flagged_break
from {{ published_ref('fct_report_identities') }} as identities
inner join {{ published_ref('dim_report') }} as reports
    on identities.report_id = reports.report_id
where not identities.reconciles
order by abs(identities.inflow - identities.outflow) desc, identities.report_id
