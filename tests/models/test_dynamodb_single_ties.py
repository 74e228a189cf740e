"""Of equally cheap one-time schedules, the compiled programme picks the same one the numpy programme did.

The one-time bound's programme (`_cheapest_single`, compiled by numba in models/dynamodb_planner/compiled.py)
keeps the costs before each step and re-derives its choices on the way back, in a stated order of preference
(staying or raising before lowering, the nearest level, the lowest rule state). Costs here are whole numbers, so
many ways tie: the cheapest cost alone (checked against brute force in test_dynamodb_decrease_rule.py) does not
say which way is shown. The paths in tests/fixtures/dynamodb/single_ties.json were chosen by the numpy form of
the programme it replaced (git e383429); both also agreed on 1,474 further random months (1–400 steps of 5 to 60
minutes, up to 8 levels and 3 tables, with and without checkpoints: paths, costs and decreases per day, wherever
a schedule exists), and on the CLI's `dynamodb-plan --format json` for 5 tables × 8 settings, byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import models.dynamodb_planner.schedule as schedule
from models.dynamodb_planner.schedule import DecreaseRule, StartState, cheapest_schedules

GOLDEN = json.loads((Path(__file__).resolve().parents[1] / "fixtures/dynamodb/single_ties.json").read_text())["cases"]


def tie_heavy_case(seed: int):
    """A small random month of one to three tables of different widths with whole-number prices (ties are
    common) and steps that need a level or more, a random start state, prior level, daily quota and steps where
    no decrease is allowed."""
    rng = np.random.default_rng(seed)
    step = int(rng.choice([5, 10, 15, 30, 60]))
    steps = int(rng.integers(1, 90))
    tables = []
    for _ in range(int(rng.integers(1, 4))):
        width = int(rng.integers(1, 7))
        need = rng.integers(0, width, steps)
        price = np.round(rng.uniform(0.5, 3, width).cumsum(), 0)
        tables.append(np.where(np.arange(width)[None] >= need[:, None], price[None], np.inf))
    day = (np.arange(steps) * step + int(rng.integers(0, 1440))) // 1440
    start = StartState(int(rng.integers(0, 5)), None if rng.random() < 0.5 else int(rng.integers(0, 13)))
    prior = None if rng.random() < 0.4 else min(t.shape[1] for t in tables) - 1
    no_decrease = rng.random(steps) < 0.2 if rng.random() < 0.4 else None
    rule = DecreaseRule(step, int(rng.choice([27, 3, 6])))
    return tables, day, rule, start, prior, no_decrease


@pytest.mark.parametrize("block", range(8))
@pytest.mark.parametrize("checkpoints", [False, True])
def test_of_equally_cheap_ways_the_one_time_programme_keeps_its_choice(block, checkpoints, monkeypatch):
    if checkpoints:  # the costs recomputed a block at a time from checkpoints: the same floats, the same ties
        monkeypatch.setattr(schedule, "KEPT_COSTS_BYTES", 0)
    for seed in range(block * 50, block * 50 + 50):
        tables, day, rule, start, prior, no_decrease = tie_heavy_case(seed)
        plans = cheapest_schedules(tables, day, rule, start, prior_level=prior, no_decrease=no_decrease)
        expected = GOLDEN[str(seed)]
        assert [plan.cost for plan in plans] == expected["costs"], seed
        assert [plan.levels.tolist() for plan in plans] == expected["levels"], seed
        assert [{str(d): n for d, n in plan.decreases_per_day.items()} for plan in plans] == expected["per_day"], seed
