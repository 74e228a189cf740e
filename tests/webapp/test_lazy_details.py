"""The detail tables under the Design (and Cost), Limits and Compare grids are drawn only while their expander is
open (webapp/views/lazy.py), and then hold one row per row of the grid above, with the same names."""

from __future__ import annotations

from pathlib import Path

import pytest
from cards_support import grid
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

from i18n.catalog import t

APP = str(Path(__file__).resolve().parents[2] / "app.py")
#: page, the expander's key, the grid's container key, the column both name each row by
CASES = [
    ("webapp/pages/design.py", "line_item_details", "line_items", "col_component"),
    ("webapp/pages/cost.py", "line_item_details", "line_items", "col_component"),
    ("webapp/pages/limits.py", "check_details", "readiness", None),
    ("webapp/pages/compare.py", "compare_details", "compare", "col_design"),
]


def opened_page(page: str, **state) -> AppTest:
    """`page` drawn, then drawn again with `state` set (as a click on its expander sets it)."""
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page(page).run()
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("page", "key", "grid_key", "name_column"), CASES)
def test_a_closed_details_expander_draws_no_table(page, key, grid_key, name_column):
    at = opened_page(page)
    assert len(at.table) == 0
    assert at.session_state[key] is False


@pytest.mark.parametrize(("page", "key", "grid_key", "name_column"), CASES)
def test_an_open_details_expander_has_a_row_per_grid_row(page, key, grid_key, name_column):
    at = opened_page(page, **{key: True})
    assert len(at.table) == 1
    details, shown = at.table[0].value, grid(at, grid_key)
    assert len(details) == len(shown) > 0
    if name_column is None:  # Limits: the details are headed in words; the check names are the first column
        assert list(details.iloc[:, 0]) == list(shown.iloc[:, 1])
    else:
        column = t(name_column, "en")
        assert list(details[column]) == list(shown[column])


def test_closing_the_details_again_removes_the_table():
    at = opened_page("webapp/pages/design.py", line_item_details=True)
    assert len(at.table) == 1
    at.session_state["line_item_details"] = False
    at.run()
    assert len(at.table) == 0


def test_the_component_editors_draw_their_fields_only_while_open_and_stay_open_after_an_edit():
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not [n for n in at.number_input if n.key.endswith(".memory_mb")]  # closed: no component field drawn
    assert "YAML" not in [area.label for area in at.text_area]  # nor the YAML editor
    open_editors(at)
    memory = next(n for n in at.number_input if n.key.endswith(".memory_mb"))
    index = int(memory.key.split(".")[1])
    memory.set_value(1536).run()
    assert not at.exception
    assert at.session_state["design"]["components"][index]["memory_mb"] == 1536
    # the edit reran the page with the editor still open, showing the new value
    assert next(n for n in at.number_input if n.key.endswith(f".{index}.memory_mb")).value == 1536
    assert "YAML" in [area.label for area in at.text_area]
