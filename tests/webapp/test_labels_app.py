"""Components by their labels on the Design, Cost and Limits pages (ux.md D12): the static-site template names
`cdn_static` "CloudFront (static files)" and `cdn_api` "CloudFront (/api/*)", the WAF template `firewall` "AWS WAF
(web ACL on CloudFront)"; the screens show those labels in the line items, the cost breakdown and the checks, and
keep the raw ids only in an "ID" detail column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TEMPLATE = "static_site_cdn"
LABELS = {"cdn_static": "CloudFront (static files)", "cdn_api": "CloudFront (/api/*)",
          "firewall": "AWS WAF (web ACL on CloudFront)", "data_key": "KMS key (table and uploads)"}


def opened(lang: str = "en", template: str = TEMPLATE) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.selectbox(key="template").set_value(template).run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> list[str]:
    """Every text a person reads on the page: table cells (but ID columns), markdown, captions, metrics."""
    texts: list[str] = []
    for frame in at.dataframe:
        table = pd.DataFrame(frame.value)
        texts += [str(v) for col in table.columns if str(col).strip().upper() != "ID" for v in table[col]]
    for kind in ("markdown", "caption", "warning", "info", "error", "success"):
        texts += [str(e.value) for e in getattr(at, kind)]
    texts += [str(m.label) for m in at.metric] + [str(m.value) for m in at.metric]
    return texts


@pytest.mark.parametrize(("page", "template"), [
    ("webapp/pages/design.py", TEMPLATE), ("webapp/pages/cost.py", TEMPLATE),
    ("webapp/pages/cost.py", "api_behind_cloudfront_waf"), ("webapp/pages/limits.py", "api_behind_cloudfront_waf")])
def test_pages_name_components_by_their_labels_not_their_ids(page, template):
    at = opened(template=template)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    texts = shown(at)
    joined = "\n".join(texts)
    assert any(label in joined for label in LABELS.values()), page
    raw = [t for t in texts if any(t == cid or t.startswith(f"{cid}:") or f" {cid} " in f" {t} "
                                   for cid in LABELS)]
    assert not raw, f"{page} shows raw ids: {raw[:5]}"


def test_the_cost_breakdown_in_japanese_uses_the_templates_japanese_labels():
    at = opened("ja")
    at.switch_page("webapp/pages/cost.py").run()
    assert not at.exception, at.exception
    joined = "\n".join(shown(at))
    assert "CloudFront（静的ファイル）" in joined
    assert "CloudFront (static files)" not in joined
