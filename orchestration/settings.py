"""Where things live, and the environment that keeps every tool offline.

Imported first by definitions.py so that dbt, Dagster and GX see the settings before they
start: no usage statistics, no version checks, no network at run time.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

OFFLINE_ENV = {
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    "DBT_VERSION_CHECK": "False",
    "DO_NOT_TRACK": "1",
    "DAGSTER_DISABLE_TELEMETRY": "1",
    "GX_ANALYTICS_ENABLED": "False",
}


def apply_offline_env() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


def project_path(env: str, default: str) -> Path:
    value = Path(os.environ.get(env, default))
    return value if value.is_absolute() else PROJECT_ROOT / value


