"""Facts the models use besides prices: Lambda runtimes' cold-start times and AWS's SLAs (data from pricing/)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuntimeFacts:
    """A runtime's typical INIT duration (ms) with its plausible range and source."""

    runtime: str
    init_ms: float
    range_ms: tuple[float, float]
    source: str
    note: str = ""


@dataclass(frozen=True)
class Sla:
    """A service's monthly uptime commitment in percent."""

    service: str
    sla_pct: float
    source: str
    note: str = ""


@dataclass(frozen=True)
class Facts:
    """Runtimes, SLAs and the idle time after which Lambda reclaims an environment."""

    runtimes: dict[str, RuntimeFacts] = field(default_factory=dict)
    slas: dict[str, Sla] = field(default_factory=dict)
    idle_reclaim_s: float = 600.0
