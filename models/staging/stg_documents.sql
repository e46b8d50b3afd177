-- One row per document: the reading by the newest extractor version wins.
with source as (
    select * from {{ source('raw', 'documents') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by document_id order by extracted_at desc, extractor_version desc
        ) as version_rank
    from source
)

select
    document_id,
    substr(document_id, 1, 16) as report_id,
    extractor_version,
    extracted_at,
    size_bytes,
    encoding,
    doc_type,
    doc_type_reason,
    title,
    jurisdiction_name,
    jurisdiction_level,
    adcode,
    jurisdiction_resolution,
    report_year,
    publish_date,
    publish_date_source,
    scope,
    scope_reason,
    template,
    text_chars,
    n_figures,
    n_issues
from ranked
where version_rank = 1
