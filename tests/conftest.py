"""Shared test set-up: the repository root and tests/ (the shared test helpers) on sys.path, the fixture catalog.

Tests mirror the product tree: tests/models/, tests/service/, tests/aws/, ... ; tests that span it
(architecture, packaging, input boundary, fuzzing) stay at the top."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # account_support, sim, worst_designs, ...

from pricing.catalog import load_catalog  # noqa: E402

FIXTURE_CATALOG = Path(__file__).parent / "fixtures" / "catalog"


@pytest.fixture
def mini_catalog():
    """Round-number prices (not real) for checking engine arithmetic by hand."""
    return load_catalog("us-east-1", FIXTURE_CATALOG)


def pytest_addoption(parser):
    parser.addoption("--fuzz-examples", type=int, default=30,
                     help="designs the fuzzer (tests/test_fuzz_designs.py) generates; the test command runs 30")


# ---- region
@pytest.fixture(autouse=True, scope="session")
def _no_user_price_cache(tmp_path_factory):
    """Catalogs refreshed into the user's cache (~/.cache/serverless-planner) never reach a test: a design in a
    Region without a bundled catalog prices only from the catalog a test itself builds."""
    import os

    saved = os.environ.get("SERVERLESS_PLANNER_CACHE")
    os.environ["SERVERLESS_PLANNER_CACHE"] = str(tmp_path_factory.mktemp("price-cache"))
    yield
    if saved is None:
        os.environ.pop("SERVERLESS_PLANNER_CACHE", None)
    else:
        os.environ["SERVERLESS_PLANNER_CACHE"] = saved
# ---- end region
