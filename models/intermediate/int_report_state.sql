-- One row per annual report: what every figure row of the report inherits, and the
-- fingerprint of it that every figure row is built with. A figure-grain table rebuilds
-- exactly the reports whose fingerprint it does not hold (macros/incremental_figures.sql).
-- The raw tables are written only by the load step, which stamps every (re)load of a
-- document, its row and its figures, with one extracted_at; rows changed any other way need
-- `dbt build --full-refresh`, and figures stamped otherwise than their document's row are
-- not of its current load and are left out of int_figures_enriched.
with reports as (
    select * from {{ ref('int_documents_in_landing') }}
    where doc_type = 'annual_report'
),

scoped as (
    select report_id, counted_in_rollups from {{ ref('int_reports_scoped') }}
)

select
    reports.document_id,
    reports.report_id,
    reports.adcode,
    reports.jurisdiction_name,
    reports.report_year,
    reports.scope,
    coalesce(scoped.counted_in_rollups, false) as counted_in_rollups,
    reports.extracted_at,
    {{ dbt.hash(dbt.concat([
        "coalesce(reports.extractor_version, '')", "'|'",
        "coalesce(" ~ dbt.cast("reports.extracted_at", dbt.type_string()) ~ ", '')", "'|'",
        "coalesce(reports.report_id, '')", "'|'",
        "coalesce(reports.adcode, '')", "'|'",
        "coalesce(reports.jurisdiction_name, '')", "'|'",
        "coalesce(" ~ dbt.cast("reports.report_year", dbt.type_string()) ~ ", '')", "'|'",
        "coalesce(reports.scope, '')", "'|'",
        "coalesce(" ~ dbt.cast("scoped.counted_in_rollups", dbt.type_string()) ~ ", '')", "'|'",
        "'" ~ code_fingerprint() ~ "'"
    ])) }} as build_state
from reports
left join scoped on reports.report_id = scoped.report_id
