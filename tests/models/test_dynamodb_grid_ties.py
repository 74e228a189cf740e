"""Of equally cheap weekly schedules, the grid programme picks the same one as before it was made faster.

The weekly plan's programme (`_cheapest_grid`) keeps only the costs of each step and re-derives its choices on
the way back, in a stated order of preference (staying or raising before lowering, the nearest level, RCU lowered
before WCU on a tie, the lowest rule state). Costs here are whole numbers, so many ways tie: the cheapest cost
alone (checked against brute force in test_dynamodb_decrease_rule.py) does not say which way is shown. The
paths in tests/fixtures/dynamodb/grid_ties.json were chosen by the earlier form of the programme, which stored
back pointers at every step (`_move_grid`, as of git 0ccad27); both agreed on 1,500 further random cases
(paths and costs) when it was replaced.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from models.dynamodb_planner.schedule import DecreaseRule, StartState, cheapest_schedule

GOLDEN = json.loads((Path(__file__).resolve().parents[1] / "fixtures/dynamodb/grid_ties.json").read_text())["cases"]


def tie_heavy_case(seed: int):
    """A small random month on an (RCU, WCU) grid with whole-number prices (ties are common), a random start
    state, prior level, daily quota and steps where no decrease is allowed."""
    rng = np.random.default_rng(seed)
    rows, cols = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    steps = int(rng.integers(8, 60))
    step = int(rng.choice([15, 30, 60]))
    need_r, need_w = rng.integers(0, rows, steps), rng.integers(0, cols, steps)
    price_r = np.round(rng.uniform(0.5, 3, rows).cumsum(), 0)
    price_w = np.round(rng.uniform(0.5, 3, cols).cumsum(), 0)
    cost_r = np.where(np.arange(rows)[None] >= need_r[:, None], price_r[None], np.inf)
    cost_w = np.where(np.arange(cols)[None] >= need_w[:, None], price_w[None], np.inf)
    step_cost = (cost_r[:, :, None] + cost_w[:, None, :]).reshape(steps, -1)
    day = (np.arange(steps) * step + int(rng.integers(0, 1440))) // 1440
    start = StartState(int(rng.integers(0, 5)), None if rng.random() < 0.5 else int(rng.integers(0, 6)))
    prior = None if rng.random() < 0.3 else rows * cols - 1
    no_decrease = rng.random(steps) < 0.2 if rng.random() < 0.5 else None
    rule = DecreaseRule(step, int(rng.choice([27, 3, 6])))
    return step_cost, day, rule, start, prior, no_decrease, (rows, cols)


@pytest.mark.parametrize("block", range(8))
def test_of_equally_cheap_ways_the_grid_programme_keeps_its_choice(block):
    for seed in range(block * 50, block * 50 + 50):
        step_cost, day, rule, start, prior, no_decrease, grid = tie_heavy_case(seed)
        plan = cheapest_schedule(step_cost, day, rule, start, prior_level=prior, no_decrease=no_decrease, grid=grid)
        expected = GOLDEN[str(seed)]
        assert plan.cost == expected["cost"], seed
        assert plan.levels.tolist() == expected["levels"], seed
