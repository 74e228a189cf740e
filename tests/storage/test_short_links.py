"""Short share links: stored once under an id made from the design, never overwritten, refused
clearly when the id is malformed or unknown; the app opens `?s=<id>` like `?d=<design>`."""

from __future__ import annotations

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from models.design.schema import DesignError
from storage.short_links import ShortLinks, link_id, short_url
from templates import template_path

APP = str(template_path("photo_thumbnails").parents[1] / "app.py")


def design(name: str = "Short") -> dict:
    data = yaml.safe_load(template_path("photo_thumbnails").read_text(encoding="utf-8"))
    data["name"] = name
    return data


def test_a_design_is_stored_once_under_its_own_id_and_reads_back(tmp_path) -> None:
    links = ShortLinks(tmp_path)
    key = links.save(design())
    assert key == link_id(design()) and len(key) == 10
    assert links.save(design()) == key  # the same design: the same id, nothing written twice
    assert links.load(key) == design()
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == [f"{key}.yaml"]


def test_a_different_design_under_a_taken_id_gets_a_longer_id_and_nothing_is_overwritten(tmp_path) -> None:
    links = ShortLinks(tmp_path)
    first, other = design("First"), design("Other")
    taken = link_id(other)
    links.store.save(taken, first)  # as if `first` had hashed to the same 10 characters
    key = links.save(other)
    assert key == link_id(other, 16) and key.startswith(taken)
    assert links.load(taken) == first and links.load(key) == other


@pytest.mark.parametrize(("key", "words"), [
    ("", "is not a link id"), ("ABC!", "is not a link id"), ("aaaaaaaaaa", "no design is stored under 'aaaaaaaaaa'"),
])
def test_a_bad_or_unknown_id_is_refused_in_words(tmp_path, key: str, words: str) -> None:
    with pytest.raises(DesignError) as err:
        ShortLinks(tmp_path).load(key)
    assert words in err.value.problems[0]


def test_the_short_url_opens_the_apps_first_page() -> None:
    assert short_url("http://h:8501/limits?d=1.x", "abcdefghij", {"cur": "JPY"}, ("limits",)) == \
        "http://h:8501/?s=abcdefghij&cur=JPY"


def test_the_app_makes_a_short_link_and_opens_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SERVERLESS_PLANNER_DESIGNS", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.button(key="make_short_link").click().run()
    [code] = [c.value for c in at.code if "?s=" in c.value]
    key = code.split("?s=", 1)[1].split("&", 1)[0]
    assert (tmp_path / ".links" / f"{key}.yaml").exists()
    opened = AppTest.from_file(APP, default_timeout=60)
    opened.query_params["s"] = key
    opened.query_params["lang"] = "ja"
    opened.run()
    assert any("リンクの設計を開きました" in s.value for s in opened.success)
    missing = AppTest.from_file(APP, default_timeout=60)
    missing.query_params["s"] = "bbbbbbbbbb"
    missing.query_params["lang"] = "ja"
    missing.run()
    assert any("このサーバーには 'bbbbbbbbbb' の設計が保存されていません" in e.value for e in missing.error)
