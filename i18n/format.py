"""Money, rates and the rounding rule in words, per language (the engine's money module,
`models.costs.money`, computes; this one writes).

>>> from models.costs.money import QuoteSettings
>>> s = QuoteSettings("JPY", Decimal(150), Decimal(10))
>>> format_money(s.convert(Decimal("23.2843")), "JPY", "ja")
'3,493円'
>>> format_money(Decimal("-1234.5"), "USD", "en")
'-$1,234.50'
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.costs.money import QuoteSettings


def format_money(amount: Decimal | float | None, currency: str, lang: str, *, places: int | None = None,
                 none: str = "—") -> str:
    """An amount as people write it: "$1,234.56" (both languages), "¥1,234" (en) or "1,234円" (ja).

    `places` overrides the currency's usual decimals (e.g. 4 for a cost per user).

    >>> format_money(Decimal("0.00123"), "USD", "en", places=4), format_money(3, "JPY", "en")
    ('$0.0012', '¥3')
    """
    if amount is None:
        return none
    digits = places if places is not None else (2 if currency == "USD" else 0)
    value = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
    value = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    number = f"{abs(value):,.{digits}f}"
    if currency == "USD":
        return f"{sign}${number}"
    return f"{sign}{number}円" if lang == "ja" else f"{sign}¥{number}"


def rounding_rule(settings: QuoteSettings, lang: str) -> str:
    """The rounding rule in words, for the screen and every export."""
    unit = {("USD", "en"): "the cent", ("JPY", "en"): "the yen", ("USD", "ja"): "1 セント", ("JPY", "ja"): "1 円"}
    where = unit[(settings.currency, "ja" if lang == "ja" else "en")]
    if lang == "ja":
        text = f"各明細を {where}単位で四捨五入し、小計は丸めた明細の合計です。"
        if settings.tax_pct:
            text += (f"消費税等（{settings.tax_pct.normalize():f} %）は小計に対して 1 回だけ計算し、"
                     f"{where}未満を切り捨てます。")
        return text
    text = f"Each line is rounded half up to {where}; the subtotal is the sum of the rounded lines."
    if settings.tax_pct:
        text += (f" Tax ({settings.tax_pct.normalize():f} %) is computed once on the subtotal and rounded down "
                 f"to {where}.")
    return text


def rate_note(settings: QuoteSettings, lang: str) -> str:
    """Where the exchange rate came from (the user), or that amounts are in USD."""
    if settings.currency == "USD":
        return "AWS の価格（USD）をそのまま表示。" if lang == "ja" else "AWS prices in USD, unconverted."
    rate = f"{settings.jpy_per_usd.normalize():f}"
    if lang == "ja":
        return f"1 USD = {rate} 円（利用者が設定したレート。為替レートは取得していません）。"
    return f"1 USD = {rate} JPY (a rate you set; no live exchange rate is fetched)."


_JA_UNITS = ((10**12, "兆"), (10**8, "億"), (10**4, "万"))
_EN_UNITS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def magnitude_hint(value: float | int | None, lang: str) -> str | None:
    """A big number written out for reading back (a number box shows `50000000`, easy to get a zero wrong):
    the digits grouped and the size in words — None below 10,000 (nothing to misread).

    >>> magnitude_hint(50_000_000, "en")
    '= 50,000,000 (50 million)'
    >>> magnitude_hint(50_000_000, "ja")
    '= 50,000,000（5,000万）'
    >>> magnitude_hint(1_250_000_000, "ja")
    '= 1,250,000,000（12.5億）'
    >>> magnitude_hint(9_999, "en") is None
    True
    """
    if value is None or not isinstance(value, (int, float)) or abs(value) < 10_000 or value != value:
        return None
    grouped = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    units = _JA_UNITS if lang == "ja" else _EN_UNITS
    size, word = next((size, word) for size, word in units if abs(value) >= size)
    scaled = f"{value / size:,.3g}" if value / size < 1000 else f"{value / size:,.0f}"
    return f"= {grouped}（{scaled}{word}）" if lang == "ja" else f"= {grouped} ({scaled} {word})"
