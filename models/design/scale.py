"""A design's traffic multiplied by a factor: the same design at N× its volumes.

    scaled(design, 3.0)   # workload volume, every *_per_month figure, Cognito MAU and CloudFront GB × 3

What scales is what traffic is made of: the workload's volume (`requests_per_month`, `peak_rps`
or `users.mau`), every component's monthly figure (`*_per_month`, given instead of the flow or
besides it), a user pool's monthly active users and CloudFront's transfer out. What stays is what
a team sets: memory, durations, capacity (RCU/WCU, reserved and provisioned concurrency), storage,
the traffic's shape (profiles, spikes, burstiness) and every limit. The flow (`from`/`calls`)
carries the factor to every component driven by it.
"""

from __future__ import annotations

from typing import Any

from models.design.schema import Design

#: a component's fields besides its *_per_month figures that grow with traffic
_ALSO_SCALED = ("mau", "transfer_out_gb")


def _times(value: Any, factor: float) -> Any:
    return None if value is None else float(value) * factor


def _scaled_component(component: Any, factor: float) -> Any:
    """The component with each of its traffic figures (a number, not None) × `factor`."""
    names = [name for name in type(component).model_fields
             if name.endswith("_per_month") or name in _ALSO_SCALED]
    update = {name: _times(getattr(component, name), factor) for name in names
              if getattr(component, name) is not None}
    return component.model_copy(update=update) if update else component


def scaled(design: Design, factor: float) -> Design:
    """The design with its traffic × `factor` (> 0); factor 1 returns the design itself.

    The copy is not validated again: a volume past a field's bound (e.g. `peak_rps` over 10 million)
    is what N× means, and the engine computes with it as given."""
    if factor <= 0:
        raise ValueError(f"factor must be > 0, got {factor}")
    if factor == 1:
        return design
    workload = design.workload
    update: dict[str, Any] = {"requests_per_month": _times(workload.requests_per_month, factor),
                              "peak_rps": _times(workload.peak_rps, factor)}
    if workload.users is not None:
        update["users"] = workload.users.model_copy(update={"mau": workload.users.mau * factor})
    components = [_scaled_component(c, factor) for c in design.components]
    return design.model_copy(update={"workload": workload.model_copy(update=update), "components": components})
