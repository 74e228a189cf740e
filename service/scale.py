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

from dataclasses import dataclass

from models.checks.base import Check
from models.checks.limits import applicable_limits
from models.checks.readiness import Readiness, readiness
from models.checks.scale import FirstFailure, first_failures, first_wall
from models.design.scale import scaled
from models.design.schema import DesignError, parse_design
from models.messages import msg
from models.run.run import Run
from pricing.catalog import load_facts, load_limit_defaults
from service.inputs import catalog_for, with_account_limits
from service.planning import expected_data

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
    design is invalid or the factor is out of range."""
    problem = factor_problem(factor)
    if problem:
        raise DesignError([problem])
    data = with_account_limits(data, account_limits)
    design = parse_design(expected_data(data))
    limits = applicable_limits(design, load_limit_defaults())
    catalog, facts = catalog_for(design.region), load_facts()

    def report_at(multiplier: float) -> Readiness:
        return readiness(Run(scaled(design, multiplier), facts), limits, catalog)

    at_one = report_at(1.0)

    def statuses_at(multiplier: float) -> dict[tuple[str, str], str]:
        found = at_one if multiplier == 1.0 else report_at(multiplier)
        return {(c.id, c.component): c.status for c in found.checks}

    found, seen = first_failures(statuses_at, tolerance=tolerance, min_factor=MIN_FACTOR, max_factor=MAX_FACTOR)
    return ScaleReport(factor=factor, readiness=at_one if factor == 1.0 else report_at(factor),
                       first_failures=tuple(found), checks={(c.id, c.component): c for c in at_one.checks},
                       tolerance=tolerance, min_factor=MIN_FACTOR, max_factor=MAX_FACTOR, evaluations=len(seen))
