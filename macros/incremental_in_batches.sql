{#- An incremental table built in batches of reports, one statement per batch (DuckDB).

    A join of every figure to its report holds a hash table of all the reports being built.
    Past the memory budget DuckDB partitions the join and spills the figures as well as the
    reports: at 2.8 million reports a first build of int_figures_enriched filled 33 GB of
    disk. Built a quarter of a million reports at a time, the hash table stays that size
    whatever the corpus.

    The batches are ranges of the reports' load time (report_batch_bounds). The model reads
    its range through in_report_batch(column), a filter on two DuckDB variables that this
    materialization sets before each statement; a filter on a variable reaches the table
    scan like a literal, so each batch reads only the row groups of its own loads. Outside
    this materialization the variables are unset and the filter keeps every row, so
    `dbt show` and `dbt compile` give the whole model. Rows whose load time is null are in
    no batch: a model filters only columns that are never null (tested).

    A first build or --full-refresh creates the table from the first batch, inserts the
    others and swaps it in; an incremental build inserts each batch into the table (after
    adding or dropping columns per on_schema_change), not into a temporary copy of the
    whole append. Either way one transaction, committed after the post-hooks. The last
    batch's statement is the one dbt reports (its rows_affected counts that batch only). -#}

{% materialization incremental_in_batches, adapter='duckdb' %}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set rebuild = existing_relation is none or existing_relation.is_view
                      or should_full_refresh() -%}
    {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
    {%- set backup_relation = make_backup_relation(
            target_relation, 'table' if existing_relation is none else existing_relation.type) -%}
    {%- set columns_relation = api.Relation.create(
            database=target_relation.database, schema=target_relation.schema,
            identifier=target_relation.identifier ~ '__dbt_columns', type='view') -%}
    {{ drop_relation_if_exists(load_cached_relation(intermediate_relation)) }}
    {{ drop_relation_if_exists(load_cached_relation(backup_relation)) }}
    {{ drop_relation_if_exists(load_cached_relation(columns_relation)) }}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- set bounds = report_batch_bounds(config.get('reports_per_batch', 250000)) -%}
    {%- if bounds | length > 2 and 'ogi_batch_from' not in compiled_code -%}
        {{ exceptions.raise_compiler_error(
            this ~ " is built in batches but does not filter on in_report_batch(): every"
            ~ " batch would insert every row") }}
    {%- endif -%}

    {%- if not rebuild -%}
        {% do run_query(create_view_as(columns_relation, compiled_code)) %}
        {% do process_schema_changes(
            incremental_validate_on_schema_change(config.get('on_schema_change'), default='ignore'),
            columns_relation, existing_relation) %}
        {% do adapter.drop_relation(columns_relation) %}
    {%- endif -%}

    {%- set into = intermediate_relation if rebuild else target_relation -%}
    {%- for batch_from in bounds[:-1] -%}
        {%- set batch_to = bounds[loop.index] -%}
        {% do run_query(batch_variable_sql('ogi_batch_from', batch_from)
                        ~ ';\n' ~ batch_variable_sql('ogi_batch_to', batch_to)) %}
        {%- if rebuild and loop.first -%}
            {%- set batch_sql = create_table_as(False, into, compiled_code) -%}
        {%- else -%}
            {%- set batch_sql -%}
                insert into {{ into }} by name
                select * from (
                    {{ compiled_code }}
                ) as batch
            {%- endset -%}
        {%- endif -%}
        {%- if loop.last -%}
            {% call statement('main') %}{{ batch_sql }}{% endcall %}
        {%- else -%}
            {% do run_query(batch_sql) %}
        {%- endif -%}
    {%- endfor -%}
    {% do run_query(batch_variable_sql('ogi_batch_from', none) ~ ';\n'
                    ~ batch_variable_sql('ogi_batch_to', none)) %}

    {%- if rebuild -%}
        {%- if existing_relation is not none -%}
            {% do adapter.rename_relation(existing_relation, backup_relation) %}
        {%- endif -%}
        {% do adapter.rename_relation(intermediate_relation, target_relation) %}
    {%- endif -%}

    {% do persist_docs(target_relation, model) %}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do adapter.commit() %}
    {% if rebuild and existing_relation is not none %}
        {% do adapter.drop_relation(backup_relation) %}
    {% endif %}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

{#- Set (or, for none, reset) a batch bound; a timestamp, as the bounds are load times. -#}
{% macro batch_variable_sql(name, moment) -%}
    {%- if moment is none -%}
        reset variable {{ name }}
    {%- else -%}
        set variable {{ name }} = {{ timestamp_literal(moment) }}
    {%- endif -%}
{%- endmacro %}

{#- The model's filter for the current batch: `column` within [ogi_batch_from, ogi_batch_to);
    an unset bound does not bound. On other adapters every row. -#}
{% macro in_report_batch(column) -%}
    {%- if target.type != 'duckdb' -%}
        true
    {%- else -%}
        ({{ column }} >= coalesce(getvariable('ogi_batch_from'), '-infinity'::timestamp)
            and {{ column }} < coalesce(getvariable('ogi_batch_to'), 'infinity'::timestamp))
    {%- endif -%}
{%- endmacro %}
