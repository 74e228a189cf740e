"""Observe and calibrate: the one place the CLI and the app get an observation, its summary and a calibrated design.

    data = read_observation(None, "us-east-1", days=14)            # CloudWatch, read-only (aws/observe.py)
    rows = summary_rows(data)                                       # what the table shows, per resource
    calibrated = calibrate(design_mapping, data)                    # models/calibrate/apply.py
    text = calibrated_yaml(calibrated)                              # the new design file's text
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from aws.guard import DEFAULT_DEADLINE_S
from aws.naming import matches
from aws.observe import SCHEMA, ObserveError, observation_model, observe
from aws.session import ClientFactory, PullSettings
from models.calibrate.apply import EVENTS_METRIC, Calibrated, calibrate_design
from models.calibrate.fit import monthly_total, peak_per_second
from models.design.schema import parse_design
from models.design.text import dump_design_text
from models.messages import msg

MAX_OBSERVATION_BYTES = 200_000_000


def read_observation(profile: str | None, region: str, days: int = 14, resolution: str = "hour", *,
                     deadline_s: float = DEFAULT_DEADLINE_S, max_attempts: int = 5,
                     client_factory: ClientFactory | None = None) -> dict[str, Any]:
    """The account's metrics for the last `days` days (ObserveError when the window is not allowed)."""
    settings = PullSettings(max_attempts=max_attempts, deadline_s=deadline_s)
    return observe(profile, region, days, resolution, settings=settings, client_factory=client_factory)


def load_observation(path: Path) -> dict[str, Any]:
    """A saved observation file (`cli.py observe -o`), checked enough to fit (ObserveError with one line)."""
    try:
        if path.stat().st_size > MAX_OBSERVATION_BYTES:
            raise ObserveError(msg("observe.file_too_large", "{path}: too large for an observation file",
                                   path=str(path)))
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ObserveError(msg("observe.file_unreadable", "{path}: not an observation file ({error})",
                               path=str(path), error=type(err).__name__)) from None
    return load_observation_data(data, str(path))


def load_observation_data(data: Any, path: str) -> dict[str, Any]:
    """Loaded JSON checked as an observation (ObserveError with one line naming `path`)."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ObserveError(msg("observe.file_schema", "{path}: not an observation file (schema must be {schema})",
                               path=str(path), schema=SCHEMA))
    try:
        observation_model(data)
        summary_rows(data)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ObserveError(msg("observe.file_shape", "{path}: a malformed observation file ({error})",
                               path=str(path), error=f"{type(err).__name__}: {err}"[:120])) from None
    return data


def dump_observation(data: dict[str, Any]) -> str:
    """The observation as JSON text."""
    return json.dumps(data, ensure_ascii=False) + "\n"


def summary_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per observed resource: kind, name, events a month, peak per second, errors, throttles, p99 (ms)."""
    model = observation_model(data)
    hours = model.window.hours
    rows = []
    for res in model.resources:
        events = EVENTS_METRIC.get(res.kind) or ("ConsumedReadCapacityUnits" if res.kind == "dynamodb"
                                                 else "AllRequests")
        series = res.hourly.get(events)
        errors = sum(monthly_total(res.hourly[k], hours) for k in ("Errors", "5XXError", "5xx") if k in res.hourly)
        throttles = sum(monthly_total(res.hourly[k], hours) for k in ("Throttles", "ThrottledRequests")
                        if k in res.hourly)
        p99 = res.overall.get("Duration.p99", res.overall.get("Latency.p99"))
        rows.append({"kind": res.kind, "name": res.name, "metric": events,
                     "per_month": None if series is None else monthly_total(series, hours),
                     "peak_per_s": None if series is None else peak_per_second(series),
                     "errors_per_month": errors, "throttles_per_month": throttles,
                     "p99_ms": None if p99 is None or math.isnan(p99) else p99})
    return rows


def observation_text(data: dict[str, Any]) -> str:
    """The terminal table of an observation, then its gaps."""
    model = observation_model(data)
    lines = [f"Observed {model.window.label} ({data['hours']} h, {data['resolution']} resolution) in {data['region']}"]
    header = f"{'kind':<9} {'name':<32} {'metric':<26} {'per month':>14} {'peak/s':>10} {'p99 ms':>9} {'throttles':>10}"
    lines += [header, "-" * len(header)]
    for row in summary_rows(data):
        lines.append(f"{row['kind']:<9} {row['name'][:32]:<32} {row['metric']:<26} {_num(row['per_month'], 0):>14} "
                     f"{_num(row['peak_per_s'], 2):>10} {_num(row['p99_ms'], 1):>9} "
                     f"{_num(row['throttles_per_month'], 0):>10}")
    if not model.resources:
        lines.append("(no metrics found)")
    lines += [f"gap: {g}" for g in model.gaps]
    return "\n".join(lines) + "\n"


def _num(value: float | None, digits: int) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def calibrate(design_data: dict[str, Any], data: dict[str, Any], aliases: dict[str, str] | None = None) -> Calibrated:
    """The design calibrated from the observation; `aliases` maps metric names to resource names (HTTP API
    ids → names from a snapshot). The result is validated as a design."""
    names = aliases or {}

    def same(cid: str, label: str | None, name: str) -> bool:
        return matches(cid, label, name) or (name in names and matches(cid, label, names[name]))

    model = observation_model(data)
    result = calibrate_design(design_data, model, same)
    result.assumptions += [msg("observe.gap", "not read: {gap}", gap=g) for g in model.gaps]
    parse_design(result.data)  # a calibration that does not validate is a bug here, not the user's problem
    return result


def calibrated_yaml(result: Calibrated) -> str:
    """The calibrated design as YAML, headed by what was observed and what stays an assumption."""
    head = ["# Calibrated from CloudWatch metrics by `cli.py observe --apply` / `account import --observe`.",
            "# Observed values:"]
    head += [f"#   - {p}" for p in result.provenance]
    head += ["# Still ASSUMPTIONS (not observed):"] + [f"#   - {a}" for a in result.assumptions]
    return "\n".join(head) + "\n" + dump_design_text(result.data)


def http_api_aliases(snapshot_apis: dict[str, dict[str, Any]]) -> dict[str, str]:
    """ApiId → name for the snapshot's HTTP APIs (their metrics are named by id)."""
    return {str(api["id"]): name for name, api in snapshot_apis.items() if api.get("id")}
