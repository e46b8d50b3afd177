"""Peak resident memory of a build, by kind of process, sampled from /proc (Linux).

ru_maxrss says how large the largest process grew, not which one it was; to tell whether
a peak grows with the corpus, the benchmark has to know whose it is (the build itself, an
extraction worker, dbt's DuckDB, the GX worker)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

PROC = Path("/proc")


def _kind(cmdline: str, pid: int, root: int) -> str:
    if pid == root:
        return "build"
    if "orchestration.dbt_child" in cmdline:
        return "dbt"
    if "gx_worker" in cmdline:
        return "gx"
    # Extraction workers are forked from the build: same command line, another pid.
    return "extraction worker" if "bench.build_once" in cmdline else "other"


def _children(root: int) -> list[int]:
    """The root and every process below it."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in parentheses, may hold spaces: the fields after it do not.
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        tree.extend(frontier)
    return tree


def _rss_kb(pid: int) -> tuple[str, int] | None:
    try:
        cmdline = (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return cmdline, int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


class RssSampler:
    """Samples this process's tree every `interval` seconds while in a `with` block."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_kb: dict[str, int] = defaultdict(int)
        self.peak_at: dict[str, float] = {}  # wall-clock time of each kind's peak
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        if PROC.is_dir():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        root = os.getpid()
        while not self._stop.wait(self.interval):
            for pid in _children(root):
                found = _rss_kb(pid)
                if found:
                    kind = _kind(found[0], pid, root)
                    if found[1] > self.peak_kb[kind]:
                        self.peak_kb[kind] = found[1]
                        self.peak_at[kind] = time.time()

    def peaks_mb(self) -> dict[str, int]:
        return {kind: round(kb / 1024) for kind, kb in sorted(self.peak_kb.items())}


def run_sampled(kind: str, args: list[str], cwd: Path, interval: float = 0.5,
                **run: object) -> tuple[float, int, str]:
    """Seconds, peak RSS (MB) of the child of that kind, and stdout of `python args`; exits
    with the child's output if it failed."""
    start = time.perf_counter()
    with RssSampler(interval) as sampler:
        done = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True,
                              text=True, **run)  # type: ignore[call-overload]
    if done.returncode != 0:
        sys.exit(f"{kind} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return time.perf_counter() - start, sampler.peaks_mb().get(kind, 0), done.stdout
