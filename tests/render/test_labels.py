"""render/labels.py: components by their own labels, fields by their words, in English and Japanese."""

from __future__ import annotations

from models.messages import msg
from render.labels import component_label, component_names, field_path_words, field_word, relabelled

DESIGN = {"components": [{"id": "upload", "type": "lambda", "label": "Upload function"},
                         {"id": "table", "type": "dynamodb", "label": "  "},  # blank: the id stands
                         {"id": "cdn_static", "type": "cloudfront", "label": "CloudFront (static files)"},
                         "not a component", {"label": "no id"}]}


def test_a_component_reads_as_its_label_else_its_id():
    assert component_names(DESIGN) == {"upload": "Upload function", "table": "table",
                                       "cdn_static": "CloudFront (static files)"}
    # a user's own label stays as written in Japanese; a bundled template's label is translated
    assert component_names(DESIGN, "ja")["upload"] == "Upload function"
    assert component_names(DESIGN, "ja")["cdn_static"] == "CloudFront（静的ファイル）"
    assert component_names(None) == {} and component_names({"components": None}) == {}


def test_account_and_design_rows_read_in_the_language():
    names = component_names(DESIGN)
    assert component_label("upload", "en", names) == "Upload function"
    assert component_label("(account)", "ja", names) == "（アカウント全体）"
    assert component_label("unknown", "en", names) == "unknown"


def test_fields_read_as_words():
    assert field_word("timeout_s", "en") == "Timeout (s)"
    assert field_word("log_kb_per_invocation", "en") == "Log kb per invocation"  # no unit suffix: words only
    assert field_word("storage_gb", "en") == "Storage (GB)"
    assert field_word("memory_mb", "ja") == "メモリ（MB）"
    assert field_path_words("components[0] (upload).timeout_s", "en", component_names(DESIGN)) == \
        "Upload function: Timeout (s)"
    assert field_path_words("components[0] (upload).timeout_s", "ja", component_names(DESIGN, "ja")) == \
        "Upload function：タイムアウト（秒）"


def test_a_message_naming_a_component_reads_its_label_and_keeps_its_id():
    message = msg("lambda.over_timeout.warning", "{id}: {pct:.2g}% run past the timeout", id="upload", pct=2.0)
    out = relabelled(message, component_names(DESIGN))
    assert str(out) == "Upload function: 2% run past the timeout" and out.id == message.id
    assert relabelled(message, {}) is message and relabelled("plain text", {"upload": "x"}) == "plain text"
