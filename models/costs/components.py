"""Declared cost components: every line a service can bill, and the price id it takes.

Each cost module opens with `COMPONENTS`, one `Component(key, price)` per line the service can
bill, then defines one function per component, named like its key, that works out a month's use:

    COMPONENTS = (Component("requests", "lambda.requests"),
                  Component("duration", "lambda.duration.{architecture}"), ...)

    def duration(fn: Lambda, run: Run) -> Quantity | None: ...

`billed` calls them in declared order and turns each `Quantity` into a `Usage` whose price id is
the component's template filled from the design component's fields (or from the values the
function gives), and whose `cost_component` is "<component type>.<key>" (e.g. "lambda.duration").
So a line item is one hop from its formula, and the price ids the models can ask for are the
templates expanded over the design's choices (tests/pricing/test_catalog.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from string import Formatter
from typing import TYPE_CHECKING, Any

from models.costs.usage import KB_PER_GB, Usage, dec, fmt
from models.design.schema import Component as DesignComponent

if TYPE_CHECKING:
    from models.run.run import Run


@dataclass(frozen=True)
class Quantity:
    """What one cost component uses in a month: `amount` in its price's unit (requests, GB-s,
    GB-month, hours...), and `formula`, how it was worked out, for people.

    `values` fills the price template's placeholders that are not the design component's own
    fields (or that differ from them, e.g. the viewers' price group a CDN defaults to).
    `free_tier_eligible` is False where AWS's free tier must not apply."""

    amount: Decimal
    formula: str
    free_tier_eligible: bool = True
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Component:
    """One line a service can bill: `key` names the module's function that works it out and the
    line's `cost_component` ("<type>.<key>"); `price` is its price id template, e.g.
    "lambda.duration.{architecture}", the placeholders named after the design component's fields.

    `choices` gives the values a placeholder takes where they are not (all) the choices of a
    `Literal` field of that name (e.g. the S3 classes GET requests are priced for). `label` tells
    the line from others of the same price ("INIT phase of cold starts")."""

    key: str
    price: str
    label: str = ""
    choices: Mapping[str, tuple[str | float, ...]] = field(default_factory=dict)

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The template's field names, in order: "s3.requests.get.{storage_class}" → ("storage_class",)."""
        return tuple(name for _, name, _, _ in Formatter().parse(self.price) if name)

    def price_id(self, comp: DesignComponent, values: Mapping[str, Any]) -> str:
        """The template filled from `values`, else from the design component's fields.

        >>> from models.design.schema import Lambda
        >>> fn = Lambda(id="f", type="lambda", architecture="arm64")
        >>> Component("duration", "lambda.duration.{architecture}").price_id(fn, {})
        'lambda.duration.arm64'
        >>> Component("cache", "apigateway.rest_cache.{cache_gb:g}gb").price_id(fn, {"cache_gb": 1.6})
        'apigateway.rest_cache.1.6gb'
        """
        return self.price.format(**{name: values[name] if name in values else getattr(comp, name)
                                    for name in self.placeholders})


def gb_per_event(events: Decimal, kb: float, what: str) -> Quantity | None:
    """GB per month of `kb` KB for each of `events` (None when `kb` is 0): the formula reads
    "<events> <what> × <kb> KB"."""
    if not kb:
        return None
    return Quantity(events * dec(kb) / KB_PER_GB, f"{fmt(events)} {what} × {fmt(kb)} KB")


#: what a component function returns: its quantity, none (nothing billed), or one per part (per GSI, per kind)
Billed = Quantity | Iterable[Quantity] | None


def billed(components: tuple[Component, ...], functions: Mapping[str, Callable[..., Billed]], comp: DesignComponent,
           run: Run) -> tuple[Usage, ...]:
    """The usages of design component `comp` in `run`: each declared component's function, in order."""
    usages: list[Usage] = []
    for c in components:
        result = functions[c.key](comp, run)
        for q in (result,) if isinstance(result, Quantity) else result or ():
            usages.append(Usage(comp.id, c.price_id(comp, q.values), q.amount, q.formula, q.free_tier_eligible,
                                c.label, cost_component=f"{comp.type}.{c.key}"))
    return tuple(usages)
