"""One line per bill line (ux.md D7): a usage's sub-lines of one price — the INIT phase of a function's cold
starts beside its duration, and their free-tier credits — are merged before the quote rounds them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from models.costs.estimate import LineItem, billed_lines
from models.costs.money import QuoteSettings, make_quote
from models.design.text import load_design_data
from render.estimate import table_text
from service import estimate_data

ROOT = Path(__file__).resolve().parents[2]


def line(dimension: str, quantity: str, cost: str, *, component: str = "fn", tier: int | None = 0,
         free: bool = False, label: str = "", price_id: str = "lambda.duration.arm64") -> LineItem:
    return LineItem(component, "lambda", dimension, Decimal(quantity), "GB-s", Decimal("0.004"), Decimal(cost),
                    price_id, f"{quantity} GB-s", tier=tier, free=free, label=label)


def test_merged_before_rounding_hand_worked_in_yen():
    """¥150/USD: duration $0.012 = ¥1.8 and INIT $0.004 = ¥0.6. Rounded apart they make ¥2 + ¥1 = ¥3; the one bill
    line is ¥2.4, rounded ¥2 — what the customer sees on the line is what the subtotal adds."""
    items = [line("Duration", "3", "0.012"), line("Duration, INIT phase", "1", "0.004", label="INIT phase")]
    quote = make_quote(items, QuoteSettings("JPY", Decimal(150), Decimal(0)))
    assert [(ql.item.dimension, ql.item.quantity, ql.amount) for ql in quote.lines] == [
        ("Duration", Decimal(4), Decimal(2))]
    assert quote.subtotal == 2 and quote.exact_subtotal == Decimal("2.400")
    apart = [make_quote([li], QuoteSettings("JPY", Decimal(150), Decimal(0))).subtotal for li in items]
    assert sum(apart) == 3


def test_only_the_same_component_price_tier_and_free_mark_merge():
    items = [line("Duration", "3", "0.012"), line("Duration", "5", "0.020", component="other"),
             line("Duration (next)", "2", "0.006", tier=1), line("Free tier: Duration", "-3", "-0.012", free=True),
             line("Free tier: Duration", "-1", "-0.004", free=True), line("Duration, INIT", "1", "0.004", label="INIT"),
             line("Requests", "7", "0.7", price_id="lambda.requests")]
    merged = billed_lines(items)
    assert [(li.component, li.dimension, li.quantity, li.cost_usd) for li in merged] == [
        ("fn", "Duration", Decimal(4), Decimal("0.016")),
        ("other", "Duration", Decimal(5), Decimal("0.020")),
        ("fn", "Duration (next)", Decimal(2), Decimal("0.006")),
        ("fn", "Free tier: Duration", Decimal(-4), Decimal("-0.016")),
        ("fn", "Requests", Decimal(7), Decimal("0.7")),
    ]
    assert sum(li.cost_usd for li in merged) == sum(li.cost_usd for li in items)


def test_two_labelled_usages_keep_the_prices_own_dimension():
    items = [line("PUT requests, uploads", "3", "0.012", label="uploads"),
             line("PUT requests, thumbnails", "1", "0.004", label="thumbnails")]
    assert [li.dimension for li in billed_lines(items)] == ["PUT requests"]


def test_an_unpriced_line_stays_unpriced():
    items = [LineItem("fn", "x", "x.y", Decimal(2), "", None, None, "x.y", "a"),
             LineItem("fn", "x", "x.y", Decimal(3), "", None, None, "x.y", "b")]
    (merged,) = billed_lines(items)
    assert merged.quantity == 5 and merged.cost_usd is None


def test_the_template_quote_and_terminal_table_have_no_init_sub_line_and_the_same_total():
    """The default template bills its function's INIT phase (cold starts × INIT time): the engine has that line
    and its free-tier credit; the quote and the terminal table fold both into the duration lines."""
    data = load_design_data((ROOT / "templates" / "save_app_data.yaml").read_text())
    est = estimate_data(data)
    engine = [li for li in est.line_items if li.cost_component == "lambda.init_duration"]
    assert [li.free for li in engine] == [False, True]  # the charge and its free-tier credit
    quote = make_quote(est.line_items, QuoteSettings("USD", Decimal(1), Decimal(0)))
    assert not [ql for ql in quote.lines if ql.item.cost_component == "lambda.init_duration"]
    assert len(quote.lines) == len(est.line_items) - 2
    assert quote.exact_subtotal == est.total_usd
    duration = [ql.item for ql in quote.lines if ql.item.cost_component == "lambda.duration"
                and not ql.item.free]
    parts = [li for li in est.line_items if li.price_id == duration[0].price_id and not li.free]
    assert duration[0].quantity == parts[0].quantity + parts[1].quantity
    assert "INIT phase" not in table_text(est)
