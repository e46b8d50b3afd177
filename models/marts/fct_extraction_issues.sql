-- Everything the extractor did not understand or found broken, per document.
select
    issues.issue_id,
    documents.report_id,
    issues.document_id,
    documents.doc_type,
    documents.source_path,
    issues.issue_code,
    issues.message,
    issues.metric,
    issues.span_start,
    issues.span_end
from {{ ref('stg_issues') }} as issues
inner join {{ ref('int_documents_in_landing') }} as documents
    on issues.document_id = documents.document_id
