"""An observation into a design mapping: the values it can fill, each with its provenance, the rest marked.

    result = calibrate_design(data, observation, matches)
    result.data          # a new design mapping (the input is not changed)
    result.provenance    # "workload.requests_per_month: 4,210,000 — observed: 2026-11-17..2026-11-30 (...)"
    result.assumptions   # "orders.duration_ms: not observed (no Duration percentiles); stays an assumption"

A component stands for an observed resource when `matches(component id, label, resource name)`
(aws/naming.py decides; the core does not know AWS's naming rules). Filled, per type:

- the client workload (from the summed Count of the APIs — or Invocations of the functions — that it
  drives directly): requests_per_month, daily_profile and weekly_profile (local time, the design's
  timezone), the largest spike (as one spike a month), burstiness (from minute data only);
- api_gateway: requests_per_month when given directly, else its share of the workload (`calls`);
- lambda: invocations_per_month (direct) or `calls` per upstream event (when the upstream is
  observed too), duration_ms as {p50, p95, p99} from the window's Duration percentiles;
- dynamodb: reads_per_month / writes_per_month from the consumed capacity units (÷ the units one
  read or write of the table's item size takes);
- sqs: messages_per_month (NumberOfMessagesSent); s3: gets/puts_per_month (request metrics).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import numpy as np

from models.calibrate.fit import (
    Observation,
    Profile,
    Resource,
    SpikeFit,
    burstiness,
    counts,
    duration_percentiles,
    has_data,
    largest_spike,
    local_index,
    monthly_total,
    peak_per_second,
    peaks_rps,
)
from models.costs.dynamodb import read_units_per_read, write_units_per_write
from models.design.schema import MAX_PERCENTILE_SPREAD, Workload
from models.messages import msg
from models.units import HOURS_PER_MONTH

#: design component type → observed resource kind, and the metric that counts its events
KIND = {"api_gateway": "api", "lambda": "lambda", "dynamodb": "dynamodb", "sqs": "sqs", "s3": "s3"}
EVENTS_METRIC = {"api": "Count", "lambda": "Invocations", "sqs": "NumberOfMessagesSent"}
Matcher = Callable[[str, str | None, str], bool]
Comp = dict[str, Any]


@dataclass
class Calibrated:
    """The calibrated design mapping, where each filled value came from, what stays assumed, and figures."""

    data: dict[str, Any]
    provenance: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)


def calibrate_design(data: dict[str, Any], observation: Observation, matches: Matcher) -> Calibrated:
    """A copy of the design mapping `data` with every value the observation can give filled in."""
    result = Calibrated(data=copy.deepcopy(data))
    comps = [c for c in result.data.get("components") or [] if isinstance(c, dict)]
    found = {c["id"]: _resource(c, observation, matches) for c in comps if c.get("id")}
    monthly: dict[str, float] = {}
    for comp in comps:
        res = found.get(comp.get("id", ""))
        metric = EVENTS_METRIC.get(res.kind) if res else None
        if res is not None and metric is not None and has_data(res.hourly.get(metric)):
            monthly[comp["id"]] = monthly_total(res.hourly[metric], observation.window.hours)
    _workload(result, comps, found, monthly, observation)
    for comp in comps:
        _component(result, comp, found.get(comp.get("id", "")), comps, monthly, observation)
    note = f"Calibrated from CloudWatch metrics observed: {observation.window.label}."
    result.data["description"] = ((result.data.get("description") or "") + " " + note).strip()[-2000:]
    return result


def _resource(comp: Comp, observation: Observation, matches: Matcher) -> Resource | None:
    kind = KIND.get(str(comp.get("type")))
    for res in observation.resources:
        if res.kind == kind and matches(str(comp["id"]), comp.get("label"), res.name):
            return res
    return None


def _observed(result: Calibrated, path: str, value: Any, shown: str, source: str, observation: Observation) -> None:
    result.provenance.append(msg("observe.provenance", "{path}: {value} — observed: {window} ({source})", path=path,
                                 value=shown, window=observation.window.label, source=source))


def _assumed(result: Calibrated, path: str, why: str) -> None:
    result.assumptions.append(msg("observe.assumed", "{path}: not observed ({why}); the design's value stays an "
                                  "assumption", path=path, why=why))


def _is_root(comp: Comp) -> bool:
    """Driven by the client workload: no `from` and no monthly figure of its own."""
    direct = {"api_gateway": "requests_per_month", "lambda": "invocations_per_month"}.get(str(comp.get("type")))
    return direct is not None and comp.get("from") is None and comp.get(direct) is None


def _workload(result: Calibrated, comps: list[Comp], found: dict[str, Resource | None], monthly: dict[str, float],
              observation: Observation) -> None:
    """The client workload from the roots' summed events: volume, profile, spike, burstiness."""
    roots = [c for c in comps if _is_root(c) and c["id"] in monthly]
    if not any(_is_root(c) for c in comps):
        return
    if not roots:
        _assumed(result, "workload", "no API or function the workload drives was found in the metrics")
        return
    hours = observation.window.hours
    series = np.sum([counts(found[c["id"]].hourly[EVENTS_METRIC[found[c["id"]].kind]])  # type: ignore[union-attr]
                     for c in roots], axis=0)
    workload = dict(result.data.get("workload") or {})
    offset = Workload.model_validate({"timezone": workload.get("timezone", "UTC")}).utc_offset_hours
    profile, spike = largest_spike(series, observation.window.start, offset)
    total = monthly_total(series, hours) * month_factor(profile, observation.window.start, hours, offset)
    source = " + ".join(f"{c['id']}" for c in roots)
    spikes = [_design_spike(spike, profile.daily, profile.weekly)] if spike is not None else []
    # the window's spike is taken out of the volume; the design adds it back once a month
    base = total * (1 - spike.extra_share) if spike is not None else total
    for key in ("peak_rps", "users"):
        workload.pop(key, None)
    workload.update({"requests_per_month": round(base), "daily_profile": [round(v, 4) for v in profile.daily],
                     "weekly_profile": [round(v, 4) for v in profile.weekly], "spikes": spikes})
    _observed(result, "workload.requests_per_month", base, f"{round(base):,}", f"{source}, spike-free", observation)
    _observed(result, "workload.daily_profile / weekly_profile", None, "fitted", f"{source}, hourly", observation)
    if spikes:
        s = spikes[0]
        _observed(result, "workload.spikes", None, f"day {s['day']} {s['at']} × {s['multiplier']:g} for "
                  f"{s['minutes']} min", f"{source}, largest spike", observation)
    usual, largest = peaks_rps(series)
    result.figures.update({"monthly_requests": total, "usual_peak_rps": usual, "largest_peak_rps": largest})
    _burstiness(result, workload, roots, found, observation)
    result.data["workload"] = workload
    for comp in roots:
        if len(roots) > 1:
            comp["calls"] = round(monthly[comp["id"]] / total, 6) if total > 0 else 0.0


def month_factor(profile: Profile, start: datetime, hours: int, utc_offset_hours: float) -> float:
    """How much the design's month (730 h from a Monday) weighs the profile against the observed hours.

    The engine spreads `requests_per_month` over its month by the profile; for its hourly rates to be the
    observed ones, the window's average × 730 h is scaled by (the profile's mean over the month ÷ its mean
    over the observed hours). Two whole weeks of "weekdays" traffic give 1.016: the month has two more
    weekdays than four weeks do. 1 for a flat profile.
    """
    daily, weekly = np.asarray(profile.daily), np.asarray(profile.weekly)
    hour = np.arange(HOURS_PER_MONTH)
    month_mean = float((daily[hour % 24] * weekly[(hour // 24) % 7]).mean())
    hod, dow = local_index(start, hours, utc_offset_hours)
    seen_mean = float((daily[hod] * weekly[dow]).mean())
    return month_mean / seen_mean if seen_mean > 0 else 1.0


def _burstiness(result: Calibrated, workload: Comp, roots: list[Comp], found: dict[str, Resource | None],
                observation: Observation) -> None:
    minutes = [found[c["id"]].minute.get(EVENTS_METRIC[found[c["id"]].kind])  # type: ignore[union-attr]
               for c in roots]
    if not minutes or any(m is None for m in minutes):
        _assumed(result, "workload.burstiness", "no minute-level data; read with --resolution minute")
        return
    index = burstiness(np.sum([counts(m) for m in minutes if m is not None], axis=0))
    if index is None:
        _assumed(result, "workload.burstiness", "fewer than two hours of minute-level data")
        return
    workload["burstiness"] = round(index, 3)
    _observed(result, "workload.burstiness", index, f"{index:.3g}", "per-minute counts", observation)


def _design_spike(spike: SpikeFit, daily: tuple[float, ...], weekly: tuple[float, ...]) -> dict[str, Any]:
    """The spike in the design's month (day 1 is a Monday): the first day with the observed weekday."""
    return {"day": spike.weekday + 1, "at": f"{spike.hour:02d}:00", "minutes": min(1440, spike.hours * 60),
            "multiplier": round(min(10_000.0, spike.multiplier), 3)}


def _component(result: Calibrated, comp: Comp, res: Resource | None, comps: list[Comp], monthly: dict[str, float],
               observation: Observation) -> None:
    cid = str(comp.get("id"))
    kind = KIND.get(str(comp.get("type")))
    if kind is None:
        return
    if res is None:
        _assumed(result, cid, "no metrics found for this resource")
        return
    fill = {"api": _api, "lambda": _lambda, "dynamodb": _table, "sqs": _queue, "s3": _bucket}[kind]
    fill(result, comp, res, comps, monthly, observation)


def _api(result: Calibrated, comp: Comp, res: Resource, comps: list[Comp], monthly: dict[str, float],
         observation: Observation) -> None:
    if comp.get("requests_per_month") is not None and comp["id"] in monthly:
        comp["requests_per_month"] = round(monthly[comp["id"]])
        _observed(result, f"{comp['id']}.requests_per_month", None, f"{round(monthly[comp['id']]):,}",
                  f"{res.name} Count", observation)
    if "Count" in res.hourly:
        result.figures[f"{comp['id']}.peak_rps"] = peak_per_second(res.hourly["Count"])


def _lambda(result: Calibrated, comp: Comp, res: Resource, comps: list[Comp], monthly: dict[str, float],
            observation: Observation) -> None:
    cid = comp["id"]
    if cid in monthly and comp.get("invocations_per_month") is not None:
        comp["invocations_per_month"] = round(monthly[cid])
        _observed(result, f"{cid}.invocations_per_month", None, f"{round(monthly[cid]):,}",
                  f"{res.name} Invocations", observation)
    elif cid in monthly and comp.get("from") is not None:
        upstream = monthly.get(str(comp["from"]))
        if upstream and upstream > 0:
            comp["calls"] = round(monthly[cid] / upstream, 6)
            _observed(result, f"{cid}.calls", None, f"{comp['calls']:g}", f"{res.name} Invocations ÷ "
                      f"{comp['from']}", observation)
        else:
            _assumed(result, f"{cid}.calls", f"its upstream {comp['from']} was not observed")
    durations = duration_percentiles(res.overall, MAX_PERCENTILE_SPREAD)
    if durations is None:
        _assumed(result, f"{cid}.duration_ms", "no Duration percentiles")
    else:
        comp["duration_ms"] = durations
        shown = ", ".join(f"{k} {v:g} ms" for k, v in durations.items())
        _observed(result, f"{cid}.duration_ms", None, shown, f"{res.name} Duration", observation)
    if "ConcurrentExecutions" in res.hourly:
        result.figures[f"{cid}.peak_concurrency"] = float(counts(res.hourly["ConcurrentExecutions"]).max())


def _table(result: Calibrated, comp: Comp, res: Resource, comps: list[Comp], monthly: dict[str, float],
           observation: Observation) -> None:
    cid, hours = comp["id"], observation.window.hours
    if comp.get("from") is not None:
        _assumed(result, f"{cid}.reads / writes", "the table is driven by 'from'; its per-event reads stay as given")
        return
    item_kb = Decimal(str(comp.get("item_kb", 1.0)))
    per_read = float(read_units_per_read(item_kb, str(comp.get("read_consistency", "eventual"))))
    per_write = float(write_units_per_write(item_kb, str(comp.get("write_mode", "standard"))))
    for metric, key, per in (("ConsumedReadCapacityUnits", "reads_per_month", per_read),
                             ("ConsumedWriteCapacityUnits", "writes_per_month", per_write)):
        if not has_data(res.hourly.get(metric)):
            _assumed(result, f"{cid}.{key}", f"no {metric}")
            continue
        units = monthly_total(res.hourly[metric], hours)
        comp[key] = round(units / per)
        _observed(result, f"{cid}.{key}", None, f"{comp[key]:,} ({units:,.0f} units ÷ {per:g} per request)",
                  f"{res.name} {metric}", observation)
        result.figures[f"{cid}.peak_{metric}_per_s"] = peak_per_second(res.hourly[metric])


def _queue(result: Calibrated, comp: Comp, res: Resource, comps: list[Comp], monthly: dict[str, float],
           observation: Observation) -> None:
    cid = comp["id"]
    if cid in monthly and comp.get("from") is None:
        comp["messages_per_month"] = round(monthly[cid])
        _observed(result, f"{cid}.messages_per_month", None, f"{comp['messages_per_month']:,}",
                  f"{res.name} NumberOfMessagesSent", observation)
    elif comp.get("from") is None:
        _assumed(result, f"{cid}.messages_per_month", "no NumberOfMessagesSent data points")
    if "ApproximateAgeOfOldestMessage" in res.hourly:
        result.figures[f"{cid}.oldest_message_s"] = float(counts(res.hourly["ApproximateAgeOfOldestMessage"]).max())


def _bucket(result: Calibrated, comp: Comp, res: Resource, comps: list[Comp], monthly: dict[str, float],
            observation: Observation) -> None:
    cid = comp["id"]
    if comp.get("from") is not None:
        return
    for metric, key in (("GetRequests", "gets_per_month"), ("PutRequests", "puts_per_month")):
        if has_data(res.hourly.get(metric)):
            comp[key] = round(monthly_total(res.hourly[metric], observation.window.hours))
            _observed(result, f"{cid}.{key}", None, f"{comp[key]:,}", f"{res.name} {metric}", observation)
        else:
            _assumed(result, f"{cid}.{key}", "no S3 request metrics (enable a request-metrics filter)")
