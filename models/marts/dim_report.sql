-- One row per distinct readable document (sha256) in the landing folder, reports or not.
with documents as (
    select * from {{ ref('int_documents_in_landing') }}
    where doc_type <> 'unreadable'
),

figure_counts as (
    select document_id, count(*) as n_figures
    from {{ ref('stg_figures') }}
    group by document_id
),

issue_counts as (
    select document_id, count(*) as n_issues
    from {{ ref('stg_issues') }}
    group by document_id
)

select
    documents.report_id,
    documents.document_id,
    documents.doc_type,
    documents.doc_type_reason,
    documents.title,
    documents.jurisdiction_name,
    documents.jurisdiction_level,
    documents.adcode,
    documents.adcode is not null as adcode_resolved,
    documents.jurisdiction_resolution,
    documents.report_year,
    documents.publish_date,
    documents.publish_date_source,
    documents.scope,
    documents.scope_reason,
    coalesce(scoped.is_primary, false) as is_primary,
    coalesce(scoped.counted_in_rollups, false) as counted_in_rollups,
    coalesce(scoped.rollup_reason, 'not an annual report: not counted') as rollup_reason,
    documents.template,
    documents.encoding,
    documents.size_bytes,
    documents.text_chars,
    documents.source_path,
    documents.n_files,
    coalesce(figure_counts.n_figures, 0) as n_figures,
    coalesce(issue_counts.n_issues, 0) as n_issues,
    documents.extractor_version,
    documents.extracted_at
from documents
left join figure_counts on documents.document_id = figure_counts.document_id
left join issue_counts on documents.document_id = issue_counts.document_id
left join {{ ref('int_reports_scoped') }} as scoped on documents.report_id = scoped.report_id
