-- One row per reporting year: the rules and the report template in force.
select
    report_year,
    regulation_regime,
    template_in_force,
    note
from {{ ref('reporting_years') }}
