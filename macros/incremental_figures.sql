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

{% macro figure_materialization() -%}
    {{- return('table' if target.type == 'spark' else 'incremental') -}}
{%- endmacro %}

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

{#- Documents whose current state this table does not hold: the rows to (re)build. -#}
{% macro documents_to_build(column='document_id') %}
    {{ column }} in (
        select document_id from (
            select document_id, build_state from {{ ref('int_report_state') }}
            except
            select distinct document_id, build_state from {{ this }}
        ) as stale_or_new
    )
{% endmacro %}

{#- Post-hook: rows of documents that left, stopped being reports, or changed state. -#}
{% macro delete_stale_rows() %}
    {%- if is_incremental() -%}
        delete from {{ this }} as stale
        where not exists (
            select 1 from {{ ref('int_report_state') }} as current_state
            where current_state.document_id = stale.document_id
                and current_state.build_state = stale.build_state
        )
    {%- endif -%}
{% endmacro %}

{#- Whether this incremental table already carries build_state: a table built before it
    became incremental does not, and is then rebuilt whole (the post-hook deletes its old
    rows) instead of failing on the missing column. -#}
{% macro holds_build_state() %}
    {%- if not is_incremental() -%}{{ return(false) }}{%- endif -%}
    {%- set names = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {{ return('build_state' in names) }}
{% endmacro %}
