"""The Saved designs page: save, refuse to overwrite without a second click, open, duplicate, rename, delete."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

from models.design.text import load_design_data
from storage import designs
from storage.designs import ENV_VAR, DesignStore
from templates import template_keys, template_text

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "designs"))
    return tmp_path / "designs"


@pytest.fixture
def saved_page(folder) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    at.switch_page("webapp/pages/saved.py").run()
    assert not at.exception
    return at


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    assert not at.exception


def test_an_empty_folder_says_what_to_do(saved_page, folder):
    assert any("No saved designs yet" in i.value for i in saved_page.info)
    assert any(str(folder) in c.value.replace("\\", "") for c in saved_page.caption)  # escaped markdown


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


# ---- a folder with hostile files, concurrent changes, look-alike names, storage faults -----------------

HOSTILE = {
    "garbled": b"name: [unclosed\n",
    "deep": b"[" * 50_000 + b"]" * 50_000,
    "huge_int": b"name: x\nworkload: {requests_per_month: " + b"9" * 5_000 + b"}\n",
    "a_list": b"- 1\n- 2\n",
    "binary": bytes(range(256)) * 8,
    "int_key": b"1: 1\nname: T\nworkload: {requests_per_month: 1}\ncomponents: [{id: fn, type: lambda}]\n",
    "too_big": b"name: x\n" + b"#" * 1_100_000,
}


def test_hostile_files_are_listed_with_a_reason_and_the_rest_still_work(saved_page, folder):
    store = DesignStore(folder)
    store.save("good", load_design_data(template_text("static_site_cdn")))
    for name, raw in HOSTILE.items():
        (folder / f"{name}.yaml").write_bytes(raw)
    saved_page.run()
    assert not saved_page.exception
    table = saved_page.dataframe[0].value
    problems = dict(zip(table["Name"], table["Why it does not open"], strict=True))
    assert set(problems) == set(HOSTILE) | {"good"}
    assert problems["good"] == ""
    assert all(problems[name] for name in HOSTILE)
    assert "not UTF-8 text" in problems["binary"] and "too large" in problems["too_big"]
    for name in HOSTILE:
        before = saved_page.session_state["design"]
        saved_page.selectbox(key="saved_pick").set_value(name).run()
        click(saved_page, "saved_open")
        assert saved_page.error, name  # a message, not a traceback
        assert saved_page.session_state["design"] == before
    saved_page.selectbox(key="saved_pick").set_value("good").run()
    click(saved_page, "saved_open")
    assert saved_page.session_state["design_label"] == "saved:good"
    for name in HOSTILE:  # every unreadable file can still be deleted
        saved_page.selectbox(key="saved_pick").set_value(name).run()
        click(saved_page, "saved_delete")
        click(saved_page, "saved_delete_yes")
    assert store.names() == ["good"]


def test_a_hostile_file_gives_its_reason_in_japanese(saved_page, folder):
    folder.mkdir(parents=True)
    (folder / "binary.yaml").write_bytes(HOSTILE["binary"])
    saved_page.session_state["lang"] = "ja"
    saved_page.run()
    assert not saved_page.exception
    table = saved_page.dataframe[0].value
    assert "UTF-8 のテキストではありません" in table["開けない理由"][0]


def test_saving_over_a_design_changed_since_it_was_opened_says_so(saved_page, folder):
    store = DesignStore(folder)
    store.save("shared", load_design_data(template_text("static_site_cdn")))
    saved_page.run()
    saved_page.selectbox(key="saved_pick").set_value("shared").run()
    click(saved_page, "saved_open")
    mine = saved_page.session_state["design"]
    store.save("shared", load_design_data(template_text("save_app_data")), overwrite=True)  # another tab
    saved_page.text_input(key="save_name").set_value("shared")
    click(saved_page, "save_btn")
    assert any("was changed at" in w.value and "after you opened it" in w.value for w in saved_page.warning)
    assert store.load("shared")["name"].startswith("Save app data")  # untouched until confirmed
    click(saved_page, "overwrite_yes")
    assert store.load("shared") == mine


def test_a_change_while_the_question_is_open_is_not_overwritten(saved_page, folder):
    store = DesignStore(folder)
    store.save("shared", load_design_data(template_text("static_site_cdn")))
    saved_page.run()
    saved_page.text_input(key="save_name").set_value("shared")
    click(saved_page, "save_btn")
    assert any("exists already" in w.value for w in saved_page.warning)
    other = load_design_data(template_text("save_app_data"))
    store.save("shared", other, overwrite=True)  # lands while the question is on screen
    mine = saved_page.session_state["design"]
    click(saved_page, "overwrite_yes")
    assert any("Not saved" in e.value and "was changed at" in e.value for e in saved_page.error)
    assert store.load("shared") == other  # the other writer's design is not lost
    assert saved_page.session_state["design"] == mine  # and neither is this one: asked again
    assert any("Replace that newer version" in w.value for w in saved_page.warning)
    click(saved_page, "overwrite_yes")
    assert store.load("shared") == mine


def test_a_look_alike_name_asks_before_replacing(saved_page, folder):
    store = DesignStore(folder)
    store.save("Photo", load_design_data(template_text("static_site_cdn")))
    saved_page.run()
    saved_page.text_input(key="save_name").set_value("ＰＨＯＴＯ")
    click(saved_page, "save_btn")
    assert any("“Photo” exists already" in w.value and "upper/lower case" in w.value for w in saved_page.warning)
    assert store.load("Photo")["name"] == load_design_data(template_text("static_site_cdn"))["name"]
    click(saved_page, "overwrite_yes")
    assert store.names() == ["Photo"]
    assert store.load("Photo") == saved_page.session_state["design"]


def _full_disk(fd, raw):
    import os

    os.write(fd, raw[:10])
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("lang, text", [("en", "is full. Nothing was changed"), ("ja", "ディスクがいっぱいです")])
def test_a_full_disk_is_a_message_and_the_old_file_survives(saved_page, folder, monkeypatch, lang, text):
    store = DesignStore(folder)
    store.save("kept", load_design_data(template_text("static_site_cdn")))
    before = (folder / "kept.yaml").read_bytes()
    monkeypatch.setattr(designs, "_write_fully", _full_disk)
    saved_page.session_state["lang"] = lang
    saved_page.text_input(key="save_name").set_value("kept")
    saved_page.session_state["lang"] = lang
    click(saved_page, "save_btn")
    saved_page.session_state["lang"] = lang
    click(saved_page, "overwrite_yes")
    assert any(text in e.value for e in saved_page.error)
    assert (folder / "kept.yaml").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [".lock", "kept.yaml"]


def test_a_name_too_long_in_bytes_is_a_message(saved_page, folder):
    saved_page.text_input(key="save_name").set_value("😀" * 64)
    click(saved_page, "save_btn")
    assert any("256 bytes in UTF-8" in e.value for e in saved_page.error)
    assert not folder.exists() or not list(folder.glob("*.yaml"))


def test_a_folder_setting_that_names_a_file_is_a_message(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "file"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("webapp/pages/saved.py").run()
    assert not at.exception
    assert any("is a file, not a folder" in e.value for e in at.error)


def test_markdown_in_a_name_is_shown_as_text(saved_page, folder):
    saved_page.text_input(key="save_name").set_value("![x](evil) [login](x) $x$")
    click(saved_page, "save_btn")
    assert DesignStore(folder).names() == ["![x](evil) [login](x) $x$"]
    message = next(s.value for s in saved_page.success)
    assert "![x](evil)" not in message and "[login](x)" not in message and "$x$" not in message
    assert r"\!\[x\]\(evil\)" in message


def test_the_changed_question_in_japanese(saved_page, folder):
    store = DesignStore(folder)
    store.save("共有", load_design_data(template_text("static_site_cdn")))
    saved_page.session_state["lang"] = "ja"
    saved_page.run()
    saved_page.text_input(key="save_name").set_value("共有")
    saved_page.session_state["lang"] = "ja"
    click(saved_page, "save_btn")
    store.save("共有", load_design_data(template_text("save_app_data")), overwrite=True)
    saved_page.session_state["lang"] = "ja"
    click(saved_page, "overwrite_yes")
    assert any("保存していません" in e.value and "別のタブまたはプログラムで変更されました" in e.value
               for e in saved_page.error)
    assert any("その新しい版を現在の設計で置き換えますか" in w.value for w in saved_page.warning)
    assert store.load("共有")["name"].startswith("Save app data")


def test_the_list_shows_each_designs_region_and_monthly_total(saved_page, folder):
    """S2 of the UX review: the list says what each saved design is (region, total), not only its name."""
    from service import estimate_data

    saved_page.text_input(key="save_name").set_value("Customer A")
    click(saved_page, "save_btn")
    table = next(d.value for d in saved_page.dataframe if "Monthly (USD)" in d.value.columns)
    row = table[table["Name"] == "Customer A"].iloc[0]
    expected = float(estimate_data(load_design_data(template_text("photo_thumbnails"))).total_usd)
    assert row["Region"] == "ap-northeast-1"
    assert row["Monthly (USD)"] == pytest.approx(expected)


def test_the_design_page_names_the_saved_design_it_shows_and_says_when_it_was_edited(saved_page, folder):
    """ux.md S2: after Open, the Design page shows the name it was saved under (also after a rename), and
    "(modified since it was opened)" after an edit."""
    DesignStore(folder).save("Customer A – SQS variant 写真", load_design_data(template_text("photo_thumbnails_sqs")))
    saved_page.run()
    saved_page.selectbox(key="saved_pick").set_value("Customer A – SQS variant 写真").run()
    click(saved_page, "saved_open")
    saved_page.text_input(key="saved_new_name.Customer A – SQS variant 写真").set_value("Customer A 写真")
    click(saved_page, "saved_rename")
    saved_page.switch_page("webapp/pages/design.py").run()
    assert not saved_page.exception
    captions = [c.value.replace("\\", "") for c in saved_page.caption]  # plain() escapes markdown
    assert "💾 Saved design: Customer A 写真" in captions, captions
    key = next(n.key for n in saved_page.number_input if n.key.endswith(".requests"))
    saved_page.number_input(key=key).set_value(4_000_000).run()
    captions = [c.value.replace("\\", "") for c in saved_page.caption]  # plain() escapes markdown
    assert "💾 Saved design: Customer A 写真 (modified since it was opened)" in captions, captions


def test_a_phone_gets_a_card_per_saved_design_with_its_total(saved_page, folder):
    """ux.md F4: the saved list as cards on a narrow screen: the saved name and total, then the design's name,
    region and date (a design that does not price has no total)."""
    from service import estimate_data

    saved_page.text_input(key="save_name").set_value("Customer A")
    click(saved_page, "save_btn")
    (folder / "broken.yaml").write_text("name: x\ncomponents: [{id: a, type: lamda}]\n", encoding="utf-8")
    saved_page.run()
    cards = next(m.value for m in saved_page.markdown if "Customer A" in m.value and "·" in m.value)
    text = cards.replace("\\", "")
    expected = float(estimate_data(load_design_data(template_text("photo_thumbnails"))).total_usd)
    assert f"**Customer A** · **${expected:,.2f}**" in text
    assert "ap-northeast-1" in text
    assert "**broken**  \nx  \n" in text  # a design that does not price: no total, its own name "x"


# ---- the template a saved design started from (ux.md S2) ----------------------------------------------------

def test_the_list_and_the_cards_name_the_template_each_design_started_from(saved_page, folder):
    """ux.md S2: a "Template" column (and a line on a phone's card) with the template picker's own words, "—" for a
    design that did not start from one (saved from a file, or before the store kept templates)."""
    saved_page.text_input(key="save_name").set_value("Customer A")
    click(saved_page, "save_btn")
    assert DesignStore(folder).template("Customer A") == "photo_thumbnails"
    DesignStore(folder).save("old", load_design_data(template_text("static_site_cdn")))  # no template recorded
    saved_page.run()
    table = next(d.value for d in saved_page.dataframe if "Template" in d.value.columns)
    assert dict(zip(table["Name"], table["Template"])) == {
        "Customer A": "Photo upload with thumbnails (S3 events)", "old": "—"}
    cards = next(m.value for m in saved_page.markdown if "Customer A" in m.value and "·" in m.value).replace("\\", "")
    assert "Template: Photo upload with thumbnails (S3 events)" in cards
    assert "**old** · " in cards and "Template: —" in cards


def test_opening_a_saved_design_and_saving_it_again_keeps_its_template(saved_page, folder):
    store = DesignStore(folder)
    store.save("cdn", load_design_data(template_text("static_site_cdn")), template="static_site_cdn")
    saved_page.run()
    saved_page.selectbox(key="saved_pick").set_value("cdn").run()
    click(saved_page, "saved_open")
    saved_page.text_input(key="save_name").set_value("cdn")
    click(saved_page, "save_btn")
    click(saved_page, "overwrite_yes")
    assert store.template("cdn") == "static_site_cdn"
    saved_page.text_input(key="save_name").set_value("cdn 2")  # saved under a new name: the same template
    click(saved_page, "save_btn")
    assert store.template("cdn 2") == "static_site_cdn"


def test_a_design_from_a_link_or_a_file_is_saved_without_a_template(folder):
    from storage.share import encode_design

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["d"] = encode_design(load_design_data(template_text("static_site_cdn")))
    at.run()
    at.switch_page("webapp/pages/saved.py").run()
    at.text_input(key="save_name").set_value("from a link")
    click(at, "save_btn")
    assert DesignStore(folder).template("from a link") is None
    assert list(at.dataframe[0].value["Template"]) == ["—"]


def test_a_design_edited_as_yaml_still_started_from_its_template(folder):
    at = AppTest.from_file(APP, default_timeout=60).run()
    open_editors(at.selectbox(key="template").set_value("static_site_cdn").run())
    editor = at.text_area[0]
    editor.set_value(editor.value.replace("name: ", "name: Edited ", 1))
    next(b for b in at.button if b.label == "Apply").click().run()
    assert not at.exception
    assert at.session_state["design"]["name"].startswith("Edited ")
    at.switch_page("webapp/pages/saved.py").run()
    at.text_input(key="save_name").set_value("edited")
    click(at, "save_btn")
    assert DesignStore(folder).template("edited") == "static_site_cdn"


def test_the_template_column_and_card_line_in_japanese(saved_page, folder):
    from test_all_japanese import english

    saved_page.text_input(key="save_name").set_value("顧客 A")
    click(saved_page, "save_btn")
    (folder / "broken.yaml").write_text("name: x\ncomponents: [{id: a, type: lamda}]\n", encoding="utf-8")
    saved_page.session_state["lang"] = "ja"
    saved_page.run()
    assert not saved_page.exception
    table = next(d.value for d in saved_page.dataframe if "テンプレート" in d.value.columns)
    assert dict(zip(table["名前"], table["テンプレート"])) == {"broken": "—", "顧客 A": "写真アップロードとサムネイル作成 (S3 イベント)"}
    cards = next(m.value for m in saved_page.markdown if "顧客 A" in m.value and "·" in m.value).replace("\\", "")
    assert "テンプレート：写真アップロードとサムネイル作成 (S3 イベント)" in cards and "テンプレート：—" in cards
    problems = [p for p in english(saved_page, "saved (ja)") if not p.startswith("'broken'")]  # the saved name
    assert not problems, problems


def test_an_unchanged_templates_design_name_reads_japanese_in_the_japanese_list(saved_page, folder):
    from i18n.catalog import t
    from i18n.templates_ja import TEMPLATES_JA

    DesignStore(folder).save("mine", load_design_data(template_text("photo_thumbnails")))
    edited = load_design_data(template_text("photo_thumbnails"))
    edited["name"] = "Customer A photos"
    DesignStore(folder).save("theirs", edited)
    saved_page.session_state["lang"] = "ja"
    saved_page.run()
    assert not saved_page.exception
    names = dict(zip(saved_page.dataframe[0].value[t("col_saved_name", "ja")],
                     saved_page.dataframe[0].value[t("col_design_name", "ja")], strict=True))
    assert names == {"mine": TEMPLATES_JA["photo_thumbnails"][0], "theirs": "Customer A photos"}  # the user's own stays
