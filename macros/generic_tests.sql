{#- Generic tests the project needs; dbt's package hub is out of reach, so they live here. -#}

{% test non_negative(model, column_name, where_clause=none) %}
select * from {{ model }}
where {{ column_name }} < 0
{% if where_clause %} and ({{ where_clause }}){% endif %}
{% endtest %}

{% test unique_combination(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}

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
