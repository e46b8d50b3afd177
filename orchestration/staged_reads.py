"""How many staged Parquet files one statement reads.

A `read_parquet` over a list of files keeps some state for every file of the list until the
statement ends, about 5 KB a file. A full build stages a file of each table per 125 documents
(8,080 a table at a million documents, 32,320 at four), so one statement per table grew with
the corpus: inserting 120,000 staged files in one statement peaked at 1,285 MB, in
statements of 10,000 files at 764 MB (the build's 400 MB budget). Statements of a bounded
number of files keep the loads' memory flat; below that number (a quarter of a million
documents) nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

FILES_PER_STATEMENT = 2000


def in_slices(files: Sequence[str]) -> Iterator[list[str]]:
    """`files` in consecutive lists of at most FILES_PER_STATEMENT."""
    for start in range(0, len(files), FILES_PER_STATEMENT):
        yield list(files[start:start + FILES_PER_STATEMENT])
