"""The application layer shared by app.py and cli.py: gather inputs, call the pure core.

A number the app shows and the CLI prints comes from `estimate_data` (or `estimate_text`).
"""

from __future__ import annotations

from models.design import assumed_defaults, parse_design
from models.design_text import load_design_data
from models.estimate import Estimate, estimate
from pricing.catalog import load_catalog


def estimate_data(data: dict) -> Estimate:
    """Validate a design mapping and price it with its region's catalog (DesignError if invalid)."""
    design = parse_design(data)
    return estimate(design, load_catalog(design.region), notes=tuple(assumed_defaults(data)))


def estimate_text(text: str) -> Estimate:
    """Price a YAML/JSON design text (DesignError with a one-line reason if it is invalid)."""
    return estimate_data(load_design_data(text))
