-- One row per GB/T 2260 code, current and historic (see seeds/DIVISIONS_PROVENANCE.md).
select
    adcode,
    name,
    level,
    parent_adcode,
    province_adcode,
    province_name,
    prefecture_adcode,
    status,
    source,
    note
from {{ ref('stg_divisions') }}
