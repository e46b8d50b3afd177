{{ config(
    materialized=figure_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    post_hook=["{{ delete_stale_rows() }}", "{{ record_built_states() }}"],
    meta={'new_rows_column': 'built_at'},
) }}
-- depends_on: {{ ref('stg_documents') }}
-- How requests were answered, in categories that mean the same before and after the 2019
-- revision: one row per annual report x harmonized category. The rule is written out in
-- _marts.yml; in short: exact figures of the total column, the report era's codes only,
-- a subtotal only when none of its sub-rows is printed (before 2019 also the part of a
-- stated subtotal that its sub-rows leave unexplained), so nothing is counted twice.
-- A report's rows depend on that report alone: incremental on its build_state, like the
-- figures (macros/incremental_figures.sql).
with reports as (
    select
        dim_report.report_id,
        dim_report.document_id,
        report_state.build_state,
        dim_report.adcode,
        dim_report.jurisdiction_name,
        dim_report.report_year,
        dim_report.scope,
        dim_report.template,
        dim_report.counted_in_rollups,
        -- The year decides the era; the template only when the year is unknown.
        case
            when dim_report.report_year >= 2019 then '2019plus'
            when dim_report.report_year < 2019 then 'pre2019'
            when dim_report.template in ('table_2019', 'table_2021') then '2019plus'
            else 'pre2019'
        end as era
    from {{ ref('dim_report') }} as dim_report
    inner join {{ ref('int_report_state') }} as report_state
        on dim_report.document_id = report_state.document_id
    where dim_report.doc_type = 'annual_report'
    {% if holds_build_state() %}
        and {{ documents_to_build('dim_report.document_id') }}
    {% endif %}
),

-- Each code of a category as one bit (at most 18 codes in a category; a 64th would fail
-- the cast), so that the codes summed into a row are a number while millions of rows are
-- aggregated: DuckDB cannot spill a list aggregate to disk, and at a million reports the
-- lists alone outgrow its memory budget.
harmonization as (
    select
        *,
        cast(power(2, row_number() over (
            partition by harmonized_category order by metric_code
        ) - 1) as bigint) as code_bit
    from {{ ref('disposition_harmonization') }}
),

-- A subtotal is a non-grand-total code `<group>.total`; its sub-rows are the codes that
-- start with `<group>.` (disp.denied.total <- disp.denied.state_secret ...).
subtotals as (
    select
        metric_code as subtotal_code,
        substr(metric_code, 1, length(metric_code) - length('total')) as sub_row_prefix
    from harmonization
    where metric_code like '%.total' and harmonized_category <> 'total'
),

codes as (
    select
        harmonization.metric_code,
        harmonization.harmonized_category,
        harmonization.mapping_clean,
        harmonization.code_bit,
        subtotals.subtotal_code as part_of,
        case when {{ starts_with('harmonization.metric_code', "'disp.pre.'") }} then 'pre2019'
            else '2019plus' end as era
    from harmonization
    left join subtotals
        on {{ starts_with('harmonization.metric_code', 'subtotals.sub_row_prefix') }}
        and harmonization.metric_code <> subtotals.subtotal_code
),

figures as (
    select
        dispositions.report_id,
        reports.era,
        dispositions.metric,
        dispositions.value,
        codes.harmonized_category,
        codes.mapping_clean,
        codes.code_bit,
        codes.part_of
    -- Only the rows of the reports to build are read (macros/incremental_figures.sql); a
    -- row is built after its document was loaded, so built_at bounds it like extracted_at.
    from {{ figures_to_build(ref('fct_dispositions'), 'built_at') if holds_build_state()
            else ref('fct_dispositions') }} as dispositions
    inner join reports on dispositions.report_id = reports.report_id
    -- Only the era's own codes: a 2019+ form and a pre-2019 reply list are never mixed.
    inner join codes on dispositions.metric = codes.metric_code and codes.era = reports.era
    where dispositions.qualifier = 'exact'
        and dispositions.applicant_type = 'total'
),

sub_rows as (
    select
        report_id,
        part_of as subtotal_code,
        sum(value) as sub_rows_value
    from figures
    where part_of is not null
    group by report_id, part_of
),

contributions as (
    select
        figures.report_id,
        figures.metric,
        figures.harmonized_category,
        figures.mapping_clean,
        figures.code_bit,
        case
            when sub_rows.subtotal_code is null then figures.value
            -- The 2019+ form prints every sub-row: the table wins over a prose subtotal.
            when figures.era = '2019plus' then null
            -- Prose before 2019 often lists only some reasons (其中…): keep the rest.
            else figures.value - sub_rows.sub_rows_value
        end as value,
        sub_rows.subtotal_code is not null as is_remainder
    from figures
    left join sub_rows
        on figures.report_id = sub_rows.report_id
        and figures.metric = sub_rows.subtotal_code
),

by_category as (
    select
        report_id,
        harmonized_category,
        sum(value) as value,
        -- A code that contributes 0 cannot make the comparison unfair.
        bool_and(mapping_clean or value = 0) as mapping_clean,
        bit_or(code_bit) as metric_bits
    from contributions
    -- A subtotal its sub-rows fully explain (or exceed) adds nothing and is not listed.
    where value is not null and not (is_remainder and value <= 0)
    group by report_id, harmonized_category
),

-- The codes of each set of bits that occurs, listed once per set (a few hundred sets).
code_lists as (
    select
        code_sets.harmonized_category,
        code_sets.metric_bits,
        {{ sorted_list('harmonization.metric_code') }} as metric_codes
    from (select distinct harmonized_category, metric_bits from by_category) as code_sets
    inner join harmonization
        on code_sets.harmonized_category = harmonization.harmonized_category
        and (code_sets.metric_bits & harmonization.code_bit) <> 0
    group by code_sets.harmonized_category, code_sets.metric_bits
),

categories as (
    select * from (values
        (1, 'full_grant'),
        (2, 'partial_grant'),
        (3, 'exempt_denial'),
        (4, 'not_held'),
        (5, 'procedural'),
        (6, 'other'),
        (7, 'total')
    ) as categories (category_order, harmonized_category)
)

select
    reports.report_id,
    reports.adcode,
    reports.jurisdiction_name,
    reports.report_year,
    reports.scope,
    reports.template,
    reports.counted_in_rollups,
    reports.era,
    categories.harmonized_category,
    categories.category_order,
    by_category.value,
    by_category.mapping_clean,
    code_lists.metric_codes,
    reports.document_id,
    reports.build_state,
    {{ build_started_at() }} as built_at
from reports
cross join categories
left join by_category
    on reports.report_id = by_category.report_id
    and categories.harmonized_category = by_category.harmonized_category
left join code_lists
    on by_category.harmonized_category = code_lists.harmonized_category
    and by_category.metric_bits = code_lists.metric_bits
