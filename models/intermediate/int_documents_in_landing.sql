-- Documents read from files present in the latest scan, with the path they were first
-- seen under. A document whose file left the landing folder leaves the marts too.
with files as (
    select * from {{ ref('stg_source_files') }}
    where document_id is not null
),

primary_path as (
    select
        document_id,
        min(case when scan_status <> 'duplicate' then path end) as source_path,
        count(*) as n_files
    from files
    group by document_id
)

select
    documents.*,
    primary_path.source_path,
    primary_path.n_files
from {{ ref('stg_documents') }} as documents
inner join primary_path on documents.document_id = primary_path.document_id
