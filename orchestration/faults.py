"""Fault injection for the crash-safety tests: OGI_CRASH_AT=<point> makes the build kill
itself with SIGKILL there, as a power cut or an OOM kill would. Unset, it does nothing."""

from __future__ import annotations

import os
import signal
import threading

POINTS = ("extraction", "loads", "dbt", "publish")


def crash_point(point: str) -> None:
    if os.environ.get("OGI_CRASH_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


def crash_later(point: str, seconds: float) -> None:
    """Kill the process `seconds` from now if `point` is armed (for steps that block)."""
    if os.environ.get("OGI_CRASH_AT") == point:
        threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGKILL)).start()
