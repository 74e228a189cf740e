"""Money for quotes: the engine's USD amounts in USD or JPY at a user-set rate, with tax and one
stated rounding rule.

The rounding rule (shown on screen and in every export in words, see `i18n.format.rounding_rule`;
amounts are written by `i18n.format.format_money`, so this module holds no Japanese):

1. each line item is converted at full precision (USD × rate) and rounded half up to the
   currency's smallest unit (the cent; the yen);
2. the subtotal is the sum of the rounded lines, so the lines a customer reads add up to it;
3. tax = subtotal × tax % rounded down to the smallest unit, once per quote (Japan's invoice
   rule: one rounding per tax rate per invoice);
4. total = subtotal + tax.

The exact (unrounded) amount is kept as well, so the rounding difference can be shown. No
exchange rate is fetched: the rate is whatever the user sets.

>>> s = QuoteSettings("JPY", Decimal(150), Decimal(10))
>>> s.convert(Decimal("23.2843"))
Decimal('3492.6450')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from models.costs.estimate import LineItem, billed_lines

CURRENCIES = ("USD", "JPY")
#: the smallest unit an amount is rounded to
MINOR_UNIT = {"USD": Decimal("0.01"), "JPY": Decimal("1")}
DEFAULT_JPY_PER_USD = Decimal(150)
MAX_JPY_PER_USD = Decimal(10_000)


class MoneyError(ValueError):
    """Quote settings that cannot be used (unknown currency, rate or tax out of range)."""


@dataclass(frozen=True)
class QuoteSettings:
    """How a quote shows money: `currency`, JPY per USD (used only for JPY) and tax in percent."""

    currency: str = "USD"
    jpy_per_usd: Decimal = DEFAULT_JPY_PER_USD
    tax_pct: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if self.currency not in CURRENCIES:
            raise MoneyError(f"currency {self.currency!r} is not supported; use one of {', '.join(CURRENCIES)}")
        rate, tax = Decimal(self.jpy_per_usd), Decimal(self.tax_pct)
        if not rate.is_finite() or not 0 < rate <= MAX_JPY_PER_USD:
            raise MoneyError(f"exchange rate {self.jpy_per_usd} JPY per USD is out of range; "
                             "must be > 0 and ≤ 10,000")
        if not tax.is_finite() or not 0 <= tax <= 100:
            raise MoneyError(f"tax {self.tax_pct} % is out of range; must be between 0 and 100")
        object.__setattr__(self, "jpy_per_usd", rate)
        object.__setattr__(self, "tax_pct", tax)

    @property
    def rate(self) -> Decimal:
        """Units of the quote's currency per USD (1 for USD)."""
        return Decimal(1) if self.currency == "USD" else self.jpy_per_usd

    def convert(self, usd: Decimal) -> Decimal:
        """`usd` in the quote's currency, unrounded."""
        return Decimal(usd) * self.rate


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Half up to the currency's smallest unit: 2.345 USD → 2.35; 1234.5 JPY → 1235."""
    return Decimal(amount).quantize(MINOR_UNIT[currency], rounding=ROUND_HALF_UP)


def tax_on(subtotal: Decimal, settings: QuoteSettings) -> Decimal:
    """Tax on a rounded subtotal, rounded down once (3,493 JPY at 10 % → 349)."""
    return (subtotal * settings.tax_pct / 100).quantize(MINOR_UNIT[settings.currency], rounding=ROUND_DOWN)


@dataclass(frozen=True)
class QuoteLine:
    """A line item in the quote's currency: exact and rounded amount (None where the catalog has no price)."""

    item: LineItem
    unit_price: Decimal | None
    amount_exact: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class Quote:
    """Line items in one currency, their subtotal (sum of rounded lines), tax and total."""

    settings: QuoteSettings
    lines: tuple[QuoteLine, ...]
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    exact_subtotal: Decimal
    unpriced: int

    @property
    def rounding_difference(self) -> Decimal:
        """Subtotal minus the exact, unrounded sum (how much rounding each line moved the subtotal)."""
        return self.subtotal - self.exact_subtotal


def make_quote(line_items: Iterable[LineItem], settings: QuoteSettings) -> Quote:
    """Convert and round `line_items` by the module's rule, one line per bill line (`billed_lines`: a usage's
    sub-lines of one price, such as a function's INIT phase, are merged before they are rounded).

    >>> from models.costs.estimate import LineItem
    >>> items = [LineItem("f", "lambda", "Requests", Decimal(3), "requests", Decimal("0.1"), Decimal("0.3"), "x", ""),
    ...          LineItem("f", "lambda", "Duration", Decimal(1), "GB-s", Decimal("0.004"), Decimal("0.004"), "y", "")]
    >>> q = make_quote(items, QuoteSettings("JPY", Decimal(150), Decimal(10)))
    >>> [str(line.amount) for line in q.lines], str(q.subtotal), str(q.tax), str(q.total), str(q.exact_subtotal)
    (['45', '1'], '46', '4', '50', '45.600')
    """
    lines: list[QuoteLine] = []
    unpriced = 0
    for li in billed_lines(line_items):
        if li.cost_usd is None:
            unpriced += 1
            lines.append(QuoteLine(li, None, None, None))
            continue
        exact = settings.convert(li.cost_usd)
        unit_price = None if li.unit_price_usd is None else settings.convert(li.unit_price_usd)
        lines.append(QuoteLine(li, unit_price, exact, round_money(exact, settings.currency)))
    subtotal = sum((ql.amount for ql in lines if ql.amount is not None), Decimal(0))
    exact = sum((ql.amount_exact for ql in lines if ql.amount_exact is not None), Decimal(0))
    tax = tax_on(subtotal, settings)
    return Quote(settings, tuple(lines), subtotal, tax, subtotal + tax, exact, unpriced)


def money_amount(usd: Decimal | float, settings: QuoteSettings) -> Decimal:
    """A derived figure (per million requests, a 12-month total, a chart point): converted, rounded once."""
    return round_money(settings.convert(Decimal(str(usd))), settings.currency)
