{#- Incremental builds of the figures: int_figures_enriched, of which every fct_* is a view.

    Every row carries `build_state`: a fingerprint of its report's attributes (extractor
    version, keys, scope, counted_in_rollups) and of the project's code. A build appends
    the rows of reports whose current state (int_report_state) the table does not hold yet,
    then deletes every row whose state is no longer current. So a new or re-extracted
    document, a report whose roll-up status changed because a consolidated report arrived,
    a document that left the landing folder and a change to any model or seed are all
    handled by the same two statements, and a build interrupted at any point is repaired
    by the next one.

    The fct_* are views, not copies: a copy of 10 million figures per fact table cost more
    than half of a full build's dbt time and of the warehouse file, and a view costs
    nothing to build. Spark builds plain tables (no delete on Parquet tables, and readers
    of the lake outside Spark need files). -#}

{#- `in_batches`: built a quarter of a million reports at a time (macros/incremental_in_batches.sql). -#}
{% macro figure_materialization(in_batches=false) -%}
    {%- if target.type == 'spark' -%}{{ return('table') }}{%- endif -%}
    {{- return('incremental_in_batches' if in_batches else 'incremental') -}}
{%- endmacro %}

{#- dbt's is_incremental(), which knows only the `incremental` materialization, extended to
    incremental_in_batches. -#}
{% macro is_incremental_build() %}
    {%- if model.config.materialized != 'incremental_in_batches' -%}
        {{ return(is_incremental()) }}
    {%- endif -%}
    {%- if not execute -%}{{ return(false) }}{%- endif -%}
    {%- set relation = adapter.get_relation(this.database, this.schema, this.table) -%}
    {{ return(relation is not none and relation.type == 'table' and not should_full_refresh()) }}
{% endmacro %}

{#- Where the batches of the reports to build start and end: load times, none for unbounded
    at either end; a cut every `reports_per_batch` reports in load order (ties stay in one
    batch). Fewer reports than that: one batch, [none, none]. -#}
{% macro report_batch_bounds(reports_per_batch) %}
    {%- set bounds = [none] -%}
    {%- if execute -%}
        {%- set cuts -%}
            select distinct extracted_at from (
                select
                    extracted_at,
                    row_number() over (order by extracted_at) as position
                from {{ ref('int_report_state') }}
                where extracted_at is not null
                {%- if is_incremental_build() %}
                    and {{ documents_to_build('document_id') }}
                {%- endif %}
            ) as reports
            where position > 1 and (position - 1) % {{ reports_per_batch }} = 0
            order by extracted_at
        {%- endset -%}
        {%- do bounds.extend(run_query(cuts).columns[0].values()) -%}
    {%- endif -%}
    {%- do bounds.append(none) -%}
    {{ return(bounds) }}
{% endmacro %}

{% macro fact_materialization() -%}
    {{- return('table' if target.type == 'spark' else 'view') -}}
{%- endmacro %}

{#- The models' and seeds' checksums and the shared column list: edited code invalidates
    every row, so an incremental table never mixes rows built by two versions. -#}
{% macro code_fingerprint() %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set parts = [fact_columns()] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- if node.resource_type in ('model', 'seed') -%}
            {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(local_md5(parts | join('|'))) }}
{% endmacro %}

{#- The states the table holds, kept beside it as incremental_state.<table>: once a build of the
    table succeeds (its append and its post-hooks are one transaction), it holds exactly the
    current state of every report with rows, so a copy of int_report_state taken then says
    what it holds. Reading that copy instead of the table's distinct states spares a scan of
    every figure on every build (11.9 million rows at 100k reports). A table built before
    the copy existed is read itself. -#}
{% macro built_states() %}
    {%- set states = api.Relation.create(database=this.database, schema='incremental_state',
                                         identifier=this.identifier) -%}
    {%- if execute and adapter.get_relation(database=states.database, schema=states.schema,
                                            identifier=states.identifier) is not none -%}
        {{- return(states) -}}
    {%- endif -%}
    {{- return('(select distinct document_id, build_state from ' ~ this ~ ')') -}}
{% endmacro %}

{#- Documents whose current state this table does not hold: the rows to (re)build. -#}
{% macro documents_to_build(column='document_id') %}
    {{ column }} in (
        select document_id from (
            select document_id, build_state from {{ ref('int_report_state') }}
            except
            select document_id, build_state from {{ built_states() }}
        ) as stale_or_new
    )
{% endmacro %}

{#- The figures of the documents to build, read so that DuckDB skips what it need not
    read: documents read for the first time were loaded after every document already built,
    so a filter on the earliest of their loads (a literal: a subquery would not reach the
    scan) skips the row groups of earlier loads; documents built before whose state changed
    (a consolidated report arrived and changed counted_in_rollups, say) are named one by
    one. Beyond a few thousand of those (a change of code rebuilds every report) the whole
    relation is read, as a plain scan. -#}
{% macro figures_to_build(relation, load_column, max_listed=5000) %}
    {%- if not execute or not is_incremental_build() -%}{{ return(relation) }}{%- endif -%}
    {%- set to_build -%}
        select document_id from {{ ref('int_report_state') }}
        where {{ documents_to_build('document_id') }}
    {%- endset -%}
    {%- set first_load = run_query(
        "select min(documents.extracted_at) from " ~ ref('stg_documents') ~ " as documents"
        ~ " where documents.document_id in (" ~ to_build ~ ") and documents.document_id"
        ~ " not in (select document_id from " ~ built_states() ~ ")").columns[0].values()[0] -%}
    {%- set rebuilt = run_query(
        "select document_id from (" ~ to_build ~ ") as t where document_id in"
        ~ " (select document_id from " ~ built_states() ~ ")").columns[0].values() -%}
    {%- if rebuilt | length > max_listed -%}{{ return(relation) }}{%- endif -%}
    {%- set parts = [] -%}
    {%- if first_load is not none -%}
        {%- do parts.append('select * from ' ~ relation ~ ' where ' ~ load_column ~ ' >= '
                            ~ timestamp_literal(first_load)) -%}
    {%- endif -%}
    {%- if rebuilt | length > 0 -%}
        {%- set older = " and " ~ load_column ~ " < " ~ timestamp_literal(first_load)
                        if first_load is not none else "" -%}
        {%- do parts.append("select * from " ~ relation ~ " where document_id in ('"
                            ~ rebuilt | join("', '") ~ "')" ~ older) -%}
    {%- endif -%}
    {%- if not parts -%}
        {{- return('(select * from ' ~ relation ~ ' where false)') -}}
    {%- endif -%}
    {{- return('(' ~ parts | join(' union all ') ~ ')') -}}
{% endmacro %}

{#- Post-hook: rows of documents that left, stopped being reports, or changed state. Found
    among the held states, a few hundred rows, and deleted only when there are some. -#}
{% macro delete_stale_rows() %}
    {%- if is_incremental_build() -%}
        {%- set stale -%}
            select held.document_id from {{ built_states() }} as held
            where not exists (
                select 1 from {{ ref('int_report_state') }} as current_state
                where current_state.document_id = held.document_id
                    and current_state.build_state = held.build_state
            )
        {%- endset -%}
        {%- if execute and run_query('select count(*) from (' ~ stale ~ ') as s').columns[0].values()[0] == 0 -%}
            {{- return('') -}}
        {%- endif -%}
        delete from {{ this }} as stale
        where stale.document_id in ({{ stale }})
            and not exists (
                select 1 from {{ ref('int_report_state') }} as current_state
                where current_state.document_id = stale.document_id
                    and current_state.build_state = stale.build_state
            )
    {%- endif -%}
{% endmacro %}

{#- Post-hook, after delete_stale_rows: what the table now holds (see built_states). -#}
{% macro record_built_states() %}
    {%- if target.type == 'spark' -%}{{ return('') }}{%- endif -%}
    {%- set states = api.Relation.create(database=this.database, schema='incremental_state',
                                         identifier=this.identifier) %}
    create schema if not exists {{ states.without_identifier() }};
    create or replace table {{ states }} as
    select document_id, build_state from {{ ref('int_report_state') }}
{% endmacro %}

{#- Whether this incremental table already carries build_state: a table built before it
    became incremental does not, and is then rebuilt whole (the post-hook deletes its old
    rows) instead of failing on the missing column. -#}
{% macro holds_build_state() %}
    {%- if not is_incremental_build() -%}{{ return(false) }}{%- endif -%}
    {%- set names = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {{ return('build_state' in names) }}
{% endmacro %}
