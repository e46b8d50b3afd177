"""The dbt CLI resource, minus a subprocess per build."""

from functools import cached_property
from importlib.metadata import version as package_version

from dagster_dbt import DbtCliResource
from packaging import version


class InstalledDbtCli(DbtCliResource):
    """dagster-dbt learns dbt's version by running `dbt --version`, which imports all of
    dbt in a new process: about 4 s of every build. Our dbt executable is the one installed
    beside this interpreter (definitions.py), so its version is dbt-core's package version."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(package_version("dbt-core"))
