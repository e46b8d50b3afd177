{#- On Spark the raw source tables are the Parquet files the load step writes to the lake
    folder (<lake>/raw/<table>/), registered as external tables before anything builds.
    DuckDB reads raw.* from the build database itself, so there is nothing to do there. -#}
{% macro register_raw_sources() %}
    {{ return(adapter.dispatch('register_raw_sources')()) }}
{% endmacro %}

{% macro default__register_raw_sources() %}
    {{ return('') }}
{% endmacro %}

{% macro spark__register_raw_sources() %}
    {%- if execute -%}
        {%- set lake = env_var('OGI_LAKE_DIR', '') -%}
        {%- if not (lake.startswith('/') or '://' in lake) -%}
            {#- Spark would resolve a relative location inside its own database folder. -#}
            {%- do exceptions.raise_compiler_error(
                'OGI_LAKE_DIR must be an absolute path or a URI (s3://...) of the lake folder (got "' ~ lake ~ '")') -%}
        {%- endif -%}
        {%- set sources = graph.sources.values() | selectattr('source_name', 'equalto', 'raw') -%}
        {%- do run_query('create database if not exists raw') -%}
        {%- for source in sources if source.meta.get('in_lake', true) -%}
            {%- do run_query('drop table if exists raw.' ~ source.name) -%}
            {%- do run_query('create table raw.' ~ source.name ~ " using parquet location '"
                ~ lake ~ '/raw/' ~ source.name ~ "'") -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
