"""What breaks at N×: the readiness checks on a design's traffic × N, and the multiplier at which each
limit first fails — the one function `cli.py check --scale` and the Limits page's slider both call.

    report = scale_report(data, 3.0)    # checks at ×3, and each check's first failing multiplier
    report.readiness                    # the readiness report at ×3 (as `check` prints it)
    report.first_failures               # FirstFailure per check: fails_at ×N (1 % tolerance), or None
    report.first_wall                   # the check that fails first as traffic grows

Every multiplier is a run of the same engine `check` uses (models/checks/readiness.py) on the
design scaled by models/design/scale.py; the search is models/checks/scale.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from models.checks.base import Check
from models.checks.limits import LimitValue, applicable_limits
from models.checks.readiness import Readiness, readiness
from models.checks.scale import FirstFailure, first_failures, first_wall
from models.costs.prices import Catalog
from models.design.scale import scaled
from models.design.schema import Design, DesignError
from models.facts import Facts
from models.messages import msg
from models.run.run import Run
from pricing.catalog import load_facts, load_limit_defaults
from service.inputs import catalog_for, catalog_key, with_account_limits
from service.plan import case_design

MAX_FACTOR = 1000.0   # the largest multiplier searched (and accepted for --scale)
MIN_FACTOR = 0.01     # the smallest (a check failing already is searched down to ×0.01)
TOLERANCE = 0.01      # bisection stops when the bracket is within 1 %


@dataclass(frozen=True)
class ScaleReport:
    """The checks at ×`factor` and where each check first fails (multipliers of today's traffic)."""

    factor: float
    readiness: Readiness                  # at ×factor
    first_failures: tuple[FirstFailure, ...]
    checks: dict[tuple[str, str], Check]  # each check at ×1, for its name, limit and unit
    tolerance: float
    min_factor: float
    max_factor: float
    evaluations: int                      # engine runs the search made

    @property
    def first_wall(self) -> FirstFailure | None:
        return first_wall(list(self.first_failures))

    @property
    def first_traffic_wall(self) -> FirstFailure | None:
        """The first wall that traffic raises: the smallest `fails_at` among checks that pass at some
        multiplier searched (a check failing at any traffic, e.g. reservations over the account's, is not one)."""
        return first_wall([f for f in self.first_failures if not f.below_min])


def factor_problem(factor: float) -> str | None:
    """A one-line reason why `factor` cannot be a scale multiplier (None when it can)."""
    if not factor == factor or not MIN_FACTOR <= factor <= MAX_FACTOR:  # NaN is not a multiplier
        return msg("scale.factor_out_of_range", "--scale: {value:g} is not allowed; give a multiplier of today's "
                   "traffic from {low:g} to {high:g} (e.g. 3 for three times)", value=factor, low=MIN_FACTOR,
                   high=MAX_FACTOR)
    return None


def scale_report(data: dict, factor: float = 1.0, *, account_limits: dict | None = None,
                 tolerance: float = TOLERANCE) -> ScaleReport:
    """The readiness report of a design mapping's expected case at ×`factor` its traffic, and the multiplier
    at which each check first fails (searched from ×0.01 to ×1000, to `tolerance`). `account_limits` (from
    a live account snapshot) override the design's own limits, as `check --account` does. DesignError if the
    design is invalid or the factor is out of range.

    The search does not depend on `factor`: it is kept for the last few designs (by their content), so moving
    the Limits page's slider runs the checks once, at the new factor."""
    problem = factor_problem(factor)
    if problem:
        raise DesignError([problem])
    data = with_account_limits(data, account_limits)
    key = _content_key(data)
    prices = catalog_key(str(data.get("region", "")))  # a refresh or another catalog: not the cached search
    found, checks, evaluations = _search(key, tolerance, prices) if key is not None else _search_of(data, tolerance)
    design, limits, catalog, facts = _inputs(data)
    at_factor = readiness(Run(scaled(design, factor), facts), limits, catalog)
    return ScaleReport(factor=factor, readiness=at_factor, first_failures=found, checks=checks, tolerance=tolerance,
                       min_factor=MIN_FACTOR, max_factor=MAX_FACTOR, evaluations=evaluations)


def _content_key(data: dict) -> str | None:
    """The design mapping as canonical JSON (None when JSON cannot hold it: then nothing is kept)."""
    try:
        return json.dumps(data, sort_keys=True, default=str)
    except (TypeError, ValueError, RecursionError):
        return None


def _inputs(data: dict) -> tuple[Design, dict[str, LimitValue], Catalog, Facts]:
    """The expected case parsed, its limits (design's over AWS's defaults), its region's catalog, the facts."""
    design = case_design(data)
    return design, applicable_limits(design, load_limit_defaults()), catalog_for(design.region), load_facts()


_Search = tuple[tuple[FirstFailure, ...], dict[tuple[str, str], Check], int]


@lru_cache(maxsize=8)
def _search(key: str, tolerance: float, prices: str) -> _Search:
    """`_search_of` the design in `key` (JSON), cached by it, the tolerance and the prices (`catalog_key`)."""
    return _search_of(json.loads(key), tolerance)


def _search_of(data: dict, tolerance: float) -> _Search:
    """(each check's first failure, the checks at ×1, engine runs made)."""
    design, limits, catalog, facts = _inputs(data)

    def statuses_at(multiplier: float) -> dict[tuple[str, str], str]:
        found = readiness(Run(scaled(design, multiplier), facts), limits, catalog)
        if multiplier == 1.0:
            at_one.extend(found.checks)
        return {(c.id, c.component): c.status for c in found.checks}

    at_one: list[Check] = []
    found, seen = first_failures(statuses_at, tolerance=tolerance, min_factor=MIN_FACTOR, max_factor=MAX_FACTOR)
    return tuple(found), {(c.id, c.component): c for c in at_one}, len(seen)
