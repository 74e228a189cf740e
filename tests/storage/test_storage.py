"""Saved designs on disk (atomic, never overwritten without asking) and designs inside share links."""

from __future__ import annotations

import base64
import os
import zlib
from pathlib import Path

import pytest

from models.design.schema import DesignError
from models.design.text import load_design_data
from storage.designs import ENV_VAR, DesignExists, DesignNotFound, DesignStore, StorageError, check_name, designs_folder
from storage.share import decode_design, encode_design, share_url
from templates import template_keys, template_text


def test_the_folder_comes_from_the_environment_or_the_home_directory(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "mine"))
    assert designs_folder() == tmp_path / "mine"
    assert DesignStore().folder == tmp_path / "mine"
    monkeypatch.delenv(ENV_VAR)
    assert designs_folder() == Path.home() / ".serverless-planner" / "designs"


def test_a_saved_design_reopens_equal(store, design):
    store.save("Photo (v1)", design)
    assert store.names() == ["Photo (v1)"]
    assert store.load("Photo (v1)") == design
    assert (store.folder / "Photo (v1).yaml").read_text(encoding="utf-8").startswith("name: Photo upload")


def test_saving_never_overwrites_without_being_told(store, design):
    store.save("mine", design)
    other = {**design, "name": "Changed"}
    with pytest.raises(DesignExists) as err:
        store.save("mine", other)
    assert err.value.code == "exists" and err.value.values["name"] == "mine"
    assert store.load("mine")["name"] == design["name"]
    store.save("mine", other, overwrite=True)
    assert store.load("mine")["name"] == "Changed"


def test_a_write_leaves_no_temporary_files(store, design):
    store.save("a", design)
    store.save("a", design, overwrite=True)
    store.duplicate("a", "b")
    assert sorted(p.name for p in store.folder.iterdir()) == [".lock", "a.yaml", "b.yaml"]  # the folder's lock file


def test_a_failed_write_keeps_the_old_file(store, design, monkeypatch):
    store.save("a", design)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StorageError, match="the disk is full; nothing was changed") as err:
        store.save("a", {**design, "name": "New"}, overwrite=True)
    assert err.value.code == "no_space"
    assert store.load("a")["name"] == design["name"]
    assert sorted(p.name for p in store.folder.iterdir()) == [".lock", "a.yaml"]


def test_duplicate_rename_and_delete(store, design):
    store.save("a", design)
    store.duplicate("a", "a (copy)")
    with pytest.raises(DesignExists):
        store.duplicate("a", "a (copy)")
    store.rename("a (copy)", "b")
    assert store.names() == ["a", "b"]
    with pytest.raises(DesignExists):
        store.rename("b", "a")
    store.delete("b")
    assert store.names() == ["a"]
    with pytest.raises(DesignNotFound):
        store.delete("b")
    with pytest.raises(DesignNotFound):
        store.load("b")


def test_japanese_names_are_fine(store, design):
    store.save("写真アプリ 見積もり", design)
    assert store.names() == ["写真アプリ 見積もり"]


@pytest.mark.parametrize("name, code", [
    ("", "name_empty"), ("   ", "name_empty"), ("../escape", "name_dot"), ("a/b", "name_chars"),
    ("a\\b", "name_chars"), (".hidden", "name_dot"), ("x" * 81, "name_long"), ("a:b", "name_chars"),
    ("line\nbreak", "name_chars"),
])
def test_names_that_are_not_safe_file_names_are_refused(store, design, name, code):
    with pytest.raises(StorageError) as err:
        store.save(name, design)
    assert err.value.code == code
    assert not store.folder.exists() or not any(store.folder.iterdir())


def test_check_name_trims():
    assert check_name("  Photo app  ") == "Photo app"


def test_an_absent_folder_lists_nothing(tmp_path):
    assert DesignStore(tmp_path / "nowhere").list() == []


def test_a_broken_saved_file_is_a_design_error_not_a_crash(store, design):
    store.save("ok", design)
    (store.folder / "broken.yaml").write_text("name: [unclosed", encoding="utf-8")
    assert store.names() == ["broken", "ok"]
    with pytest.raises(DesignError):
        store.load("broken")


@pytest.mark.parametrize("key", template_keys())
def test_every_template_survives_a_share_link(key):
    data = load_design_data(template_text(key))
    token = encode_design(data)
    assert decode_design(token) == data
    assert len(token) < 2_000 and token.isascii() and " " not in token


def test_ranges_and_unicode_survive_a_share_link(design):
    design["name"] = "写真アプリ"
    design["workload"]["requests_per_month"] = {"low": 1e6, "expected": 3e6, "high": 1e7}
    assert decode_design(encode_design(design)) == design


def _token(raw: bytes) -> str:
    return "1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("token, message", [
    ("", "carries no design"),
    ("hello", "not a design link from this app"),
    ("1.!!!!", "damaged or incomplete"),
    ("1.eJzLSM3JyVcozy_KSQEAGgQEXQ", None),   # valid zlib of "hello world" — not a design mapping
    (_token(zlib.compress(b"[1, 2, 3]")), "expected a mapping"),
    (_token(zlib.compress(b"\xff\xfe")), "damaged or incomplete"),
    (_token(zlib.compress(b"{" + b" " * 5_000_000 + b"}")), "too large"),
    ("1." + "A" * 70_000, "too long"),
])
def test_a_broken_link_is_a_design_error(token, message):
    with pytest.raises(DesignError) as err:
        decode_design(token)
    if message:
        assert message in err.value.problems[0]


def test_a_cut_off_link_is_reported(design):
    token = encode_design(design)
    with pytest.raises(DesignError, match="damaged or incomplete"):
        decode_design(token[: len(token) // 2])


def test_the_share_url_replaces_any_old_query():
    assert share_url("http://host:8501/compare?d=old#x", "1.abc", {"lang": "ja", "cur": ""}) == \
        "http://host:8501/compare?d=1.abc&lang=ja"
    assert share_url(None, "1.abc") == "?d=1.abc"
