{#- Where DuckDB and Spark spell the same thing differently (dbt's cross-database macros
    cover casts, types and concatenation; these are the rest). -#}

{#- True when `string` begins with `prefix`; both are SQL expressions. -#}
{% macro starts_with(string, prefix) %}
    {{- return(adapter.dispatch('starts_with')(string, prefix)) -}}
{% endmacro %}

{% macro default__starts_with(string, prefix) -%}
    substr({{ string }}, 1, length({{ prefix }})) = {{ prefix }}
{%- endmacro %}

{% macro duckdb__starts_with(string, prefix) -%}
    starts_with({{ string }}, {{ prefix }})
{%- endmacro %}

{% macro spark__starts_with(string, prefix) -%}
    startswith({{ string }}, {{ prefix }})
{%- endmacro %}

{#- The values of a group as an array, sorted, so the same group gives the same array on
    every engine whatever order the rows arrive in. -#}
{% macro sorted_list(column) %}
    {{- return(adapter.dispatch('sorted_list')(column)) -}}
{% endmacro %}

{% macro default__sorted_list(column) -%}
    array_agg({{ column }} order by {{ column }})
{%- endmacro %}

{% macro duckdb__sorted_list(column) -%}
    list({{ column }} order by {{ column }})
{%- endmacro %}

{% macro spark__sorted_list(column) -%}
    array_sort(collect_list({{ column }}))
{%- endmacro %}
