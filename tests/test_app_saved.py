"""The Saved designs page: save, refuse to overwrite without a second click, open, duplicate, rename, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models.design_text import load_design_data
from storage.designs import ENV_VAR, DesignStore
from templates import template_keys, template_text

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "designs"))
    return tmp_path / "designs"


@pytest.fixture
def saved_page(folder) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    at.switch_page("app_pages/saved.py").run()
    assert not at.exception
    return at


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    assert not at.exception


def test_an_empty_folder_says_what_to_do(saved_page, folder):
    assert any("No saved designs yet" in i.value for i in saved_page.info)
    assert any(str(folder) in c.value for c in saved_page.caption)


def test_save_then_asks_before_overwriting(saved_page, folder):
    saved_page.text_input(key="save_name").set_value("Photo v1")
    click(saved_page, "save_btn")
    assert any("Saved as “Photo v1”" in s.value for s in saved_page.success)
    assert DesignStore(folder).load("Photo v1") == saved_page.session_state["design"]
    assert list(saved_page.dataframe[0].value["Name"]) == ["Photo v1"]
    # the same name again: a question, and the file is untouched until confirmed
    saved_page.session_state["design"] = load_design_data(template_text("save_app_data"))
    click(saved_page, "save_btn")
    assert any("exists already" in w.value for w in saved_page.warning)
    assert DesignStore(folder).load("Photo v1")["name"].startswith("Photo upload")
    click(saved_page, "overwrite_cancel")
    assert DesignStore(folder).load("Photo v1")["name"].startswith("Photo upload")
    click(saved_page, "save_btn")
    click(saved_page, "overwrite_yes")
    assert DesignStore(folder).load("Photo v1")["name"].startswith("Save app data")


def test_a_bad_name_is_a_message(saved_page, folder):
    saved_page.text_input(key="save_name").set_value("a/b")
    click(saved_page, "save_btn")
    assert any("cannot contain '/'" in e.value for e in saved_page.error)
    assert not folder.exists() or not any(folder.iterdir())


def test_open_duplicate_rename_delete(saved_page, folder):
    store = DesignStore(folder)
    store.save("cdn", load_design_data(template_text("static_site_cdn")))
    saved_page.run()
    saved_page.selectbox(key="saved_pick").set_value("cdn").run()
    click(saved_page, "saved_open")
    assert saved_page.session_state["design"]["name"] == load_design_data(template_text("static_site_cdn"))["name"]
    assert saved_page.session_state["design_label"] == "saved:cdn"
    click(saved_page, "saved_duplicate")
    assert store.names() == ["cdn", "cdn (copy)"]
    assert saved_page.selectbox(key="saved_pick").value == "cdn (copy)"
    saved_page.text_input(key="saved_new_name.cdn (copy)").set_value("cdn tokyo")
    click(saved_page, "saved_rename")
    assert store.names() == ["cdn", "cdn tokyo"]
    saved_page.selectbox(key="saved_pick").set_value("cdn tokyo").run()
    click(saved_page, "saved_delete")
    assert store.names() == ["cdn", "cdn tokyo"]  # not yet: it asks first
    assert any("cannot be undone" in w.value for w in saved_page.warning)
    click(saved_page, "saved_delete_yes")
    assert store.names() == ["cdn"]


def test_renaming_onto_an_existing_name_is_refused(saved_page, folder):
    store = DesignStore(folder)
    for key in template_keys()[:2]:
        store.save(key, load_design_data(template_text(key)))
    saved_page.run()
    first, second = template_keys()[:2]
    saved_page.selectbox(key="saved_pick").set_value(first).run()
    saved_page.text_input(key=f"saved_new_name.{first}").set_value(second)
    click(saved_page, "saved_rename")
    assert any("exists already" in e.value for e in saved_page.error)
    assert store.names() == sorted([first, second])


def test_a_broken_saved_file_does_not_open(saved_page, folder):
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text("name: x\ncomponents: [{id: a, type: lamda}]\n", encoding="utf-8")
    (folder / "garbled.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    saved_page.run()
    assert list(saved_page.dataframe[0].value["Design name"]) == ["x", "(not a valid design file)"]
    saved_page.selectbox(key="saved_pick").set_value("broken").run()
    before = saved_page.session_state["design"]
    click(saved_page, "saved_open")
    assert any("unknown component type 'lamda'" in e.value for e in saved_page.error)
    assert saved_page.session_state["design"] == before


def test_japanese_page(saved_page):
    # AppTest runs the page without app.py's language radio, so its value is set before each run
    saved_page.session_state["lang"] = "ja"
    saved_page.run()
    assert not saved_page.exception
    assert any("保存した設計はまだありません" in i.value for i in saved_page.info)
    saved_page.text_input(key="save_name").set_value("")
    saved_page.session_state["lang"] = "ja"
    click(saved_page, "save_btn")
    assert any("名前を入力してください" in e.value for e in saved_page.error)
