"""The loads read staged files a bounded number per statement (orchestration/staged_reads.py)."""

import pytest

from orchestration import staged_reads


def test_slices_cover_every_file_once_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staged_reads, "FILES_PER_STATEMENT", 3)
    files = [f"figures-{n:05d}.parquet" for n in range(7)]
    assert list(staged_reads.in_slices(files)) == [files[0:3], files[3:6], files[6:7]]
    assert list(staged_reads.in_slices([])) == []
