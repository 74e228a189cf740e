"""The bundled catalog: every price the models can ask for exists in every region, with a source and date."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Literal, get_args, get_origin

import pytest

from models.costs.components import Component
from models.costs.estimate import SERVICE_MODULES
from models.design.schema import REGIONS
from models.design.schema import Component as DesignComponent
from pricing.catalog import available_regions, load_catalog


def literal_choices(annotation) -> tuple:
    """The values a design field can take: the arguments of its `Literal` (through `| None`)."""
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    return tuple(value for arg in get_args(annotation) for value in literal_choices(arg))


def design_classes() -> dict[str, type]:
    """Component type → its design class ("lambda" → Lambda)."""
    union = get_args(DesignComponent)[0]
    return {get_args(cls.model_fields["type"].annotation)[0]: cls for cls in get_args(union)}


def expand(component: Component, design_class: type) -> set[str]:
    """Every price id a declared component can ask for: its template over each placeholder's choices."""
    choices = []
    for name in component.placeholders:
        values = component.choices.get(name) or literal_choices(design_class.model_fields[name].annotation)
        assert values, f"{component.price}: no choices for {{{name}}} (give Component(choices=...))"
        choices.append(values)
    return {component.price.format(**dict(zip(component.placeholders, combo, strict=True)))
            for combo in itertools.product(*choices)}


def price_ids_models_use() -> set[str]:
    """The declared templates (each cost module's COMPONENTS) expanded over the design's choices."""
    classes = design_classes()
    return {price_id for kind, module in SERVICE_MODULES.items() for component in module.COMPONENTS
            for price_id in expand(component, classes[kind])}


def test_the_declared_templates_expand_over_the_design_choices():
    ids = price_ids_models_use()
    assert {"lambda.duration.x86_64", "lambda.duration.arm64", "cloudwatch.logs.lambda_ingestion.infrequent_access",
            "apigateway.rest_cache.1.6gb", "cloudfront.requests.http.south_america", "dynamodb.on_demand_ia.read_request_units",
            "s3.storage.intelligent_tiering_frequent", "sns.delivery.email", "cognito.lite.mau"} <= ids
    assert not {"s3.storage.intelligent_tiering", "s3.requests.get.glacier_flexible"} & ids


def test_every_design_region_has_a_catalog():
    assert set(REGIONS) <= set(available_regions())


@pytest.mark.parametrize("region", REGIONS)
def test_every_price_the_models_use_is_in_the_catalog(region):
    missing = price_ids_models_use() - set(load_catalog(region).prices)
    assert not missing


@pytest.mark.parametrize("region", REGIONS)
def test_every_price_has_a_source_date_and_honest_confidence(region):
    catalog = load_catalog(region)
    for price in catalog.prices.values():
        assert price.source.startswith("https://"), price.id
        assert date(2017, 1, 1) <= price.as_of <= date(2026, 12, 31), price.id
        if price.confidence in ("assumed", "third_party"):
            assert len(price.note) > 20, f"{price.id}: an {price.confidence} price must say where it comes from"
        assert all(t.usd_per_unit >= 0 for t in price.tiers)


def test_us_east_1_headline_prices_match_aws_pages():
    """Spot checks against https://aws.amazon.com/lambda/pricing/ and /api-gateway/pricing/ (us-east-1)."""
    catalog = load_catalog("us-east-1")
    assert catalog.get("lambda.requests").display_price() == "$0.20 per 1M requests"
    assert str(catalog.get("lambda.duration.x86_64").first_unit_price) == "0.0000166667"
    assert str(catalog.get("lambda.duration.arm64").first_unit_price) == "0.0000133334"
    rest = [t.usd_per_unit * 1_000_000 for t in catalog.get("apigateway.rest.requests").tiers]
    assert rest == [Decimal("3.50"), Decimal("2.80"), Decimal("2.38"), Decimal("1.51")]
    assert catalog.get("lambda.duration.x86_64").free_tier.pool == catalog.get("lambda.duration.arm64").free_tier.pool
