"""Session state shared by the app's pages: the current design and how it changes.

`st.session_state.design` is the design mapping being edited — the single source of truth.
Widgets write into it through callbacks, so edits survive switching pages; loading a template,
a file, a link or YAML replaces it and bumps `rev`, which gives every widget a fresh key.

`st.session_state.quote` holds how money is shown ({currency, jpy_per_usd, tax_pct}); the sidebar
widgets write into it. The URL's query string mirrors the design (`?d=…`, see storage/share.py),
so reloading or sharing the address reopens the same design.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import streamlit as st

from i18n.catalog import LANGUAGES, TEMPLATES_JA, shown, t
from models.costs.estimate import Estimate
from models.costs.money import CURRENCIES, MoneyError, QuoteSettings
from models.design.schema import REGION_NAMES, DesignError
from models.design.text import load_design_data
from service import Plan, plan, validate
from service.inputs import PRICES_CHOICES, catalog_key, default_prices, prices_choice
from storage.share import SHARE_PARAM, decode_design, encode_design
from storage.short_links import LINK_PARAM, ShortLinks
from templates import template_keys, template_text
from webapp.views.fields import apply_bound, apply_edits, toggle_range

PRICES_KEY = "prices_source"  # session state: the Prices page's choice of catalog ("bundled" | "refreshed")
QUOTE_DEFAULTS: dict[str, Any] = {"currency": "USD", "jpy_per_usd": 150.0, "tax_pct": 0.0}
#: query parameters of a share link besides the design: language and quote settings
SETTING_PARAMS = {"lang": "lang", "cur": "currency", "rate": "jpy_per_usd", "tax": "tax_pct", "prices": "prices"}


@st.cache_data(show_spinner=False)
def template_data(key: str) -> dict:
    """A bundled template as a design mapping (cached; callers get a copy)."""
    return load_design_data(template_text(key))


def design_text(design: dict, field: str, lg: str) -> str:
    """The design's "name" or "description" to show: a bundled template's own in Japanese on a Japanese screen
    (while it is unchanged), else the text in the design."""
    text = str(design.get(field) or "")
    if lg == "ja":
        for key in template_keys():
            if key in TEMPLATES_JA and " ".join(str(template_data(key).get(field, "")).split()) == " ".join(
                    text.split()):
                return TEMPLATES_JA[key][0 if field == "name" else 1]
    return text


def design_key(data: dict) -> str | None:
    """The cache key of a design mapping: its JSON with sorted keys and the prices it is priced from (the
    session's choice and the refreshed file's version, `catalog_key`); None when JSON cannot hold it."""
    try:
        text = json.dumps(data, sort_keys=True, default=str)
    except (TypeError, ValueError, RecursionError):
        return None
    return f"{text}|prices={catalog_key(str(data.get('region', '')))}"


def cached_plan(data: dict) -> Plan:
    """`service.plan(data)` — every case parsed, run, priced and checked — once per design content,
    cached across reruns and pages (keyed by `design_key`). DesignError if the design is invalid."""
    data = {k: v for k, v in data.items() if k != "quote"}  # the quote's title block changes no number
    key = design_key(data)
    return plan(data) if key is None else _plan_by_key(key, data)


@st.cache_resource(show_spinner=False, max_entries=8)
def _plan_by_key(key: str, _data: dict) -> Plan:
    """The Plan of `_data`, cached by `key` alone (the mapping itself is not hashed). A resource cache:
    every rerun gets the same immutable Plan back instead of unpickling a copy (a ranged Plan holds
    about 16 MB of traffic series)."""
    return plan(_data)


def init_state() -> None:
    """First run of a session: the design in the link (`?d=…`) if there is one, else the first
    template; English and USD unless the link says otherwise."""
    if "design" not in st.session_state:
        st.session_state.quote = dict(QUOTE_DEFAULTS)
        first = template_keys()[0]
        st.session_state.template = first
        set_design(template_data(first), first)
        _open_link()
    st.session_state.setdefault("lang", "en")
    st.session_state.setdefault("quote", dict(QUOTE_DEFAULTS))


def _open_link() -> None:
    """Load the design and settings of a share link (`?d=` the design itself, `?s=` a short link's id);
    a broken link leaves a message, not a traceback."""
    params = st.query_params
    lang_param = params.get("lang")
    if lang_param in LANGUAGES:
        st.session_state.lang = lang_param
    if params.get("prices") in PRICES_CHOICES:  # the catalog the link's author priced from (Prices page)
        st.session_state[PRICES_KEY] = params["prices"]
    settings = dict(QUOTE_DEFAULTS)
    try:
        if params.get("cur") and params["cur"] not in CURRENCIES:
            raise ValueError(params["cur"])
        if params.get("cur"):
            settings["currency"] = params["cur"]
        if params.get("rate"):
            settings["jpy_per_usd"] = to_cents(float(params["rate"]))
        if params.get("tax"):
            settings["tax_pct"] = to_cents(float(params["tax"]))
        QuoteSettings(settings["currency"], Decimal(str(settings["jpy_per_usd"])), Decimal(str(settings["tax_pct"])))
        st.session_state.quote = settings
    except (ValueError, MoneyError, ArithmeticError):  # the design still opens, in USD without tax, and says so
        st.session_state.share_settings_error = ", ".join(
            f"{name}={params[name]}" for name in ("cur", "rate", "tax") if params.get(name))
    token, short = params.get(SHARE_PARAM), params.get(LINK_PARAM)
    if not token and not short:
        return
    try:
        data = decode_design(token) if token else ShortLinks().load(short or "")
        validate(data)  # before replacing the starting template
    except DesignError as err:
        st.session_state.share_error = err.problems
        return
    set_design(data, "link")
    st.session_state.share_opened = True


#: `set_design`'s default origin: the template a bundled template's label names; a design rewritten under its own
#: label (the YAML editor, observed values, account limits) keeps its origin; anything else (a file, an import, a
#: link) has none
SAME_ORIGIN = "<same origin>"


def set_design(data: dict, label: str, template: str | None = SAME_ORIGIN) -> None:
    """Make `data` the current design; widgets restart from its values. `template`: the id of the bundled template
    it started from (what Saved designs records when it is saved), by default as `SAME_ORIGIN` says."""
    if template == SAME_ORIGIN:
        if label in template_keys():
            template = label
        elif label == st.session_state.get("design_label"):
            template = st.session_state.get("design_template")
        else:
            template = None
    st.session_state.design_template = template
    st.session_state.design = data
    st.session_state.design_label = label
    st.session_state.rev = st.session_state.get("rev", 0) + 1
    st.session_state.pop("share_error", None)
    st.session_state.pop("share_opened", None)


def design_template() -> str | None:
    """The id of the bundled template the current design started from (None: a file, an import or a link)."""
    template = st.session_state.get("design_template")
    return template if isinstance(template, str) else None


def _bump() -> None:
    """Give every widget a fresh key (after an edit that moved values other widgets show)."""
    st.session_state.rev = st.session_state.get("rev", 0) + 1


def edit_top(field: str, widget_key: str) -> None:
    """Widget callback: a top-level field (region, free_tier, requests_per_month) changed."""
    before = st.session_state.design
    st.session_state.design = apply_edits(before, {}, {field: st.session_state[widget_key]})
    if field == "requests_per_month" and _moved_bounds(before, st.session_state.design, None, field):
        _bump()


def edit_component(index: int, field: str, widget_key: str) -> None:
    """Widget callback: one component field changed (None removes it)."""
    value = st.session_state[widget_key]
    before = st.session_state.design
    st.session_state.design = apply_edits(before, {(index, field): value}, {})
    if _moved_bounds(before, st.session_state.design, index, field):
        _bump()


def edit_bound(index: int | None, field: str, bound: str, widget_key: str) -> None:
    """Widget callback: the low or high value of a ranged field changed (index None: the workload)."""
    st.session_state.design = apply_bound(st.session_state.design, index, field, bound, st.session_state[widget_key])
    _bump()


def switch_range(index: int | None, field: str, widget_key: str) -> None:
    """Widget callback: a field became a range, or a range became its expected value."""
    st.session_state.design = toggle_range(st.session_state.design, index, field, bool(st.session_state[widget_key]))
    _bump()


def _field(design: dict, index: int | None, field: str):
    if index is None:
        return (design.get("workload") or {}).get(field)
    return design["components"][index].get(field)


def _moved_bounds(before: dict, after: dict, index: int | None, field: str) -> bool:
    """True when an edit of a range's expected value also moved its low or high value."""
    old, new = _field(before, index, field), _field(after, index, field)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    return old.get("low") != new.get("low") or old.get("high") != new.get("high")


def current_estimate() -> tuple[Estimate | None, list[str]]:
    """The estimate of the current design (its expected case), or (None, problems) when it is invalid."""
    try:
        return cached_plan(st.session_state.design).expected.estimate, []
    except DesignError as err:
        return None, err.problems


def current_plan() -> Plan | None:
    """The current design's cached Plan (the one the Limits page reads), None when it is invalid."""
    try:
        return cached_plan(st.session_state.design)
    except DesignError:
        return None


def current_scenarios() -> tuple[dict[str, Estimate] | None, list[str]]:
    """The estimates of the current design's cases ({"expected"} or {"low", "expected", "high"})."""
    try:
        return {case: c.estimate for case, c in cached_plan(st.session_state.design).cases.items()}, []
    except DesignError as err:
        return None, err.problems


def region_name(region: str, lg: str) -> str:
    """A region's name in `lg` ("Asia Pacific (Tokyo)", "アジアパシフィック（東京）")."""
    return shown("region_name", region, lg) if lg == "ja" else REGION_NAMES.get(region, region)


def lang() -> str:
    """The UI language: "en" or "ja"."""
    return st.session_state.get("lang", "en")


def prices_source() -> str:
    """The catalog this session prices from: "bundled" or "refreshed" (the Prices page's choice; until one is
    made, what the server's SERVERLESS_PLANNER_PRICES says)."""
    choice = st.session_state.get(PRICES_KEY)
    return choice if choice in PRICES_CHOICES else prices_choice()


def quote_settings() -> QuoteSettings:
    """How money is shown now (USD without tax when the stored settings are unusable)."""
    q = st.session_state.get("quote") or QUOTE_DEFAULTS
    try:
        return QuoteSettings(q["currency"], Decimal(str(q["jpy_per_usd"])), Decimal(str(q["tax_pct"])))
    except (KeyError, ValueError, MoneyError):
        return QuoteSettings()


def to_cents(value: float) -> float:
    """A rate or tax percentage to two decimals, half up: the precision the sidebar shows is the one used.

    >>> to_cents(150.555), to_cents(8.25), to_cents(33.333)
    (150.56, 8.25, 33.33)
    """
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _quote_changed(field: str, widget_key: str) -> None:
    value = st.session_state[widget_key]
    if field != "currency":
        value = st.session_state[widget_key] = to_cents(value)
    st.session_state.quote = {**st.session_state.get("quote", QUOTE_DEFAULTS), field: value}
    st.session_state.pop("share_settings_error", None)  # the user has set them now


def quote_sidebar(lg: str) -> None:
    """Sidebar controls for the currency, the exchange rate (JPY only) and tax."""
    q = st.session_state.setdefault("quote", dict(QUOTE_DEFAULTS))
    with st.sidebar:
        st.markdown(f"**{t('quote_settings', lg)}**")
        st.radio(t("currency", lg), CURRENCIES, index=CURRENCIES.index(q["currency"]), key="currency",
                 horizontal=True, help=t("currency_help", lg), format_func=lambda c: t(f"cur_{c}", lg),
                 on_change=_quote_changed, args=("currency", "currency"))
        if q["currency"] == "JPY":
            st.number_input(t("fx_rate", lg), min_value=0.01, max_value=10_000.0, value=float(q["jpy_per_usd"]),
                            step=1.0, format="%.2f", key="fx_rate", help=t("fx_rate_help", lg),
                            on_change=_quote_changed, args=("jpy_per_usd", "fx_rate"))
        st.number_input(t("tax_pct", lg), min_value=0.0, max_value=100.0, value=float(q["tax_pct"]), step=1.0,
                        format="%.2f", key="tax_pct", help=t("tax_pct_help", lg),
                        on_change=_quote_changed, args=("tax_pct", "tax_pct"))


def share_settings() -> dict[str, str]:
    """The non-default language, quote settings and catalog choice, as share-link query parameters."""
    q = st.session_state.get("quote") or QUOTE_DEFAULTS
    extra = {}
    if lang() != "en":
        extra["lang"] = lang()
    if q.get("currency") == "JPY":
        extra["cur"] = "JPY"
        extra["rate"] = f"{float(q['jpy_per_usd']):g}"
    if float(q.get("tax_pct") or 0):
        extra["tax"] = f"{float(q['tax_pct']):g}"
    if prices_source() != default_prices():  # chosen on the Prices page: the link (and a reload) keeps it
        extra["prices"] = prices_source()
    return extra


def share_token() -> str:
    """The current design as a share-link token."""
    return encode_design(st.session_state.design)


def sync_query_params() -> None:
    """Keep the address bar's query string equal to the current design and settings, so reloading
    or copying the address reopens the same design (written only when it changed)."""
    wanted = {SHARE_PARAM: share_token(), **share_settings()}
    current = {key: st.query_params.get(key) for key in [SHARE_PARAM, *SETTING_PARAMS]}
    if {k: v for k, v in current.items() if v is not None} != wanted:
        st.query_params.from_dict(wanted)
