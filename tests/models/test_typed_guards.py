"""The guards mypy --strict asked for: a check or planner step called without the optional figure it
needs says so (ValueError naming it) instead of failing on None inside numpy."""

from __future__ import annotations

import numpy as np
import pytest

from models.checks import api_gateway as checks_api
from models.checks import dynamodb as checks_dynamodb
from models.checks import lambda_function as checks_lambda
from models.checks.base import Context
from models.checks.limits import LimitValue
from models.design.schema import parse_design
from models.dynamodb_planner.plan import PlannerSettings, TableDemand, _throttle_penalty
from models.dynamodb_planner.schedule import DecreaseRule, StartState
from models.run.run import Run

DESIGN = {"name": "t", "workload": {"requests_per_month": 1_000_000},
          "components": [{"id": "api", "type": "api_gateway"},
                         {"id": "fn", "type": "lambda", "from": "api"},
                         {"id": "table", "type": "dynamodb", "from": "fn"}]}


def context() -> Context:
    limits = {"dynamodb_partition_read": LimitValue("dynamodb_partition_read", 3000.0, "units/s", "AWS default")}
    return Context.of(Run(parse_design(DESIGN)), limits)


def test_a_stage_throttle_check_needs_stage_rps() -> None:
    ctx = context()
    with pytest.raises(ValueError, match="api: no stage_rps"):
        checks_api._stage_throttle(ctx, ctx.design.component("api"))


def test_a_hot_partition_check_needs_hot_key_share() -> None:
    ctx = context()
    with pytest.raises(ValueError, match="table: no hot_key_share"):
        checks_dynamodb._hot_partition(ctx, ctx.design.component("table"), "read", np.ones(4), 4.0)


def test_the_load_series_sum_needs_one_series() -> None:
    assert checks_lambda._summed([np.ones(3), np.full(3, 2.0)]).tolist() == [3.0, 3.0, 3.0]
    with pytest.raises(ValueError, match="no series to sum"):
        checks_lambda._summed([])


def test_the_throttle_penalty_needs_the_lost_requests() -> None:
    demand = TableDemand("t", np.ones(4), np.ones(4), 240.0, 240.0, "standard", 0)
    values = np.array([1.0])
    dims = [(values, values, values[None, :], None)]
    with pytest.raises(ValueError, match="requests each capacity loses"):
        _throttle_penalty(demand, PlannerSettings(allowed_throttle_fraction=0.01), dims, np.zeros(1, dtype=np.int64),
                          DecreaseRule(15, 27), StartState())
