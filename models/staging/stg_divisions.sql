select
    cast(adcode as varchar) as adcode,
    name,
    level,
    cast(parent_adcode as varchar) as parent_adcode,
    cast(province_adcode as varchar) as province_adcode,
    province_name,
    cast(prefecture_adcode as varchar) as prefecture_adcode,
    status,
    source,
    note
from {{ ref('divisions') }}
