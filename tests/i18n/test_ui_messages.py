"""Japanese for the engine's texts: every warning, check text, DynamoDB plan text and design problem
the templates and some broken designs produce is translated (ids, paths, numbers may stay Latin).
The engine's texts are messages (models/messages.py); `say` renders them from i18n/engine_ja.py."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from i18n.engine_ja import say
from models.design.schema import DesignError
from service import check_data, dynamodb_plan_data, estimate_data
from templates import template_keys, template_text

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def template(key: str) -> dict:
    return yaml.safe_load(template_text(key))


def engine_texts(data: dict) -> list[str]:
    """Every English sentence the engine produces for a design: warnings, check texts, plan texts."""
    texts = list(estimate_data(data).warnings)
    report, _ = check_data(data)
    for check in report.checks:
        texts += [check.limit, check.unit, check.consequence, check.action]
    tables = [c["id"] for c in data.get("components", []) if c.get("type") == "dynamodb"]
    if "table" in tables:
        plan = dynamodb_plan_data(data, "table")
        texts += [s.note for s in plan.strategies] + [plan.reason]
    return [t for t in texts if t and t != "—"]


def assert_translated(texts: list[str]) -> None:
    left = [t for t in texts if say(t, "ja") == t or not JAPANESE.search(say(t, "ja"))]
    assert not left, "untranslated:\n" + "\n".join(left)


@pytest.mark.parametrize("key", template_keys())
def test_every_engine_text_of_each_template_is_translated(key):
    texts = engine_texts(template(key))
    assert texts
    assert_translated(texts)


def test_failing_checks_are_translated():
    data = template("photo_thumbnails")
    data["limits"] = {"lambda_concurrency": 10}
    report, _ = check_data(data)
    assert report.worst_status == "fail"
    assert_translated(engine_texts(data))


def test_more_warnings_are_translated():
    """Ranges, a missing duration, an archive S3 class and a CDN without viewers."""
    data = template("photo_thumbnails")
    data["workload"]["requests_per_month"] = {"low": 1000, "expected": 2000, "high": 5000}
    for comp in data["components"]:
        if comp["type"] == "lambda":
            comp.pop("duration_ms", None)
    texts = engine_texts(data)
    assert any("ranges given" in t for t in texts) and any("duration_ms not given" in t for t in texts)
    assert_translated(texts)


def broken_designs() -> list[dict]:
    base = template("photo_thumbnails")
    designs = []
    d = copy.deepcopy(base)
    d["components"][0]["type"] = "lamda"  # unknown type
    designs.append(d)
    fn = next(i for i, c in enumerate(base["components"]) if c["type"] == "lambda")
    d = copy.deepcopy(base)
    d["components"][fn]["memory_mb"] = 1  # out of range
    designs.append(d)
    d = copy.deepcopy(base)
    d["components"][0]["colour"] = "blue"  # unknown field
    designs.append(d)
    d = copy.deepcopy(base)
    d["components"][-1]["from"] = "nowhere"  # dangling from
    designs.append(d)
    d = copy.deepcopy(base)
    first, second = d["components"][0], d["components"][1]
    first["from"], second["from"] = second["id"], first["id"]  # a cycle
    for comp in (first, second):
        for key in ("puts_per_month", "gets_per_month", "requests_per_month"):
            comp.pop(key, None)
    designs.append(d)
    d = copy.deepcopy(base)
    d.pop("workload", None)  # missing workload
    designs.append(d)
    d = copy.deepcopy(base)
    d["components"][fn]["timeout_s"] = "ten"  # not a number
    designs.append(d)
    return designs


@pytest.mark.parametrize("index", range(len(broken_designs())))
def test_design_problems_are_translated(index):
    data = broken_designs()[index]
    with pytest.raises(DesignError) as err:
        estimate_data(data)
    assert err.value.problems
    assert_translated(err.value.problems)


def test_values_stay_verbatim_and_unknown_text_is_unchanged():
    data = template("photo_thumbnails")
    data["components"][-1]["from"] = "nowhere"
    with pytest.raises(DesignError) as err:
        estimate_data(data)
    (text,) = err.value.problems
    last = len(data["components"]) - 1
    assert text == (f"components[{last}] ({data['components'][-1]['id']}).from: 'nowhere' names no component; "
                    f"components are: {', '.join(sorted(c['id'] for c in data['components']))}")
    ja = say(text, "ja")
    assert JAPANESE.search(ja) and f"components[{last}]" in ja and "'nowhere'" in ja
    assert say("something the engine never says", "ja") == "something the engine never says"
    assert say(text, "en") == text


def test_the_design_page_shows_warnings_in_japanese():
    at = AppTest.from_file(APP, default_timeout=60).run()
    data = template("photo_thumbnails")
    for comp in data["components"]:
        comp.pop("duration_ms", None) if comp["type"] == "lambda" else None
    at.session_state["design"] = data
    at.session_state["lang"] = "ja"
    at.run()
    assert not at.exception
    shown = re.sub(r"\\(.)", r"\1", "\n".join(w.value for w in at.warning))  # user text is markdown-escaped
    assert "duration_ms が未指定のため 100 ms と仮定しています" in shown
    assert "not given: assumed" not in shown


def test_japanese_exports_carry_translated_warnings_and_checks():
    from datetime import date

    from models.costs.money import QuoteSettings
    from render.quote.html_report import quote_html
    from render.quote.report import build_report
    from render.quote.tables import check_rows

    data = template("photo_thumbnails")
    data["limits"] = {"lambda_concurrency": 10}
    for comp in data["components"]:
        comp.pop("duration_ms", None) if comp["type"] == "lambda" else None
    ja = build_report(data, settings=QuoteSettings(), lang="ja", today=date(2026, 11, 28))
    en = build_report(data, settings=QuoteSettings(), lang="en", today=date(2026, 11, 28))
    for ja_row, en_row in zip(check_rows(ja), check_rows(en), strict=True):
        for col in (3, 7, 10, 11):  # limit, unit, consequence, action
            assert ja_row[col] == say(en_row[col], "ja")
    html = quote_html(ja)
    assert "duration_ms が未指定のため 100 ms と仮定しています" in html
    assert "not given: assumed" not in html and "Erlang B on the offered load" not in html


def test_the_limits_and_dynamodb_pages_show_engine_texts_in_japanese():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    at.session_state["lang"] = "ja"
    at.switch_page("webapp/pages/limits.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert all(JAPANESE.search(text) for text in table["結果"])  # consequence
    assert all(text == "—" or JAPANESE.search(text) for text in table["対応"])  # action
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state["lang"] = "ja"
    at.switch_page("webapp/pages/dynamodb.py").run()
    assert not at.exception
    assert JAPANESE.search(at.success[0].value.split("—", 1)[1])
    assert all(JAPANESE.search(note) for note in at.dataframe[0].value["注記"])
