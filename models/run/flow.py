"""Monthly volumes along the design's `from`/`calls` links.

Each component receives events from its upstream (or from the client workload) and passes some
on: an API its requests, a function its invocations, a bucket its PUTs (object-created events),
a queue its messages, a table its writes (stream records), a CDN its cache misses.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from models.design.schema import MAX_MONTHLY, S3, STANDALONE_TYPES, Component, Design, DesignError, DynamoDb
from models.messages import msg
from models.run import streams
from models.run.batching import batched_invocations, flat_shape, is_batched
from models.run.traffic import client_monthly_requests, client_traffic
from models.units import dec


def item_counts(table: DynamoDb, events: Decimal) -> tuple[Decimal, Decimal]:
    """(item reads, item writes) per month: direct figures, or the flow × per-event counts."""
    if table.reads_per_month is not None or table.writes_per_month is not None:
        return dec(table.reads_per_month or 0), dec(table.writes_per_month or 0)
    return events * dec(table.reads), events * dec(table.writes)


def request_counts(bucket: S3, events: Decimal) -> tuple[Decimal, Decimal]:
    """(PUT-class, GET-class) requests per month: direct figures, or the flow × per-event counts."""
    if bucket.puts_per_month is not None or bucket.gets_per_month is not None:
        return dec(bucket.puts_per_month or 0), dec(bucket.gets_per_month or 0)
    return events * dec(bucket.puts), events * dec(bucket.gets)


def passed_on(comp: Any, events: Decimal) -> Decimal:
    """Events per month a component passes to the components whose `from` names it: an API its requests,
    a function its invocations, a topic its publishes, a queue its messages, a bucket one notification per
    PUT-class request, a table its item writes (stream records), a CDN its cache misses, a Kinesis stream
    its records (a function reading it is invoked per batch, and a Firehose stream passes on the S3
    objects it writes: models/run/streams.py, applied in `monthly_events`); Cognito, SES and Route 53 pass
    nothing on."""
    if comp.type in ("api_gateway", "lambda", "sns", "sqs"):
        return events
    if comp.type == "s3":
        return request_counts(comp, events)[0]
    if comp.type == "dynamodb":
        return item_counts(comp, events)[1]
    if comp.type == "cloudfront":
        return events * (1 - dec(comp.cache_hit_ratio))
    # ---- kinesis
    if comp.type == "kinesis":
        return events
    # ---- end kinesis
    # ---- sfn
    if comp.type == "step_functions":  # its executions: a Lambda task's `calls` = invocations per execution
        return events
    if comp.type == "eventbridge":  # each rule target gets every event (its `calls`: the share its rule matches)
        return events * dec(comp.filter_pass_ratio)  # a pipe passes on what its filter lets through
    # ---- end sfn
    return Decimal(0)

#: types whose per-month figures are read by their own module (not a single event count)
_OWN_DIRECT_FIELDS = ("dynamodb", "s3")
# ---- s3x
#: types that client traffic never reaches directly: only a `from` (or their own monthly figure) drives them
_FROM_ONLY_TYPES = ("secrets_manager", "cloudwatch")
# ---- end s3x
#: events a month any one component may receive: 100 × the bound on a typed monthly figure, so fan-out
#: designs pass, while a chain of multipliers cannot reach numbers no estimate can hold
MAX_EVENTS = Decimal(int(MAX_MONTHLY)) * 100


def monthly_events(design: Design) -> dict[str, Decimal]:
    """Events arriving at each component per month (component id → count)."""
    by_id = {c.id: c for c in design.components}
    arriving: dict[str, Decimal] = {}
    client_requests = dec(round(client_monthly_requests(design.workload), 6))
    if client_requests > MAX_EVENTS:
        raise DesignError([msg("design.too_many_requests", "workload: its volume and spikes (overlapping spikes "
                               "multiply) make {n:,.3g} client requests a month; at most {most:,.0f} (lower the volume "
                               "or the spikes' multipliers)", n=float(client_requests), most=MAX_EVENTS)])

    shapes = _Shapes(design)

    def events_in(cid: str) -> Decimal:
        if cid in arriving:
            return arriving[cid]
        comp = by_id[cid]
        direct = comp.direct_value()
        if comp.type in STANDALONE_TYPES or (direct is not None and comp.type in _OWN_DIRECT_FIELDS):
            count = Decimal(0)
        elif comp.type in _FROM_ONLY_TYPES and comp.from_ is None and direct is None:  # s3x
            count = Decimal(0)
        elif direct is not None:
            count = dec(direct)
        elif comp.from_ is None:
            count = client_requests * dec(comp.calls)
        else:
            upstream = by_id[comp.from_]
            count = _through(comp, upstream, events_in(upstream.id), shapes, by_id)
        arriving[cid] = count
        return count

    for comp in design.components:
        events_in(comp.id)
    too_many = [cid for cid, count in arriving.items() if count > MAX_EVENTS]
    if too_many:
        raise DesignError([msg("design.too_many_events", "components ({id}): {n:,.3g} events a month reach it through "
                               "the 'calls' multipliers along its 'from' chain; at most {most:,.0f} a month (lower "
                               "calls or the workload)", id=cid, n=float(arriving[cid]), most=MAX_EVENTS)
                           for cid in too_many])
    return arriving


def _through(comp: Component, upstream: Component, upstream_events: Decimal, shapes: _Shapes,
             by_id: dict[str, Component]) -> Decimal:
    """Events a month `comp` receives from `upstream` (which receives `upstream_events`): what it passes on ×
    calls, as batches for a function reading a queue or stream, as objects for what a delivery stream writes."""
    count = passed_on(upstream, upstream_events) * dec(comp.calls)
    # ---- wiring
    if comp.type == "lambda" and is_batched(comp, upstream):
        count = batched_invocations(count, comp, upstream, shapes.of(comp, by_id))
    # ---- end wiring
    # ---- kinesis
    # a function reading a Kinesis stream: batches per shard and poll (models/run/streams.py)
    if upstream.type == "kinesis" and comp.type == "lambda":
        count = streams.invocations_from_stream(upstream, upstream_events, comp) * dec(comp.calls)
    elif upstream.type == "firehose":
        count = streams.delivered_objects(upstream, upstream_events,
                                          streams.firehose_record_kb(upstream, by_id)) * dec(comp.calls)
    # ---- end kinesis
    return count


# ---- wiring
class _Shapes:
    """The share of its month's events each minute holds, per component (built only for a batched
    function): the client series for a chain the workload drives, the spike-free profile otherwise
    (as models/run/traffic.component_rates spreads them)."""

    def __init__(self, design: Design):
        self.design = design
        self._client: Any = None
        self._baseline: Any = None

    def of(self, comp: Any, by_id: dict[str, Any]) -> Any:
        root = comp
        while root.from_ is not None:
            root = by_id[root.from_]
        if self._client is None:
            traffic = client_traffic(self.design.workload)
            total, base = float(traffic.rate_rps.sum()), float(traffic.baseline_rps.sum())
            self._client = traffic.rate_rps / total if total > 0 else flat_shape()
            self._baseline = traffic.baseline_rps / base if base > 0 else flat_shape()
        client_driven = root.from_ is None and root.direct_value() is None and self._client is not None
        return self._client if client_driven and self.design.workload.has_volume else self._baseline
# ---- end wiring
