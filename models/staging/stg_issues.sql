with source as (
    select * from {{ source('raw', 'issues') }}
),

documents as (
    select document_id, extractor_version from {{ ref('stg_documents') }}
)

select
    {{ dbt.concat(['source.document_id', "':'", dbt.cast('source.issue_seq', dbt.type_string())]) }}
        as issue_id,
    source.document_id,
    source.issue_seq,
    source.code as issue_code,
    source.message,
    source.metric,
    source.span_start,
    source.span_end
from source
inner join documents
    on source.document_id = documents.document_id
    and source.extractor_version = documents.extractor_version
