"""The dbt project as Dagster sees it. Kept apart from the assets so that
`dagster-dbt project prepare-and-package` and `dbt parse` can import it alone."""

from dagster_dbt import DbtProject

from orchestration.settings import PROJECT_ROOT

dbt_project = DbtProject(project_dir=PROJECT_ROOT, profiles_dir=PROJECT_ROOT)
dbt_project.prepare_if_dev()
