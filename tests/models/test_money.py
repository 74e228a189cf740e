"""Quotes in USD or JPY: conversion at the user's rate, line rounding, tax rounded down once, formats."""

from __future__ import annotations

from decimal import Decimal

import pytest

from i18n.format import format_money, rounding_rule
from models.costs.estimate import LineItem
from models.costs.money import (
    MoneyError,
    QuoteSettings,
    make_quote,
    money_amount,
    round_money,
    tax_on,
)
from service import estimate_text
from templates import template_text


def item(cost: str | None, component: str = "f") -> LineItem:
    value = None if cost is None else Decimal(cost)
    return LineItem(component, "lambda", "Requests", Decimal(1), "requests", value, value, "lambda.requests", "1 request")


@pytest.mark.parametrize("amount, currency, expected", [
    ("2.345", "USD", "2.35"), ("2.344999", "USD", "2.34"), ("-0.005", "USD", "-0.01"),
    ("1234.5", "JPY", "1235"), ("1234.49", "JPY", "1234"), ("0.5", "JPY", "1"),
])
def test_amounts_round_half_up_to_the_cent_or_the_yen(amount, currency, expected):
    assert round_money(Decimal(amount), currency) == Decimal(expected)


def test_the_subtotal_is_the_sum_of_the_rounded_lines_not_the_rounded_sum():
    # three lines of $0.004 (three components: one bill line each): each rounds to $0.00, so the quote says
    # $0.00 while the exact sum is $0.012
    quote = make_quote([item("0.004", "a"), item("0.004", "b"), item("0.004", "c")], QuoteSettings())
    assert [line.amount for line in quote.lines] == [Decimal("0.00")] * 3
    assert quote.subtotal == Decimal("0.00")
    assert quote.exact_subtotal == Decimal("0.012")
    assert quote.rounding_difference == Decimal("-0.012")


def test_yen_lines_are_converted_at_full_precision_then_rounded():
    # $0.0033 × 150 = 0.495 JPY → 0 yen; $0.0034 × 150 = 0.51 JPY → 1 yen
    quote = make_quote([item("0.0033", "a"), item("0.0034", "b")], QuoteSettings("JPY", Decimal(150)))
    assert [line.amount for line in quote.lines] == [Decimal(0), Decimal(1)]
    assert [line.amount_exact for line in quote.lines] == [Decimal("0.4950"), Decimal("0.5100")]


@pytest.mark.parametrize("subtotal, pct, tax", [
    ("3493", "10", "349"),    # 349.3 → 349 (rounded down)
    ("3499", "10", "349"),    # 349.9 → 349, never up
    ("100", "8", "8"),
    ("0", "10", "0"),
])
def test_tax_is_rounded_down_once_on_the_subtotal(subtotal, pct, tax):
    assert tax_on(Decimal(subtotal), QuoteSettings("JPY", Decimal(150), Decimal(pct))) == Decimal(tax)


def test_a_quote_of_a_template_adds_up_and_stays_within_half_a_unit_per_line():
    est = estimate_text(template_text("photo_thumbnails"))
    quote = make_quote(est.line_items, QuoteSettings("JPY", Decimal("151.37"), Decimal(10)))
    assert quote.subtotal == sum(line.amount for line in quote.lines)
    assert quote.total == quote.subtotal + quote.tax
    assert abs(quote.exact_subtotal - est.total_usd * Decimal("151.37")) < Decimal("1e-15")  # 28-digit Decimal
    assert abs(quote.rounding_difference) <= Decimal("0.5") * len(quote.lines)


def test_an_unpriced_line_is_counted_not_silently_zero():
    quote = make_quote([item("1.00", "a"), item(None, "b")], QuoteSettings())
    assert quote.unpriced == 1 and quote.subtotal == Decimal("1.00")
    assert quote.lines[1].amount is None


@pytest.mark.parametrize("kwargs, message", [
    ({"currency": "EUR"}, "currency 'EUR' is not supported"),
    ({"currency": "JPY", "jpy_per_usd": Decimal(0)}, "exchange rate 0 JPY per USD is out of range"),
    ({"tax_pct": Decimal(-1)}, "tax -1 % is out of range"),
    ({"tax_pct": Decimal(101)}, "tax 101 % is out of range"),
])
def test_bad_settings_are_refused_with_a_reason(kwargs, message):
    with pytest.raises(MoneyError, match=message):
        QuoteSettings(**kwargs)


@pytest.mark.parametrize("amount, currency, lang, places, expected", [
    ("1234.5", "USD", "en", None, "$1,234.50"),
    ("1234.5", "USD", "ja", None, "$1,234.50"),
    ("1234.5", "JPY", "en", None, "¥1,235"),
    ("1234.5", "JPY", "ja", None, "1,235円"),
    ("-12", "JPY", "ja", None, "-12円"),
    ("-0.2", "USD", "en", None, "-$0.20"),
    ("0.001234", "USD", "en", 4, "$0.0012"),
    (None, "USD", "en", None, "—"),
])
def test_money_is_written_per_language(amount, currency, lang, places, expected):
    value = None if amount is None else Decimal(amount)
    assert format_money(value, currency, lang, places=places) == expected


def test_a_derived_figure_is_converted_and_rounded_once():
    assert money_amount(Decimal("0.123456"), QuoteSettings("JPY", Decimal(150))) == Decimal(19)


def test_the_rounding_rule_is_stated_in_both_languages():
    settings = QuoteSettings("JPY", Decimal(150), Decimal(10))
    assert "sum of the rounded lines" in rounding_rule(settings, "en") and "rounded down" in rounding_rule(settings, "en")
    assert "切り捨て" in rounding_rule(settings, "ja") and "1 円単位" in rounding_rule(settings, "ja")
    assert "Tax" not in rounding_rule(QuoteSettings(), "en")
