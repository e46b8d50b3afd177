"""The dbt-duckdb plugin that holds dbt's process to its memory budget (profiles.yml):
a memory governor on dbt's DuckDB connection (orchestration/memory_governor.py)."""

from __future__ import annotations

import atexit
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin

from orchestration.memory_governor import Governor, govern


class Plugin(BasePlugin):
    """Its config: `process_memory`, the process's budget, and `memory_limit`, the most of
    it DuckDB's buffers may have. dbt opens the database again whenever no model runs
    (profiles.yml), and each connection gets a governor; the one of the closed connection
    has already stopped."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.process_memory = str(plugin_config["process_memory"])
        self.memory_limit = str(plugin_config["memory_limit"])
        self._governors: list[Governor] = []
        atexit.register(self._stop)

    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._governors = [g for g in self._governors if g.is_alive()]
        governor = govern(conn, self.process_memory, self.memory_limit)
        if governor is not None:
            self._governors.append(governor)

    def _stop(self) -> None:
        for governor in self._governors:
            governor.stop()
