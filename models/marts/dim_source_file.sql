-- Every file of the latest landing-folder scan and what became of it.
with files as (
    select * from {{ ref('stg_source_files') }}
),

documents as (
    select * from {{ ref('stg_documents') }}
)

select
    files.path,
    files.file_name,
    case when documents.doc_type = 'unreadable' then null else files.document_id end
        as document_id,
    case
        when files.scan_status <> 'ok' then files.scan_status
        when documents.document_id is null then 'not_extracted'
        when documents.doc_type = 'unreadable' then 'unreadable'
        when documents.doc_type = 'other' then 'not_report'
        when coalesce(documents.n_figures, 0) = 0 then 'no_figures'
        else 'extracted'
    end as status,
    case
        when files.scan_status <> 'ok' then files.scan_reason
        when documents.document_id is null then 'document not extracted in this build'
        when documents.doc_type = 'annual_report' and coalesce(documents.n_figures, 0) = 0
            then 'annual report in which no catalogued figure was recognised'
        else documents.doc_type_reason
    end as reason,
    files.duplicate_of,
    files.size_bytes,
    files.modified_at,
    coalesce(documents.n_figures, 0) as n_figures,
    files.landing_dir,
    files.scan_id,
    files.scanned_at
from files
left join documents on files.document_id = documents.document_id
