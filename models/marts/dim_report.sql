-- One row per distinct readable document (sha256) in the landing folder, reports or not.
with documents as (
    select * from {{ ref('int_documents_in_landing') }}
    where doc_type <> 'unreadable'
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
    -- Counted at extraction: the same as counting the document's rows of stg_figures and
    -- stg_issues, without reading millions of figures each build.
    documents.n_figures,
    documents.n_issues,
    documents.extractor_version,
    documents.extracted_at
from documents
left join {{ ref('int_reports_scoped') }} as scoped on documents.report_id = scoped.report_id
