"""The Limits page names the account read behind each limit from an account, in Japanese."""

from __future__ import annotations

import pandas as pd
from test_all_japanese import english, open_app
from test_kms_waf_app import OWN  # the template's own names and ids, allowed


def test_the_limits_page_names_the_read_in_japanese_and_shows_no_english():
    """The Limits page (AppTest, 日本語) with account limits from a pull: the limit source column says
    「お使いのアカウントから：Service Quotas L-6E3AF000（適用値）」, and the all-Japanese check still passes."""
    at = open_app("api_behind_cloudfront_waf")  # its uploads bucket uses SSE-KMS: the KMS quota check runs
    design = dict(at.session_state["design"])
    design["limits"] = {"kms_symmetric_rps": 50_000, "source": "account default (ap-northeast-1)",
                        "sources": {"kms_symmetric_rps": "Service Quotas L-6E3AF000 (applied)"}}
    at.session_state["design"] = design
    at.switch_page("webapp/pages/limits.py").run()
    assert not at.exception, at.exception
    cells = [str(v) for frame in at.dataframe for v in pd.DataFrame(frame.value).to_numpy().ravel()]
    assert any("お使いのアカウントから：Service Quotas L-6E3AF000（適用値）" in c for c in cells), cells[:40]
    problems = [p for p in english(at, "limits (account reads)") if p.split("'")[1] not in OWN]
    assert not problems, problems
