"""What every export says: one `QuoteReport` gathered from a design, then written as CSV, XLSX or HTML.

`build_report` does the work (estimates per case, the quote, readiness, assumptions); the
writers only lay it out, so the three formats always carry the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from i18n.aws_terms import REGIONS_JA
from i18n.catalog import format_date
from i18n.templates_ja import TEMPLATES_JA
from models.checks.readiness import Readiness
from models.costs.estimate import Estimate
from models.costs.money import Quote, QuoteSettings, make_quote, money_amount
from models.costs.prices import Price
from models.design.ranges import is_range, spread
from models.design.schema import REGION_NAMES, DesignError, parse_design
from models.messages import msg
from service import expected_data, plan, year_total_usd
from service.inputs import catalog_for
from templates import template_keys
from templates import template_text as _template_text

#: the quote's title-block fields (the design's optional `quote:` block, or `cli.py quote` options)
INFO_FIELDS = ("customer", "prepared_by", "quote_number", "date", "valid_until", "notes")


@dataclass(frozen=True)
class QuoteReport:
    """A design's estimate ready to export: the quote per case, readiness, and the assumptions behind it."""

    design: dict
    lang: str
    settings: QuoteSettings
    today: date
    estimates: dict[str, Estimate]
    quotes: dict[str, Quote]
    readiness: Readiness
    year_usd: Decimal
    inputs: list[tuple[str, str]]
    defaults: list[tuple[str, str]]
    ranges: list[tuple[str, object, object, object]]
    prices: list[dict]
    info: dict = field(default_factory=dict)
    catalog: dict[str, Price] = field(default_factory=dict)

    @property
    def estimate(self) -> Estimate:
        return self.estimates["expected"]

    @property
    def quote(self) -> Quote:
        return self.quotes["expected"]

    @property
    def ranged(self) -> bool:
        return len(self.quotes) > 1

    @property
    def name(self) -> str:
        """The design's name as the user wrote it; in Japanese, an untouched template's Japanese name."""
        return self._wording()[0]

    @property
    def description(self) -> str:
        """The design's description as the user wrote it (same rule as `name`)."""
        return self._wording()[1]

    def _wording(self) -> tuple[str, str]:
        return design_words(self.design, self.lang)

    @property
    def quote_date(self) -> date:
        """The date on the quote: the one given, else the day it is made."""
        given = self.info.get("date")
        return given if isinstance(given, date) else self.today

    @property
    def region_label(self) -> str:
        region = self.estimate.region
        name = REGIONS_JA.get(region) if self.lang == "ja" else None
        return f"{region} ({name or REGION_NAMES.get(region, region)})"

    @property
    def price_dates_text(self) -> str:
        dates = self.estimate.price_dates()
        if not dates:
            return ""
        return f"{format_date(dates[0], self.lang)} – {format_date(dates[1], self.lang)}"

    def money(self, usd: Decimal) -> Decimal:
        """A USD figure in the quote's currency, rounded once."""
        return money_amount(usd, self.settings)

    def component_amounts(self, case: str = "expected") -> dict[str, Decimal]:
        """Per component: the sum of its rounded lines in the quote's currency (adds up to the subtotal)."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for line in self.quotes[case].lines:
            totals[line.item.component] += line.amount or Decimal(0)
        return dict(totals)


def design_words(design: dict, lang: str) -> tuple[str, str]:
    """(name, description) as the user wrote them; in Japanese, an untouched template's Japanese words."""
    name = str(design.get("name") or "design")
    description = str(design.get("description") or "").strip()
    if lang == "ja":
        key = untouched_template(name, description)
        if key in TEMPLATES_JA:
            return TEMPLATES_JA[key]
    return name, description


def untouched_template(name: str, description: str) -> str | None:
    """The key of the bundled template whose own name and description these are (None for the user's own words)."""
    for key in template_keys():
        template = load_template_words(key)
        if template == (name.strip(), description.strip()):
            return key
    return None


@lru_cache(maxsize=32)
def load_template_words(key: str) -> tuple[str, str]:
    from models.design.text import load_design_data

    data = load_design_data(_template_text(key))
    return str(data.get("name") or "").strip(), str(data.get("description") or "").strip()


def quote_info(data: dict, overrides: dict | None = None) -> dict:
    """The title block: the design's `quote:` block (validated with the design), with `overrides`
    (e.g. command-line options) given a value replacing its fields. Dates become `date`."""
    design = parse_design(expected_data(data))
    info: dict = {}
    if design.quote is not None:
        given = design.quote.model_dump(by_alias=True)
        info = {k: given.get(k) for k in INFO_FIELDS if given.get(k) not in (None, "")}
    for key, value in (overrides or {}).items():
        if value not in (None, ""):
            info[key] = value
    if info:
        checked = parse_design({**expected_data(data), "quote": {k: (v.isoformat() if isinstance(v, date) else v)
                                                                 for k, v in info.items()}}).quote
        if checked is not None:
            dumped = checked.model_dump(by_alias=True)
            info = {k: dumped[k] for k in INFO_FIELDS if dumped.get(k) not in (None, "")}
    return info


def build_report(data: dict, *, settings: QuoteSettings, lang: str, today: date,
                 info: dict | None = None) -> QuoteReport:
    """Everything an export shows for `data` (a design mapping, ranges allowed); DesignError if invalid.
    `info` overrides fields of the design's `quote:` block (customer, quote number, dates, ...)."""
    details = quote_info(data, info)
    issued, valid = details.get("date") or today, details.get("valid_until")
    if valid is not None and valid < issued:
        raise DesignError([msg("design.problem_at", "{path}: {problem}", path="quote", problem=msg(
            "design.quote_valid_until", "valid_until {valid_until} is before the quote's date {date}; allowed: the "
            "same day or later", valid_until=valid.isoformat(), date=issued.isoformat()))])
    built = plan(data)  # every case once: its estimate, and the expected case's readiness on the same Run
    estimates = {case: c.estimate for case, c in built.cases.items()}
    quotes = {case: make_quote(est.line_items, settings) for case, est in estimates.items()}
    report = built.readiness["expected"]
    year = year_total_usd(built)
    return QuoteReport(
        design=data, lang=lang, settings=settings, today=today, estimates=estimates, quotes=quotes,
        readiness=report, year_usd=year, inputs=design_inputs(data), defaults=defaults_assumed(data),
        ranges=range_rows(data), prices=prices_used(estimates["expected"]), info=details,
        catalog=dict(catalog_for(estimates["expected"].region).prices),
    )


def show(value) -> str:
    """A design value as people read it: 3000000 → "3,000,000", 0.8 → "0.8", lists joined."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        if float(value).is_integer() and abs(value) >= 1000:
            return f"{int(value):,}"
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if is_range(value):
        low, expected, high = spread(value)
        return f"{show(low)} / {show(expected)} / {show(high)}"
    return str(value)


def design_inputs(data: dict) -> list[tuple[str, str]]:
    """Every value the design gives, as (field path, value) in file order."""
    rows: list[tuple[str, str]] = []

    def walk(value, path: str) -> None:
        if isinstance(value, dict) and not is_range(value):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for index, item in enumerate(value):
                label = f"{path}[{index}]" + (f" ({item['id']})" if item.get("id") else "")
                walk(item, label)
        else:
            rows.append((path, show(value)))

    walk({k: v for k, v in data.items() if k != "quote"}, "")
    return rows


def defaults_assumed(data: dict) -> list[tuple[str, str]]:
    """Fields the design left out whose default the estimate used, as (field path, default)."""
    plain = expected_data(data)
    design = parse_design(plain)
    rows: list[tuple[str, str]] = []
    for key in ("region", "free_tier"):
        if key not in plain:
            rows.append((key, show(getattr(design, key))))
    given_workload = plain.get("workload") or {}
    for key, value in design.workload.model_dump().items():
        if (key not in given_workload and value not in (None, [], {})
                and key not in ("requests_per_month", "peak_rps", "users")):
            rows.append((f"workload.{key}", show(value)))
    for index, (given, comp) in enumerate(zip(plain.get("components") or [], design.components, strict=False)):
        for key, value in comp.model_dump(by_alias=True).items():
            if key in given or key in ("from", "label") or value in (None, [], {}):
                continue
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {show(v)}" for k, v in value.items() if v)
            rows.append((f"components[{index}] ({comp.id}).{key}", show(value)))
    return rows


def range_rows(data: dict) -> list[tuple[str, object, object, object]]:
    """(field path, low, expected, high) for every range in the design."""
    def walk(value, path: str):
        if is_range(value):
            yield (path, *spread(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                label = f"{path}[{index}]" + (f" ({item['id']})" if isinstance(item, dict) and item.get("id") else "")
                yield from walk(item, label)

    return list(walk({k: v for k, v in data.items() if k != "quote"}, ""))


def prices_used(est: Estimate) -> list[dict]:
    """One row per price the estimate used: id, dimension, unit price, as-of date, confidence, source."""
    seen: dict[str, dict] = {}
    for li in est.line_items:
        if li.price_id in seen or li.as_of is None:
            continue
        seen[li.price_id] = {"price_id": li.price_id, "service": li.service,
                             "dimension": li.price_dimension,
                             "unit": li.unit, "as_of": li.as_of, "confidence": li.confidence, "source": li.source}
    return sorted(seen.values(), key=lambda row: row["price_id"])
