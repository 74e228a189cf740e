"""One Plan per design: each case parsed once, its `Run` built once, priced once and checked on that Run.

    p = plan(data)                      # every case of the design, with its readiness report
    p.cases["expected"].estimate        # USD per month, line items (models/costs/estimate.py)
    p.readiness["expected"]             # the checks on the same traffic series and cold starts
    validate(data)                      # parse only: {case: Design}, DesignError when invalid
    case_design(data, "low")            # one case's Design, every case validated first

A plain design has one case, "expected"; a design with `{low, expected, high}` ranges has three,
each evaluated as a design of its own (models/design/ranges.py). Whatever a caller asks of a design — one
case or all of them — every case is validated by `validate`, so a range's bad low or high value is refused by
every command and page, not only by those that price every case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from models.checks.limits import applicable_limits
from models.checks.readiness import Readiness
from models.checks.readiness import readiness as readiness_of
from models.costs.estimate import Estimate, estimate
from models.design.ranges import CASES, scenarios
from models.design.schema import Design, assumed_defaults, parse_design, traffic_notes
from models.run.flow import monthly_events
from models.run.run import Run
from pricing.catalog import load_facts, load_limit_defaults
from service.inputs import catalog_for, catalog_note, range_notes, with_account_limits


@dataclass(frozen=True)
class Case:
    """One case of a design: the parsed design, its month (`Run`) and its estimate (USD per month)."""

    design: Design
    run: Run
    estimate: Estimate


@dataclass(frozen=True)
class Plan:
    """Every case of one design ("expected", plus "low" and "high" for a ranged design), the
    readiness report of each (empty when not asked for) and the notes on the inputs (the expected
    case's estimate warnings that come from the design and catalog, not from pricing)."""

    cases: Mapping[str, Case]
    readiness: Mapping[str, Readiness]
    notes: tuple[str, ...]

    @property
    def expected(self) -> Case:
        """The expected case (the only one of a plain design)."""
        return self.cases["expected"]


def validate(data: dict) -> dict[str, Design]:
    """Parse every case of a design mapping, nothing priced: {case: Design}. Raises the
    `DesignError` an estimate of it would (schema, graph, malformed ranges, and volumes along the
    `calls` chain past what any estimate can hold)."""
    designs = {case: parse_design(plain) for case, plain in scenarios(data).items()}
    for design in designs.values():
        monthly_events(design)  # the flow's bound on events a month (cheap: no traffic series)
    return designs


def case_design(data: dict, case: str = "expected") -> Design:
    """One case of a design mapping, parsed, after every case has been validated (`validate`): a plain
    design's only case stands for each. DesignError if any case is invalid."""
    return _one_case(validate(data), case)


def _one_case(designs: dict[str, Design], case: str) -> Design:
    if case not in CASES:
        raise ValueError(f"case must be one of {CASES}, not {case!r}")
    return designs.get(case, designs["expected"])


def plan(data: dict, *, account_limits: dict | None = None, readiness: bool = True,
         case: str | None = None) -> Plan:
    """The Plan of a design mapping: every case (or only `case`) parsed, run, priced and — with
    `readiness` — checked on the same Run. `account_limits` (from a live account snapshot) override
    the design's own limits and AWS's defaults. DesignError if the design is invalid."""
    data = with_account_limits(data, account_limits)
    designs = validate(data)  # every case, also when only one is asked for: one validation path
    if case is not None:
        designs = {case: _one_case(designs, case)}
    facts = load_facts()
    cases: dict[str, Case] = {}
    reports: dict[str, Readiness] = {}
    notes: tuple[str, ...] = ()
    for name, design in designs.items():
        run = Run(design, facts)
        catalog = catalog_for(design.region)
        case_notes = (assumed_defaults(data) + traffic_notes(design) + range_notes(data, name)
                      + catalog_note(design.region))
        cases[name] = Case(design, run, estimate(run, catalog, notes=tuple(case_notes)))
        if name == "expected":
            notes = tuple(case_notes)
        if readiness:
            reports[name] = readiness_of(run, applicable_limits(design, load_limit_defaults()), catalog)
    return Plan(cases, reports, notes)
