"""Line items one hop away: every line names a cost component its service module declares, and that
module has a function of the component's name which works the line's quantity out."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from string import Formatter

import pytest
import yaml

from models.costs.estimate import SERVICE_MODULES, estimate
from models.design.schema import parse_design
from models.design.text import load_design_data
from models.run.run import Run
from pricing.catalog import load_catalog, load_facts
from templates import template_keys, template_text

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "aws_examples").glob("*.yaml"))


def designs() -> list:
    """Every template and every AWS worked example, as designs."""
    found = [pytest.param(load_design_data(template_text(key)), id=key) for key in template_keys()]
    found += [pytest.param(yaml.safe_load(path.read_text(encoding="utf-8"))["design"], id=path.stem)
              for path in EXAMPLES]
    return found


def template_pattern(template: str) -> re.Pattern:
    """A price id template as a regex: "lambda.duration.{architecture}" → r"lambda\\.duration\\.(.*)"."""
    return re.compile("".join(re.escape(text) + ("(.*)" if name else "")
                              for text, name, _, _ in Formatter().parse(template)))


@pytest.mark.parametrize("module", SERVICE_MODULES.values(), ids=SERVICE_MODULES.keys())
def test_every_module_declares_its_components_with_one_function_each(module):
    keys = [c.key for c in module.COMPONENTS]
    assert len(keys) == len(set(keys))
    for key in keys:
        function = getattr(module, key, None)
        assert callable(function), f"{module.__name__}.{key} is declared but not defined"
        assert list(inspect.signature(function).parameters)[1:] == ["run"]
        assert function.__doc__, f"{module.__name__}.{key}: say what it counts and in which unit"
    assert list(inspect.signature(module.usage).parameters)[1:] == ["run"]


@pytest.mark.parametrize("data", designs())
def test_every_line_item_is_one_hop_from_its_formula(data):
    design = parse_design(data).model_copy(update={"free_tier": "first_year"})
    est = estimate(design, load_catalog(design.region), facts=load_facts())
    types = {c.id: c.type for c in design.components}
    assert est.line_items
    for li in est.line_items:
        kind, _, key = li.cost_component.partition(".")
        assert kind == types[li.component], li
        module = SERVICE_MODULES[kind]
        declared = {c.key: c for c in module.COMPONENTS}
        assert key in declared, f"{li.cost_component} is not declared in {module.__name__}.COMPONENTS"
        assert callable(getattr(module, key))
        assert template_pattern(declared[key].price).fullmatch(li.price_id), (li.cost_component, li.price_id)
        assert li.free == (li.cost_usd is not None and li.cost_usd < 0)
        assert li.dimension.startswith("Free tier: ") == li.free
        assert li.tier is not None and 0 <= li.tier
        assert li.price_dimension and li.price_dimension in li.dimension


def test_free_tier_lines_name_the_component_they_credit():
    design = parse_design(load_design_data(template_text("save_app_data"))).model_copy(update={"free_tier": "first_year"})
    est = estimate(design, load_catalog(design.region), facts=load_facts())
    free = [li for li in est.line_items if li.free]
    assert free
    billed = {(li.component, li.cost_component, li.price_id) for li in est.line_items if not li.free}
    assert all((li.component, li.cost_component, li.price_id) in billed for li in free)


def test_the_traffic_series_is_built_only_when_a_line_needs_it():
    design = parse_design(load_design_data(template_text("save_app_data")))
    assert not any(getattr(c, "provisioned_concurrency", 0) for c in design.components)
    run = Run(design)  # no facts: no INIT phase billed, and no provisioned concurrency to spill over
    estimate(run, load_catalog(design.region))
    assert not {"traffic", "rates", "spill_shares", "cold_starts"} & set(vars(run))
