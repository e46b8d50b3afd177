{#- Generic tests the project needs; dbt's package hub is out of reach, so they live here. -#}

{% test non_negative(model, column_name, where_clause=none) %}
select * from {{ model }}
where {{ column_name }} < 0
{% if where_clause %} and ({{ where_clause }}){% endif %}
{% endtest %}

{#- Grouping a hundred million rows by their text keys does not fit DuckDB's memory budget
    (int_figures_enriched at a million reports); grouping by one 64-bit hash of the keys does.
    Rows whose hashes collide are then grouped by the keys themselves, so a collision is
    never reported as a duplicate. -#}
{% test unique_combination(model, combination_of_columns) %}
{%- set columns = combination_of_columns | join(', ') -%}
with colliding_hashes as (
    select {{ key_hash(columns) }} as key_hash
    from {{ model }}
    group by {{ key_hash(columns) }}
    having count(*) > 1
)

select {{ columns }}, count(*) as n_rows
from {{ model }}
where {{ key_hash(columns) }} in (select colliding_hashes.key_hash from colliding_hashes)
group by {{ columns }}
having count(*) > 1
{% endtest %}

{#- One 64-bit hash of a list of columns (nulls hash too). -#}
{% macro key_hash(columns) %}
    {{- return(adapter.dispatch('key_hash')(columns)) -}}
{% endmacro %}

{% macro default__key_hash(columns) -%}
    hash({{ columns }})
{%- endmacro %}

{% macro spark__key_hash(columns) -%}
    xxhash64({{ columns }})
{%- endmacro %}

{% test expression_is_true(model, expression) %}
select * from {{ model }} where not ({{ expression }})
{% endtest %}

{#- Every row is of its document's current state (the incremental post-hook's promise),
    which lets the other tests read only new rows (macros/tested_rows.sql). -#}
{% test rows_of_current_state(model, states) %}
select rows_.document_id, rows_.build_state
from {{ model }} as rows_
where not exists (
    select 1 from {{ states }} as current_state
    where current_state.document_id = rows_.document_id
        and current_state.build_state = rows_.build_state
)
{% endtest %}
