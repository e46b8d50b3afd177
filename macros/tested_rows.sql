{#- Tests of the figure-grain relations read only the rows that arrived since the last build
    whose tests all passed with the same test code, not millions of rows tested before.

    A model opts in with meta `new_rows_column`: the timestamp at which its rows arrived
    (`built_at` of int_figures_enriched and the fct_* views over it, `extracted_at` of
    stg_figures). A build whose every test ran and passed is recorded in
    quality.dbt_passing_builds with a fingerprint of the tests (their definitions and the
    macros they run, and the models' and seeds' code). A test filters on rows newer than
    the last record with the current fingerprint; with none (first build, a test added or
    edited, a build that failed) it reads every row.

    Sound because rows of one document are always built together, and
    `rows_of_current_state` (never filtered) checks that every row left in the table is of
    its report's current state: a row that was not rebuilt is one that passed before.
    Warning-level tests and Spark builds read every row; so does
    `dbt build --vars '{test_all_rows: true}'`. -#}

{% macro timestamp_literal(moment) -%}
    cast('{{ moment.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp)
{%- endmacro %}

{% macro build_started_at() -%}
    {{ timestamp_literal(run_started_at) }}
{%- endmacro %}

{% macro tests_fingerprint() %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set parts = [code_fingerprint()] -%}
    {%- set macro_names = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- if node.resource_type == 'test' -%}
            {%- do parts.append(node.unique_id ~ '=' ~ tojson(node.get('test_metadata') or {})
                ~ '|' ~ node.config.severity ~ '|' ~ node.config.where ~ '|' ~ node.raw_code) -%}
            {%- for m in node.depends_on.macros -%}
                {%- do macro_names.append(m.split('.')[-1]) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in (macro_names + ['default__get_where_subquery', 'new_rows_filter'])
                    | unique | sort -%}
        {%- if context.get(name) is not none -%}
            {%- do parts.append(name ~ '=' ~ context[name].macro.macro_sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(local_md5(parts | join('|'))) }}
{% endmacro %}

{#- on-run-start: where passing builds are recorded. -#}
{% macro create_passing_builds() %}
    {%- if target.type == 'spark' -%}{{ return('') }}{%- endif -%}
    create schema if not exists {{ target.database }}.quality;
    create table if not exists {{ target.database }}.quality.dbt_passing_builds (
        run_started_at timestamp, invocation_id varchar, tests_fingerprint varchar
    );
{% endmacro %}

{#- on-run-end: record this build if it ran every test of the project and all of them passed
    (a `--select` of a few models proves nothing about the rest). -#}
{% macro record_passing_build(results) %}
    {%- if not execute or target.type == 'spark' -%}{{ return('') }}{%- endif -%}
    {%- set ran = results | map(attribute='node') | selectattr('resource_type', 'equalto', 'test')
                  | map(attribute='unique_id') | list -%}
    {%- set all_tests = graph.nodes.values() | selectattr('resource_type', 'equalto', 'test')
                        | map(attribute='unique_id') | list -%}
    {%- set failed = results | rejectattr('status', 'in', ['success', 'pass', 'warn']) | list -%}
    {%- if failed or (all_tests | reject('in', ran) | list) -%}{{ return('') }}{%- endif -%}
    insert into {{ target.database }}.quality.dbt_passing_builds values (
        {{ build_started_at() }}, '{{ invocation_id }}', '{{ tests_fingerprint() }}'
    )
{% endmacro %}

{#- The condition a test of `node`'s relation adds, or none for every row. The time is
    read here and written as a literal, so DuckDB skips the row groups older than it
    (a subquery in the filter would be a join over every row). -#}
{% macro new_rows_filter(node) %}
    {%- set column = node.config.meta.get('new_rows_column') if node else none -%}
    {%- if not column or target.type == 'spark' or var('test_all_rows', false) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set record = adapter.get_relation(database=target.database, schema='quality',
                                          identifier='dbt_passing_builds') -%}
    {%- if record is none -%}{{ return(none) }}{%- endif -%}
    {%- set since = run_query("select max(run_started_at) from " ~ record
        ~ " where tests_fingerprint = '" ~ tests_fingerprint() ~ "'").columns[0].values()[0] -%}
    {%- if since is none -%}{{ return(none) }}{%- endif -%}
    {{ return(column ~ ' > ' ~ timestamp_literal(since)) }}
{% endmacro %}

{#- dbt's own macro (the `where` config), plus the new-rows condition. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%}{%- do conditions.append(config.get('where')) -%}{%- endif -%}
    {%- if execute and config.get('severity', 'error') | lower == 'error'
           and model.test_metadata and model.test_metadata.name != 'rows_of_current_state' -%}
        {%- set node = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model')
                       | selectattr('relation_name', 'equalto', relation.render()) | first -%}
        {%- set condition = new_rows_filter(node) -%}
        {%- if condition -%}{%- do conditions.append(condition) -%}{%- endif -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ')
                      ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}
