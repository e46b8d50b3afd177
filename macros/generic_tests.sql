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
