select
    {{ dbt.cast('adcode', dbt.type_string()) }} as adcode,
    name,
    level,
    {{ dbt.cast('parent_adcode', dbt.type_string()) }} as parent_adcode,
    {{ dbt.cast('province_adcode', dbt.type_string()) }} as province_adcode,
    province_name,
    {{ dbt.cast('prefecture_adcode', dbt.type_string()) }} as prefecture_adcode,
    status,
    source,
    note
from {{ ref('divisions') }}
