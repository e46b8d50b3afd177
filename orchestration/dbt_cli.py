"""The dbt CLI resource: dbt beside this interpreter, minus a subprocess per build and the
in-process adapter dagster-dbt would load, and never outliving the build that runs it."""

import sys
from collections.abc import Sequence
from functools import cached_property
from importlib.metadata import version as package_version

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version


class InstalledDbtCli(DbtCliResource):
    """dagster-dbt learns dbt's version by running `dbt --version`, which imports all of
    dbt in a new process: about 4 s of every build. The dbt run here is the one installed
    beside this interpreter (dbt_resource), so its version is dbt-core's package version."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(package_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:
        """dagster-dbt loads dbt's profile, adapter and macros into this process before every
        invocation (about 2 s), for column metadata and row counts this project does not
        fetch; the dbt subprocess loads its own. Without it the invocation runs as before."""
        return None


def dbt_resource(project: DbtProject) -> InstalledDbtCli:
    # dagster-dbt runs [dbt_executable, *global_config_flags, ...]: this interpreter and
    # `-m orchestration.dbt_child` put dbt under a launcher that ties its life to ours.
    return InstalledDbtCli(project_dir=project, profiles_dir=project.profiles_dir,
                           dbt_executable=sys.executable,
                           global_config_flags=["-m", "orchestration.dbt_child"])
