select
    metric_code,
    family as metric_family,
    fact_table,
    fixed_dims,
    varying_dims,
    zh_label,
    zh_variants,
    era,
    unit as allowed_units,
    description_en
from {{ ref('metric_catalog') }}
