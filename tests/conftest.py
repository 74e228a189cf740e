"""Shared test set-up: the repository root on sys.path and the fixture catalog."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pricing.catalog import load_catalog  # noqa: E402

FIXTURE_CATALOG = Path(__file__).parent / "fixtures" / "catalog"


@pytest.fixture
def mini_catalog():
    """Round-number prices (not real) for checking engine arithmetic by hand."""
    return load_catalog("us-east-1", FIXTURE_CATALOG)


def pytest_addoption(parser):
    parser.addoption("--fuzz-examples", type=int, default=30,
                     help="designs the fuzzer (tests/test_fuzz_designs.py) generates; the test command runs 30")
