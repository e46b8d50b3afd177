{#- The columns every fct_* table carries (CONTRACT.md), so the facts cannot drift apart.
    figure_id is computed, not stored: as a stored column it was half of
    int_figures_enriched's bytes (64 hex digits per figure, none of them compressible). -#}
{% macro fact_columns() %}
    {{ figure_id('document_id', 'figure_seq') }} as figure_id,
    report_id,
    document_id,
    adcode,
    adcode_resolved,
    jurisdiction_name,
    report_year,
    report_scope,
    counted_in_rollups,
    metric,
    metric_family,
    value,
    unit,
    qualifier,
    qualifiers,
    is_exact,
    is_approx,
    is_cumulative,
    is_partial_year,
    is_derived,
    span_start,
    span_end,
    evidence,
    extraction_rule,
    build_state,
    built_at
{% endmacro %}

{#- A figure's key: document_id:figure_seq. Written the same on every engine (DuckDB and
    Spark both read `||` and `string`), because fact_columns() is part of code_fingerprint():
    adapter-rendered SQL would give the two engines different build_state values. -#}
{% macro figure_id(document_id, figure_seq) -%}
    {{ document_id }} || ':' || cast({{ figure_seq }} as string)
{%- endmacro %}
