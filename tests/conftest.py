from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "data" / "samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def seed_results():
    from ogi.extract import extract_document
    from tests.expected_seeds import SAMPLES

    return {key: extract_document((SAMPLES_DIR / name).read_bytes(), name)
            for key, name in SAMPLES.items()}
