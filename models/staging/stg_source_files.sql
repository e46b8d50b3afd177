-- The latest scan of the landing folder: the warehouse describes what is there now.
with source as (
    select * from {{ source('raw', 'source_files') }}
),

latest_scan as (
    select max(scan_id) as scan_id from source
)

select
    source.scan_id,
    source.path,
    source.file_name,
    source.document_id,
    source.size_bytes,
    source.modified_at,
    source.scan_status,
    source.scan_reason,
    source.duplicate_of,
    source.landing_dir,
    source.scanned_at
from source
inner join latest_scan on source.scan_id = latest_scan.scan_id
