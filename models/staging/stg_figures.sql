{{ config(meta={'new_rows_column': 'extracted_at'}) }}

with source as (
    select * from {{ source('raw', 'figures') }}
),

documents as (
    select document_id, extractor_version from {{ ref('stg_documents') }}
)

select
    {{ figure_id('source.document_id', 'source.figure_seq') }} as figure_id,
    source.document_id,
    source.figure_seq,
    source.metric,
    source.applicant_type,
    source.channel,
    source.flow,
    source.timeliness,
    source.reason,
    source.proceeding,
    source.outcome,
    source.content_category,
    source.item,
    source.attribute,
    source.dims_json,
    cast(source.value as double) as value,
    source.unit,
    source.qualifier,
    source.qualifiers,
    source.span_start,
    source.span_end,
    source.evidence,
    source.rule as extraction_rule,
    source.label,
    source.derived as is_derived,
    -- The figure's own copy of its document's extracted_at: a filter on it reaches the scan
    -- of raw.figures and skips earlier loads (tests read new rows, builds new documents).
    source.extracted_at
from source
inner join documents
    on source.document_id = documents.document_id
    and source.extractor_version = documents.extractor_version
