"""The KMS/WAF template in the app: every page renders it, in Japanese with no English (the same collector and
allow-list as test_all_japanese.py), and the component editor shows the web ACL's and the key's fields."""

from __future__ import annotations

import pytest
from editor_support import open_editors
from test_all_japanese import PAGES, english, latin_words, open_app

from models.design.text import load_design_data
from templates import template_text

TEMPLATE = "api_behind_cloudfront_waf"


def _own_words() -> set[str]:
    data = load_design_data(template_text(TEMPLATE))
    words = set(latin_words(data["name"]))
    for comp in data["components"]:
        for field in ("id", "label"):
            words.update(latin_words(str(comp.get(field, ""))))
    return words


OWN = _own_words()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_the_waf_template_in_japanese(page):
    at = open_app(TEMPLATE)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    problems = [p for p in english(at, f"{page} ({TEMPLATE})") if p.split("'")[1] not in OWN]
    assert not problems, f"{len(problems)} English words on a Japanese screen:\n" + "\n".join(problems)


def test_the_component_editor_shows_the_web_acl_and_key_fields():
    at = open_editors(open_app(TEMPLATE))
    keys = {w.key for w in at.number_input} | {w.key for w in at.selectbox}
    assert any(k.endswith(".rules") for k in keys if k)
    assert any(k.endswith(".rate_limit") for k in keys if k)
    assert any(k.endswith(".clients") for k in keys if k)
    assert any(k.endswith(".managed_by") for k in keys if k)
    assert any(k.endswith(".bucket_key") for k in keys if k)  # the uploads bucket names the key


def test_turning_the_bucket_key_off_in_the_editor_changes_the_design():
    at = open_editors(open_app(TEMPLATE))
    [switch] = [w for w in at.selectbox if w.key and w.key.endswith(".bucket_key")]
    assert switch.value is True
    switch.set_value(False).run()
    assert not at.exception, at.exception
    design = at.session_state["design"]
    assert next(c for c in design["components"] if c["id"] == "uploads")["bucket_key"] is False
