"""The template a saved design started from: kept beside the design file (never in it), read back by `list()`
and `template()`, following its design through overwrite, duplicate, rename and delete; an old entry without it,
or an unreadable record, is simply none."""

from __future__ import annotations

import os

import pytest

from storage import designs
from storage.designs import META_FOLDER, DesignStore


def templates(store: DesignStore) -> dict[str, str | None]:
    return {saved.name: saved.template for saved in store.list()}


def test_a_saved_design_keeps_its_template_and_the_design_file_is_unchanged(store, design):
    store.save("with", design, template="photo_thumbnails")
    store.save("without", design)
    assert store.template("with") == "photo_thumbnails"
    assert store.template("without") is None
    assert templates(store) == {"with": "photo_thumbnails", "without": None}
    assert store.load("with") == design
    # the design file is byte for byte what it was before the store kept templates
    assert (store.folder / "with.yaml").read_bytes() == (store.folder / "without.yaml").read_bytes()
    assert sorted(p.name for p in store.folder.iterdir()) == [".lock", META_FOLDER, "with.yaml", "without.yaml"]


def test_an_old_saved_entry_without_a_template_still_loads(store, design):
    store.save("old", design)  # as saved before templates were kept: a design file and nothing beside it
    assert not (store.folder / META_FOLDER).exists()
    assert store.list()[0].template is None and store.template("old") is None
    assert store.load("old") == design
    assert store.template("nowhere") is None


@pytest.mark.parametrize("record", [b"not json", b"[1, 2]", b'{"template": 3}', b'{"template": "../x"}',
                                    b'{"template": "' + b"x" * 5_000 + b'"}', b"\xff\xfe", b""])
def test_an_unreadable_template_record_is_none_and_the_design_still_opens(store, design, record):
    store.save("a", design, template="photo_thumbnails")
    (store.folder / META_FOLDER / "a.json").write_bytes(record)
    assert templates(store) == {"a": None}
    assert store.load("a") == design


def test_saving_over_a_saved_design_records_the_new_designs_template(store, design):
    store.save("a", design, template="photo_thumbnails")
    store.save("a", design, overwrite=True, template="photo_thumbnails")  # opened and saved again
    assert store.template("a") == "photo_thumbnails"
    store.save("a", design, overwrite=True)  # replaced by an uploaded file: its template goes with it
    assert store.template("a") is None
    store.save("a", design, overwrite=True, template="static_site_cdn")
    assert store.template("a") == "static_site_cdn"


def test_a_refused_save_leaves_the_template_as_it_was(store, design):
    store.save("a", design, template="photo_thumbnails")
    version = store.version("a")
    store.save("a", {**design, "name": "elsewhere"}, overwrite=True, template="photo_thumbnails")
    with pytest.raises(designs.DesignChanged):
        store.save("a", design, overwrite=True, expected_version=version, template="static_site_cdn")
    with pytest.raises(designs.DesignExists):
        store.save("A", design, template="static_site_cdn")
    assert store.template("a") == "photo_thumbnails"


def test_the_template_follows_duplicate_rename_and_delete(store, design):
    store.save("a", design, template="photo_thumbnails")
    store.duplicate("a", "a (copy)")
    assert templates(store) == {"a": "photo_thumbnails", "a (copy)": "photo_thumbnails"}
    store.rename("a (copy)", "b")
    assert templates(store) == {"a": "photo_thumbnails", "b": "photo_thumbnails"}
    store.rename("b", "B")  # only the spelling changes
    assert templates(store) == {"a": "photo_thumbnails", "B": "photo_thumbnails"}
    store.delete("B")
    assert sorted(p.name for p in (store.folder / META_FOLDER).iterdir()) == ["a.json"]
    store.save("b", design)  # a new design under a deleted one's name does not inherit its template
    assert templates(store) == {"a": "photo_thumbnails", "b": None}


def test_a_japanese_name_keeps_its_template(store, design):
    store.save("写真アプリ 見積もり", design, template="photo_thumbnails")
    assert templates(store) == {"写真アプリ 見積もり": "photo_thumbnails"}


def test_a_longest_name_keeps_its_template(store, design):
    name = "写" * 80  # 240 bytes: the record's name is as long as the design file's
    store.save(name, design, template="photo_thumbnails")
    assert store.template(name) == "photo_thumbnails"


def test_a_failure_to_record_the_template_never_fails_the_save(store, design, monkeypatch):
    store.save("a", design, template="photo_thumbnails")
    real_replace = os.replace

    def refuse_records(src, dst):
        if META_FOLDER in str(dst):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_records)
    store.save("a", {**design, "name": "New"}, overwrite=True, template="static_site_cdn")
    assert store.load("a")["name"] == "New"
    assert store.template("a") is None  # no label rather than the replaced design's
    assert sorted(p.name for p in (store.folder / META_FOLDER).iterdir()) == []  # no temporary file left


def test_a_template_id_that_is_not_one_is_refused_before_anything_is_written(store, design):
    with pytest.raises(ValueError):
        store.save("a", design, template="../../etc/passwd")
    assert not store.folder.exists()
