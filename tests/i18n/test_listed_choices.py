"""A Japanese error lists the allowed choices with 、, not pydantic's English "or" (ux.md J4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from i18n.engine_ja import say
from models.design.schema import DesignError, parse_design
from models.design.text import load_design_data

ROOT = Path(__file__).resolve().parents[2]


def problem_for(architecture: str):
    data = load_design_data((ROOT / "templates" / "save_app_data.yaml").read_text())
    data["components"][1]["architecture"] = architecture
    with pytest.raises(DesignError) as err:
        parse_design(data)
    return err.value.problems[0]


def test_the_allowed_architectures_are_joined_in_japanese():
    problem = problem_for("sparc")
    assert problem.endswith("allowed: 'x86_64' or 'arm64'")  # the English stays English
    assert say(problem, "ja").endswith("使用できるもの：'x86_64'、'arm64'")
    assert " or " not in say(problem, "ja")
