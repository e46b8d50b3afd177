{{ config(
    materialized=figure_materialization(in_batches=true),
    reports_per_batch=var('reports_per_batch', 250000),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook=["{{ delete_stale_rows() }}", "{{ record_built_states() }}"],
    meta={'new_rows_column': 'built_at'},
) }}
-- depends_on: {{ ref('stg_documents') }}
-- Figures of annual reports with their report's keys and catalog attributes; the single
-- input of every fct_* model. Facts of documents that are not reports never get here.
-- The report's attributes come from int_report_state alone: every per-report relation
-- joined here is a hash table of all the reports, held while the figures stream past it,
-- and beyond the memory budget DuckDB spills the figures too. With 1.86 million reports and
-- 12 million figures, four of them (the documents inside stg_figures, the reports, their
-- state, their roll-up status) spilled 4.2 GB; these two, 313 MB. At 2.8 million reports
-- even they spilled the figures, so the table is built a quarter of a million reports at a
-- time (macros/incremental_in_batches.sql) and the reports' hash table holds one batch
-- whatever the corpus. A figure belongs to its document's current load (the same
-- extracted_at), which puts it in the same batch as its report.
with catalog as (
    select * from {{ ref('stg_metric_catalog') }}
)

select
    figures.figure_seq,
    report_state.report_id,
    figures.document_id,
    report_state.adcode,
    report_state.adcode is not null as adcode_resolved,
    report_state.jurisdiction_name,
    report_state.report_year,
    report_state.scope as report_scope,
    report_state.counted_in_rollups,
    figures.metric,
    catalog.metric_family,
    catalog.fact_table,
    figures.value,
    figures.unit,
    figures.qualifier,
    figures.qualifiers,
    figures.qualifier = 'exact' as is_exact,
    figures.qualifiers like '%approx%' as is_approx,
    figures.qualifiers like '%cumulative%' as is_cumulative,
    figures.qualifiers like '%partial_year%' as is_partial_year,
    figures.is_derived,
    figures.span_start,
    figures.span_end,
    figures.evidence,
    figures.extraction_rule,
    figures.label,
    figures.applicant_type,
    figures.channel,
    figures.flow,
    figures.timeliness,
    figures.reason,
    figures.proceeding,
    figures.outcome,
    figures.content_category,
    figures.item,
    figures.attribute,
    figures.dims_json,
    report_state.build_state,
    {{ build_started_at() }} as built_at
from {{ figures_to_build(ref('stg_figures'), 'extracted_at') }} as figures
inner join {{ ref('int_report_state') }} as report_state
    on figures.document_id = report_state.document_id
    and figures.extracted_at = report_state.extracted_at
left join catalog on figures.metric = catalog.metric_code
where {{ in_report_batch('figures.extracted_at') }}
    and {{ in_report_batch('report_state.extracted_at') }}
{% if is_incremental_build() %}
    and {{ documents_to_build('figures.document_id') }}
{% endif %}
