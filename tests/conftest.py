"""Shared fixtures: one pipeline for the whole session, and the path to ../shared when present."""
from pathlib import Path

import pytest

import kuaiclaims

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def nlp():
    return kuaiclaims.default_pipeline()


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
