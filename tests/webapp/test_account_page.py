"""The Account page through Streamlit's AppTest: off by default (it would read the server's own
account), a pull against moto when the owner switches it on, tables, gaps, and the two buttons."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from account_support import FIXTURES, aws, factory_with, missing_in_moto, moto_url, populate  # noqa: F401 - fixtures
from cards_support import expected_card, grid, phone_cards
from streamlit.testing.v1 import AppTest

from aws import load_snapshot, pull
from i18n.catalog import t
from models.design.schema import Design

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "webapp/pages/account.py"


def col(name: str) -> str:
    """An Account page table heading as shown in English ("Name", not `name`)."""
    return t(f"account.column.{name}", "en")


def open_page(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    for key, value in state.items():
        at.session_state[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_pulling_is_off_unless_the_owner_switches_it_on(monkeypatch):
    monkeypatch.delenv("SERVERLESS_PLANNER_ALLOW_PULL", raising=False)
    at = open_page()
    assert at.button(key="account.pull").disabled
    assert at.multiselect(key="account.profiles").disabled
    assert at.multiselect(key="account.profiles").options == ["(default credentials)"]  # no profile names leak
    assert any("SERVERLESS_PLANNER_ALLOW_PULL" in i.value for i in at.info)
    assert any("server running this app" in w.value for w in at.warning)


@pytest.mark.usefixtures("aws")
def test_a_pull_against_moto_shows_tables_and_names_the_gaps(monkeypatch):
    populate()
    monkeypatch.setenv("SERVERLESS_PLANNER_ALLOW_PULL", "1")
    at = open_page()
    at.multiselect(key="account.regions").set_value(["us-east-1"])
    at.button(key="account.pull").click().run()
    assert not at.exception, at.exception
    functions = next(d.value for d in at.dataframe if "thumbnailer" in d.value.to_string())
    assert set(functions[col("name")]) == {"thumbnailer", "api-handler"}
    gaps = next(d.value for d in at.dataframe if col("operation") in d.value.columns)
    assert "GetAccountSettings" in set(gaps[col("operation")])  # moto lacks it: named, not hidden
    limits = next(d.value for d in at.dataframe if col("limit") in d.value.columns)
    assert "api_rps" in set(limits[col("limit")])


@pytest.mark.usefixtures("aws")
def test_a_complete_snapshot_shows_no_gaps_and_the_accounts_limit():
    populate()
    at = open_page(account_snapshot=pull(regions=["us-east-1"], client_factory=factory_with(missing_in_moto())))
    assert any("Every read succeeded" in s.value for s in at.success)
    limits = next(d.value for d in at.dataframe if col("limit") in d.value.columns)
    assert dict(zip(limits[col("limit")], limits[col("value")], strict=True))["lambda_concurrency"] == 10


@pytest.fixture
def tokyo():
    return load_snapshot(FIXTURES / "snapshot_photos_tokyo.json")


def test_use_these_limits_puts_them_in_the_design(tokyo):
    if "limits" not in Design.model_fields:
        pytest.skip("the design format has no limits block yet")
    at = open_page(account_snapshot=copy.deepcopy(tokyo))
    at.button(key="account.use_limits").click().run()
    assert not at.exception
    limits = at.session_state["design"]["limits"]
    assert limits["lambda_concurrency"] == 10 and "account" in limits["source"]
    assert any("now uses the account's limits" in s.value for s in at.success)


def test_import_as_design_replaces_the_design_and_lists_the_assumptions(tokyo):
    at = open_page(account_snapshot=copy.deepcopy(tokyo))
    at.multiselect(key="account.pick").set_value(["photos-http", "api-handler", "Photos"])
    at.button(key="account.import").click().run()
    assert not at.exception
    design = at.session_state["design"]
    assert [c["label"] for c in design["components"]] == ["photos-http", "api-handler", "Photos"]
    assert any("workload.requests_per_month" in w.value for w in at.warning)
    at.switch_page("webapp/pages/design.py").run()
    assert not at.exception and not at.error


def test_the_diff_against_the_current_design_is_shown(tokyo):
    at = open_page(account_snapshot=copy.deepcopy(tokyo))
    diff = next(d.value for d in at.dataframe if col("severity") in d.value.columns)
    assert "risk" in set(diff[col("severity")])


@pytest.mark.parametrize("lg, days", [("en", "4 days"), ("ja", "4 日")])
def test_sizes_and_durations_read_in_their_units_and_a_missing_value_is_a_dash(tokyo, lg, days):
    """ux.md A2: the snapshot's 192 bytes, 345,600 s and 1,048,576 bytes read as 192 B, 4 days and 1 MB; no None."""
    at = open_page(account_snapshot=copy.deepcopy(tokyo), lang=lg)
    queues = next(d.value for d in at.dataframe if t("account.column.retention_s", lg) in d.value.columns)
    assert set(queues[t("account.column.retention_s", lg)]) == {days}
    assert set(queues[t("account.column.max_message_bytes", lg)]) == {"1 MB"}
    buckets = next(d.value for d in at.dataframe if t("account.column.object_count", lg) in d.value.columns)
    assert "192 B" in set(buckets[t("account.column.size_bytes", lg)])
    for frame in at.dataframe:
        assert "None" not in frame.value.astype(str).to_string(), frame.value


#: each table's card: the heading keys of its title and its figure (webapp/views/account.py CARD_COLUMNS)
CARDS = {"limits": ("limit", "value"), "functions": ("name", None), "apis": ("name", None), "tables": ("name", None),
         "buckets": ("name", None), "queues": ("name", None), "quotas": ("service", "applied"),
         "diff": ("field", "severity")}


@pytest.mark.parametrize("lg", ["en", "ja"])
def test_a_phone_gets_a_card_per_row_of_every_account_table_with_the_grids_figures(tokyo, lg):
    """ux.md F4: on a phone each Account table is a card list: a card per grid row, titled by its name (a limit by
    its key and value, a quota by its service and applied value, a difference by its field and severity), then
    every other cell the row gives, the same text and figures as the grid's ("—" left out)."""
    at = open_page(account_snapshot=copy.deepcopy(tokyo), lang=lg)
    for key, (title, figure) in CARDS.items():
        frame = grid(at, f"account_{key}")
        cards = phone_cards(at, f"account_{key}")
        assert cards == [expected_card(row, t(f"account.column.{title}", lg),
                                       None if figure is None else t(f"account.column.{figure}", lg))
                         for row in frame.to_dict("records")], key
    concurrency = {"en": "lambda_concurrency", "ja": "Lambda の同時実行数（アカウント）"}[lg]
    assert phone_cards(at, "account_limits")[0] == [f"**{concurrency}** · **10**",
                                                    f"{t('account.column.source', lg)}: Lambda GetAccountSettings"]
    quotas = phone_cards(at, "account_quotas")
    assert f"{t('account.column.quota_name', lg)}: Concurrent executions" in quotas[0]  # AWS's name, as in the grid
    assert quotas[0][0] == "**Lambda** · **10**"  # the service's name, in English too


def test_the_price_catalog_in_use_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path))
    at = open_page()
    assert any("bundled catalog" in c.value for c in at.caption)
    assert at.button(key="account.refresh_prices").disabled


def test_on_a_phone_the_prices_a_refresh_changed_are_cards_with_the_grids_figures(monkeypatch, tmp_path):
    """ux.md F4: a refreshed catalog's changed prices as cards: the dimension and its refreshed price, then the
    bundled price, the change and the date, as the grid writes them."""
    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path))
    at = open_page()
    region = at.session_state["design"].get("region", "us-east-1")
    text = (Path(__file__).resolve().parents[2] / "pricing" / "catalog" / f"{region}.yaml").read_text(encoding="utf-8")
    requests = '  - id: lambda.requests\n'
    head, tail = text.split(requests, 1)
    tail = tail.replace('usd: "0.20"', 'usd: "0.25"', 1)  # Lambda's requests: the first price after its id
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / f"{region}.yaml").write_text(f"refreshed_at: 2026-12-04T00:00:00Z\n{head}{requests}{tail}",
                                                         encoding="utf-8")
    at.run()
    assert not at.exception, at.exception
    frame = grid(at, "account_price_changes")
    cards = phone_cards(at, "account_price_changes")
    assert cards == [expected_card(row, col("dimension"), col("refreshed")) for row in frame.to_dict("records")]
    assert len(cards) == 1 and cards[0][0].startswith("**Requests** · **") and f"{col('change_pct')}: 25" in cards[0]


# ---- malformed snapshots: a readable message in the page's language, never a traceback ---------

def _malformed_uploads():
    from malformed_snapshots import MALFORMED

    picked = ("json_list", "truncated", "deep_nesting", "integer_5000_digits", "wrong_schema", "account_null",
              "memory_text", "memory_1e400", "api_kind_unknown", "billing_null", "gap_in_an_unknown_section")
    return [(name, *MALFORMED[name]) for name in picked]


@pytest.mark.parametrize("name, text, expected", _malformed_uploads())
def test_a_malformed_upload_is_a_readable_message(name, text, expected):
    at = open_page()
    at.file_uploader(key="account.upload").upload(f"{name}.json", text.encode(), "application/json").run()
    assert not at.exception, at.exception
    assert len(at.error) == 1 and f"{name}.json" in at.error[0].value, [e.value for e in at.error]
    assert "account_snapshot" not in at.session_state or not at.session_state["account_snapshot"]


def test_a_malformed_upload_in_japanese_names_the_field():
    from malformed_snapshots import MALFORMED

    at = open_page(lang="ja")
    text = MALFORMED["memory_text"][0]
    at.file_uploader(key="account.upload").upload("bad.json", text.encode(), "application/json").run()
    assert not at.exception
    message = at.error[0].value
    assert message.startswith("bad.json：使えないスナップショットです。")
    assert "lambda.functions.value[0].memory_mb" in message and "'big' (a string)" in message


def test_a_malformed_snapshot_in_the_session_is_a_message_not_a_crash(tokyo):
    broken = copy.deepcopy(tokyo)
    broken["accounts"][0]["regions"]["ap-northeast-1"]["dynamodb"]["tables"]["value"][0]["table"] = {"value": None}
    at = open_page(account_snapshot=broken)
    assert not at.exception, at.exception
    assert any("tables.value[0].table.value" in e.value for e in at.error)
    assert not at.session_state["account_snapshot"] if "account_snapshot" in at.session_state else True


@pytest.mark.parametrize("lg, words", [("en", "did not finish before the pull's deadline"), ("ja", "制限時間")])
def test_deadline_and_garbage_gaps_are_explained(tokyo, lg, words):
    snapshot = copy.deepcopy(tokyo)
    sections = snapshot["accounts"][0]["regions"]["ap-northeast-1"]
    sections["sqs"]["queues"] = {"error": {"service": "sqs", "region": "ap-northeast-1", "operation": "ListQueues",
                                           "code": "DeadlineExceeded", "kind": "deadline", "message": "late"}}
    sections["s3"]["buckets"] = {"error": {"service": "s3", "region": "ap-northeast-1", "operation": "ListBuckets",
                                           "code": "BadResponse", "kind": "bad_response", "message": "HTML page"}}
    at = open_page(account_snapshot=snapshot, lang=lg)
    assert not at.exception
    notes = " ".join(w.value for w in at.warning)
    assert words in notes and "bad_response" in notes
    gaps = grid(at, "account_gaps")
    cards = phone_cards(at, "account_gaps")  # on a phone: a card per gap, by its operation and count
    assert cards == [expected_card(row, t("account.column.operation", lg), t("account.column.count", lg))
                     for row in gaps.to_dict("records")]
    queues = next(card for card in cards if card[0] == "**ListQueues** · **1**")
    assert f"{t('account.column.message', lg)}: late" in queues  # AWS's message, as in the grid
