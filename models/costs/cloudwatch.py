"""Amazon CloudWatch: alarms, custom metrics, PutMetricData requests and a stand-alone log group
(https://aws.amazon.com/cloudwatch/pricing/).

Alarms are billed per alarm metric per month (standard or high resolution: an anomaly detection
alarm is 3 alarm metrics, a metric-math alarm one per metric it reads), composite alarms per alarm;
custom metrics per metric-month in volume tiers; API requests per 1,000. The free tier (10 alarm
metrics, 10 custom metrics, 1M API requests, 5 GB of logs) is always on. A log group's logs are
billed as ingested and as stored: ingestion × retention days / days per month in steady state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, dec, fmt
from models.design.schema import CloudWatch
from models.units import HOURS_PER_MONTH

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("standard_alarms", "cloudwatch.alarms.standard"),
    Component("high_resolution_alarms", "cloudwatch.alarms.high_resolution"),
    Component("composite_alarms", "cloudwatch.alarms.composite"),
    Component("custom_metrics", "cloudwatch.metrics"),
    Component("api_requests", "cloudwatch.api_requests"),
    Component("log_ingestion", "cloudwatch.logs.ingestion.{log_class}"),
    Component("log_storage", "cloudwatch.logs.storage"),
)


def usage(cw: CloudWatch, run: Run) -> ComponentUsage:
    """Monthly usage of alarms, metrics, PutMetricData requests and logs."""
    return ComponentUsage(billed(COMPONENTS, globals(), cw, run))


def _count(value: float, what: str) -> Quantity | None:
    return Quantity(dec(value), f"{fmt(value)} {what} × 1 month") if value else None


def standard_alarms(cw: CloudWatch, run: Run) -> Quantity | None:
    """Standard-resolution (60 s) alarm metrics."""
    return _count(cw.standard_alarm_metrics, "standard-resolution alarm metrics")


def high_resolution_alarms(cw: CloudWatch, run: Run) -> Quantity | None:
    """High-resolution (10 s or 30 s period) alarm metrics."""
    return _count(cw.high_resolution_alarm_metrics, "high-resolution alarm metrics")


def composite_alarms(cw: CloudWatch, run: Run) -> Quantity | None:
    """Composite alarms (the alarms they combine are billed as their own)."""
    return _count(cw.composite_alarms, "composite alarms")


def custom_metrics(cw: CloudWatch, run: Run) -> Quantity | None:
    """Custom metrics, each a unique name and dimension set, receiving data all month."""
    return _count(cw.custom_metrics, "custom metrics")


def api_requests(cw: CloudWatch, run: Run) -> Quantity | None:
    """PutMetricData requests: the upstream events × `calls`, or `put_requests_per_month`."""
    requests = run.events[cw.id]
    return Quantity(requests, f"{fmt(requests)} PutMetricData requests") if requests else None


def log_ingestion(cw: CloudWatch, run: Run) -> Quantity | None:
    """GB of logs ingested per month by the log group."""
    gb = cw.log_ingested_gb_per_month
    return Quantity(dec(gb), f"{fmt(gb)} GB ingested ({cw.log_class})") if gb else None


def log_storage(cw: CloudWatch, run: Run) -> Quantity | None:
    """GB-month stored: kept for log_retention_days, the monthly ingestion × retention / days per month."""
    gb = cw.log_ingested_gb_per_month
    if not gb:
        return None
    stored = dec(gb) * cw.log_retention_days * 24 / HOURS_PER_MONTH
    return Quantity(stored, f"{fmt(gb)} GB a month kept {cw.log_retention_days} days (uncompressed)")
