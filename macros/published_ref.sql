{#- A model's relation without the database name, for analyses: compiled once, the SQL
    runs on any copy of the warehouse (the published warehouse/ogi.duckdb is a file named
    differently from the build database, and DuckDB names a database after its file). -#}
{% macro published_ref(model_name) %}
    {{- return(ref(model_name).include(database=false)) -}}
{% endmacro %}
