"""Amazon EventBridge: custom events on a bus, cross-account deliveries, Pipes requests and Scheduler
invocations, each 64 KB chunk of a payload counting once.

https://aws.amazon.com/eventbridge/pricing/ — "Each 64 KB chunk of a payload is billed as one event (for
example, an event with a 256 KB payload is billed as 4 events)". AWS management (service) events are ingested
free; custom events are billed when published; an event delivered to a bus in another account is billed per
delivery. Pipes bill requests after filtering (events the filter drops are not billed), per 64 KB chunk.
Scheduler bills invocations after a monthly free allowance of 14 million. The page does not say how Scheduler
counts a large payload; read the way AWS cannot undercharge, each 64 KB chunk counts as one invocation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, ceil_units, dec, fmt
from models.design.schema import EventBridge

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("custom_events", "eventbridge.custom_events"),
    Component("cross_account", "eventbridge.cross_account_events"),
    Component("pipe_requests", "eventbridge.pipes.requests"),
    Component("scheduler_invocations", "eventbridge.scheduler.invocations"),
)


def usage(bridge: EventBridge, run: Run) -> ComponentUsage:
    """Monthly usage of one bus, pipe or schedule group carrying its events in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), bridge, run))


def chunks(bridge: EventBridge) -> Decimal:
    """64 KB chunks per event: 64 KB is one, 65 KB two, 256 KB four.

    >>> chunks(EventBridge(id="b", type="eventbridge", event_kb=256))
    Decimal('4')
    """
    return ceil_units(dec(bridge.event_kb), Decimal(64))


def custom_events(bridge: EventBridge, run: Run) -> Quantity | None:
    """A bus's custom events published (PutEvents), per 64 KB chunk; AWS service events are free."""
    if bridge.kind != "bus" or bridge.event_source != "custom":
        return None
    events, n = run.events[bridge.id], chunks(bridge)
    return Quantity(events * n, f"{fmt(events)} custom events × {fmt(n)} (64 KB chunks)")


def cross_account(bridge: EventBridge, run: Run) -> Quantity | None:
    """A bus's deliveries to other accounts' buses, per 64 KB chunk (custom and AWS service events alike)."""
    if bridge.kind != "bus" or not bridge.cross_account_targets:
        return None
    events, per, n = run.events[bridge.id], dec(bridge.cross_account_targets), chunks(bridge)
    return Quantity(events * per * n, f"{fmt(events)} events × {fmt(per)} cross-account deliveries × {fmt(n)} "
                                      "(64 KB chunks)")


def pipe_requests(bridge: EventBridge, run: Run) -> Quantity | None:
    """A pipe's requests: the events its filter lets through, per 64 KB chunk."""
    if bridge.kind != "pipe":
        return None
    events, share, n = run.events[bridge.id], dec(bridge.filter_pass_ratio), chunks(bridge)
    return Quantity(events * share * n, f"{fmt(events)} events × {fmt(share)} passing the filter × {fmt(n)} "
                                        "(64 KB chunks)")


def scheduler_invocations(bridge: EventBridge, run: Run) -> Quantity | None:
    """EventBridge Scheduler: invocations per month, per 64 KB chunk of payload."""
    if bridge.kind != "scheduler":
        return None
    events, n = run.events[bridge.id], chunks(bridge)
    return Quantity(events * n, f"{fmt(events)} scheduled invocations × {fmt(n)} (64 KB chunks)")
