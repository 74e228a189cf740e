"""The saved-designs tests' shared fixtures: an empty store in a temporary folder and a template's design."""

from __future__ import annotations

import pytest

from models.design.text import load_design_data
from storage.designs import DesignStore
from templates import template_text


@pytest.fixture
def store(tmp_path) -> DesignStore:
    return DesignStore(tmp_path / "designs")


@pytest.fixture
def design() -> dict:
    return load_design_data(template_text("photo_thumbnails"))
