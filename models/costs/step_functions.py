"""AWS Step Functions: Standard workflows bill state transitions, Express workflows bill requests and
duration × memory.

https://aws.amazon.com/step-functions/pricing/ — Standard: "Step Functions counts a state transition each time
a step of your workflow is executed ... including retries"; 4,000 free transitions a month that never expire.
Express: "counts a request each time it starts executing a workflow"; "Duration is calculated from the time your
workflow begins executing until it completes or otherwise terminates, rounded up to the nearest 100ms, and the
amount of memory used in the execution of your workflow, billed in 64-MB chunks." The page prices duration per
GB-hour in tiers (first 1,000 GB-hours, next 4,000, then the rest; its 100-million-workflow example sums
$0.06 × 1,000 + $0.03 × 4,000 + $0.01642 × 12,361.11 GB-hours), so the catalog does too, and the duration
component's quantity is GB-hours.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, ceil_units, dec, fmt
from models.design.schema import StepFunctions

if TYPE_CHECKING:
    from models.run.run import Run

BILLED_MS = Decimal(100)     # Express duration is rounded up to the next 100 ms
MEMORY_CHUNK_MB = Decimal(64)  # and its memory up to the next 64 MB chunk
MB_PER_GB = Decimal(1024)
SECONDS_PER_HOUR = Decimal(3600)

COMPONENTS = (
    Component("transitions", "sfn.standard.state_transitions"),
    Component("requests", "sfn.express.requests"),
    Component("duration", "sfn.express.duration"),
)


def usage(machine: StepFunctions, run: Run) -> ComponentUsage:
    """Monthly usage of one state machine running its executions in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), machine, run))


def transitions(machine: StepFunctions, run: Run) -> Quantity | None:
    """Standard: state transitions per month (every step executed, retries included)."""
    if machine.workflow != "standard":
        return None
    executions, per = run.events[machine.id], dec(machine.transitions_per_execution)
    return Quantity(executions * per, f"{fmt(executions)} executions × {fmt(per)} state transitions")


def requests(machine: StepFunctions, run: Run) -> Quantity | None:
    """Express: one request per execution started."""
    if machine.workflow != "express":
        return None
    executions = run.events[machine.id]
    return Quantity(executions, f"{fmt(executions)} executions started")


def billed_seconds(machine: StepFunctions) -> Decimal:
    """An Express execution's billed duration: rounded up to the next 100 ms.

    >>> billed_seconds(StepFunctions(id="m", type="step_functions", workflow="express", duration_ms=1001))
    Decimal('1.1')
    """
    return ceil_units(dec(machine.duration_ms), BILLED_MS) * BILLED_MS / 1000


def billed_gb(machine: StepFunctions) -> Decimal:
    """An Express execution's billed memory in GB: rounded up to the next 64 MB chunk.

    >>> billed_gb(StepFunctions(id="m", type="step_functions", workflow="express", memory_mb=62.85))
    Decimal('0.0625')
    """
    return ceil_units(dec(machine.memory_mb), MEMORY_CHUNK_MB) * MEMORY_CHUNK_MB / MB_PER_GB


def duration(machine: StepFunctions, run: Run) -> Quantity | None:
    """Express: GB-hours per month, executions × billed seconds × billed GB / 3,600."""
    if machine.workflow != "express":
        return None
    executions, seconds, gb = run.events[machine.id], billed_seconds(machine), billed_gb(machine)
    return Quantity(executions * seconds * gb / SECONDS_PER_HOUR,
                    f"{fmt(executions)} executions × {fmt(seconds)} s (100 ms steps) × {fmt(gb)} GB "
                    f"(64 MB chunks) / 3,600 s")
