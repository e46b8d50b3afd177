"""Free disk, checked before a benchmark starts rather than found missing at its end.

A full disk stopped two runs after their slow part: the million's second build (24 GB were
free beside the corpus, the build and its published copy took them) and the first 30x proxy
(33 GB of spill in five minutes). The estimates below are what those runs took, measured.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# Per document of `make bench`: its synthetic file (2,089 MB for 100k), and what a full build
# and then adding 1% keep and spill at once (a million's build took more than the 24 GB free
# beside its corpus: the build database, its published copy, the texts, the second build's).
CORPUS_BYTES_PER_DOC = 21_000
BUILD_BYTES_PER_DOC = 30_000
# Per multiple, the most `bench.scale_proxy` has on disk at once, over the size of the build
# database it multiplies. dbt's step (the copy, dbt's tables, its spill) took 19.7 GB at 20x
# and 32 GB at 30x of the 100k database (731 MiB), 1.3 and 1.4 times as much; the publish
# step holds the built database (14,979 MB at 20x, 18,440 at 30x) and its published copy,
# up to 2.05 times as much. A fifth more is kept.
PROXY_SPACE_PER_SOURCE_BYTE = 2.5


def bench_bytes(docs: int, corpus_exists: bool) -> int:
    """What `make bench` needs free to build `docs` documents (and add 1% to them)."""
    corpus = 0 if corpus_exists else docs * CORPUS_BYTES_PER_DOC * 101 // 100
    return corpus + docs * BUILD_BYTES_PER_DOC


def proxy_bytes(times: int, source_bytes: int) -> int:
    """What `bench.scale_proxy` needs free for one size, multiplying a build database of
    `source_bytes`; sizes run one after another, each one's folder removed before the next."""
    return int(times * source_bytes * PROXY_SPACE_PER_SOURCE_BYTE)


def free_bytes(folder: Path) -> int:
    """Free bytes on the disk `folder` is (or will be) on."""
    existing = folder.resolve()
    while not existing.exists():
        existing = existing.parent
    return shutil.disk_usage(existing).free


def require_free(folder: Path, needed: int, what: str) -> None:
    """Stop, saying how much is missing, unless `needed` bytes are free under `folder`."""
    free = free_bytes(folder)
    if free < needed:
        raise SystemExit(
            f"{what} needs about {needed / 1e9:.1f} GB of free disk under {folder}, and "
            f"{free / 1e9:.1f} GB are free: free some, choose a smaller size, or pass "
            "--ignore-disk to try anyway.")
