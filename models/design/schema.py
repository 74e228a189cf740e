"""The design file: a typed, validated description of a serverless back end.

`parse_design(data)` turns the loaded YAML/JSON mapping into a `Design`, or raises `DesignError`
whose messages name the field path, the value and what is allowed. Field meanings and units are
documented in docs/design-file.md.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, Self, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from models.design.batch_rules import batching_problems
from models.messages import Message, msg
from models.units import HOURS_PER_MONTH

REGIONS = ("us-east-1", "ap-northeast-1", "ap-northeast-3")
REGION_NAMES = {
    "us-east-1": "US East (N. Virginia)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-northeast-3": "Asia Pacific (Osaka)",
    # ---- region
    # every other commercial Region (the console's names): a design may name any of them; it prices
    # once `cli.py prices refresh --region R` has built R's catalog from the AWS Price List
    "us-east-2": "US East (Ohio)", "us-west-1": "US West (N. California)", "us-west-2": "US West (Oregon)",
    "af-south-1": "Africa (Cape Town)", "ap-east-1": "Asia Pacific (Hong Kong)",
    "ap-south-1": "Asia Pacific (Mumbai)", "ap-south-2": "Asia Pacific (Hyderabad)",
    "ap-southeast-1": "Asia Pacific (Singapore)", "ap-southeast-2": "Asia Pacific (Sydney)",
    "ap-southeast-3": "Asia Pacific (Jakarta)", "ap-southeast-4": "Asia Pacific (Melbourne)",
    "ap-southeast-5": "Asia Pacific (Malaysia)", "ap-southeast-7": "Asia Pacific (Thailand)",
    "ap-northeast-2": "Asia Pacific (Seoul)", "ca-central-1": "Canada (Central)", "ca-west-1": "Canada West (Calgary)",
    "eu-central-1": "Europe (Frankfurt)", "eu-central-2": "Europe (Zurich)", "eu-west-1": "Europe (Ireland)",
    "eu-west-2": "Europe (London)", "eu-west-3": "Europe (Paris)", "eu-south-1": "Europe (Milan)",
    "eu-south-2": "Europe (Spain)", "eu-north-1": "Europe (Stockholm)", "il-central-1": "Israel (Tel Aviv)",
    "me-south-1": "Middle East (Bahrain)", "me-central-1": "Middle East (UAE)", "mx-central-1": "Mexico (Central)",
    "sa-east-1": "South America (São Paulo)",
    # ---- end region
}
#: an AWS commercial Region code (not GovCloud, not China): what a design's `region` may be
COMMERCIAL_REGION = re.compile(r"^(?:us|eu|ap|ca|sa|me|af|il|mx)-(?:north|south|east|west|central|northeast|"
                               r"southeast|northwest|southwest)-[1-9]$")
MAX_MONTHLY = 1e13  # absurdity bound for monthly counts: 10 trillion per month
#: a duration's p99 (or p95) at most this many times its p50: wider is no duration distribution (and
#: would overflow the lognormal's mean)
MAX_PERCENTILE_SPREAD = 100_000
ID_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"
REST_CACHE_SIZES_GB = (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118.0, 237.0)

Count = Annotated[float, Field(ge=0, le=MAX_MONTHLY)]
Hours = Annotated[float, Field(ge=0, le=744)]
NonNegative = Annotated[float, Field(ge=0, le=MAX_MONTHLY)]


class DesignError(ValueError):
    """A design that cannot be priced; `problems` lists every reason, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        extra = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(problems[0] + extra)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: the longest a Lambda invocation may run: 15 minutes, in milliseconds
LAMBDA_MAX_DURATION_MS = 900_000


class DurationPercentiles(_Strict):
    """A duration distribution given by percentiles, in milliseconds."""

    p50: float = Field(gt=0, le=LAMBDA_MAX_DURATION_MS)
    p95: float | None = Field(default=None, gt=0, le=LAMBDA_MAX_DURATION_MS)
    p99: float | None = Field(default=None, gt=0, le=LAMBDA_MAX_DURATION_MS)

    @model_validator(mode="after")
    def _ordered(self) -> DurationPercentiles:
        given = [v for v in (self.p50, self.p95, self.p99) if v is not None]
        if given != sorted(given):
            raise ValueError(msg("design.percentiles_order", "percentiles must not decrease: p50 ≤ p95 ≤ p99"))
        if given[-1] / self.p50 > MAX_PERCENTILE_SPREAD:
            raise ValueError(msg("design.percentiles_spread", "the highest percentile ({highest:g} ms) is more than "
                                 "{spread:,} times p50 ({p50:g} ms); raise p50 or lower p95/p99", highest=given[-1],
                                 spread=MAX_PERCENTILE_SPREAD, p50=self.p50))
        return self


DAILY_PRESETS = ("flat", "mobile_evening", "business_hours")
WEEKLY_PRESETS = ("flat", "weekdays", "weekends")
#: standard-time UTC offsets in hours (daylight saving time is ignored)
TIMEZONES = {
    "UTC": 0.0, "Asia/Tokyo": 9.0, "Asia/Seoul": 9.0, "Asia/Shanghai": 8.0, "Asia/Taipei": 8.0,
    "Asia/Hong_Kong": 8.0, "Asia/Singapore": 8.0, "Asia/Kolkata": 5.5, "Australia/Sydney": 10.0,
    "Europe/London": 0.0, "Europe/Paris": 1.0, "Europe/Berlin": 1.0, "America/New_York": -5.0,
    "America/Chicago": -6.0, "America/Denver": -7.0, "America/Los_Angeles": -8.0, "America/Sao_Paulo": -3.0,
}


class Users(_Strict):
    """Traffic from a user base: mau × dau_ratio × sessions_per_day × requests_per_session per day."""

    mau: Count
    dau_ratio: float = Field(default=0.2, gt=0, le=1)
    sessions_per_day: float = Field(default=3.0, gt=0, le=1000)
    requests_per_session: float = Field(default=20.0, gt=0, le=100_000)


class Spike(_Strict):
    """A burst of extra traffic: the rate × `multiplier` for `minutes` from local `at` on `day`."""

    day: int = Field(ge=1, le=30)
    at: str = Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    minutes: int = Field(ge=1, le=1440)
    multiplier: float = Field(gt=0, le=10_000)


class Workload(_Strict):
    """Client traffic entering the design, and its shape over the month."""

    requests_per_month: Count | None = None
    peak_rps: float | None = Field(default=None, gt=0, le=10_000_000)
    users: Users | None = None
    daily_profile: Literal[DAILY_PRESETS] | list[Annotated[float, Field(ge=0, le=1000)]] = "flat"  # type: ignore[valid-type]
    weekly_profile: Literal[WEEKLY_PRESETS] | list[Annotated[float, Field(ge=0, le=1000)]] = "flat"  # type: ignore[valid-type]
    timezone: str = "UTC"
    spikes: list[Spike] = Field(default_factory=list, max_length=50)
    growth_per_month: float = Field(default=0.0, ge=-0.5, le=10)
    burstiness: float = Field(default=1.0, ge=1, le=100)
    client_timeout_s: float | None = Field(default=None, gt=0, le=3600)

    @model_validator(mode="after")
    def _one_volume_and_valid_shape(self) -> Workload:
        given = [f for f in ("requests_per_month", "peak_rps", "users") if getattr(self, f) is not None]
        if len(given) > 1:
            raise ValueError(msg("design.one_volume", "give one of requests_per_month, peak_rps or users, not {given}",
                                 given=" and ".join(given)))
        if isinstance(self.daily_profile, list) and (len(self.daily_profile) != 24 or not any(self.daily_profile)):
            raise ValueError(msg("design.daily_profile", "daily_profile: give a preset ({presets}) or 24 hourly "
                                 "weights, not all zero", presets=", ".join(DAILY_PRESETS)))
        if isinstance(self.weekly_profile, list) and (len(self.weekly_profile) != 7 or not any(self.weekly_profile)):
            raise ValueError(msg("design.weekly_profile", "weekly_profile: give a preset ({presets}) or 7 daily "
                                 "weights (Mon–Sun), not all zero", presets=", ".join(WEEKLY_PRESETS)))
        if self.timezone not in TIMEZONES and not _utc_offset_pattern(self.timezone):
            raise ValueError(msg("design.timezone_unknown", "timezone {timezone!r} is not known; use UTC±HH:MM or one "
                                 "of: {known}", timezone=self.timezone, known=", ".join(TIMEZONES)))
        return self

    @property
    def has_volume(self) -> bool:
        """True when the workload says how much traffic there is."""
        return any(getattr(self, f) is not None for f in ("requests_per_month", "peak_rps", "users"))

    @property
    def utc_offset_hours(self) -> float:
        """The timezone's offset from UTC in hours (standard time)."""
        if self.timezone in TIMEZONES:
            return TIMEZONES[self.timezone]
        sign = -1 if self.timezone[3] == "-" else 1
        hours, minutes = self.timezone[4:].split(":")
        return sign * (int(hours) + int(minutes) / 60)


def _utc_offset_pattern(text: str) -> bool:
    return re.fullmatch(r"UTC[+-](0[0-9]|1[0-4]):(00|30|45)", text) is not None


class Limits(_Strict):
    """Account limits that override AWS's published defaults (e.g. values read from a live account)."""

    lambda_concurrency: int | None = Field(default=None, ge=0, le=10_000_000)
    lambda_unreserved_min: int | None = Field(default=None, ge=0, le=10_000_000)
    api_rps: float | None = Field(default=None, ge=0, le=10_000_000)
    api_burst: int | None = Field(default=None, ge=0, le=10_000_000)
    dynamodb_table_read: int | None = Field(default=None, ge=1, le=100_000_000)
    dynamodb_table_write: int | None = Field(default=None, ge=1, le=100_000_000)
    dynamodb_account_read: int | None = Field(default=None, ge=1, le=100_000_000)
    dynamodb_account_write: int | None = Field(default=None, ge=1, le=100_000_000)
    kinesis_account_shards: int | None = Field(default=None, ge=1, le=10_000_000)  # ---- kinesis
    # ---- sfn
    sfn_start_execution_rps: float | None = Field(default=None, ge=0, le=10_000_000)
    sfn_start_execution_burst: int | None = Field(default=None, ge=0, le=10_000_000)
    sfn_state_transition_rps: float | None = Field(default=None, ge=0, le=10_000_000)
    sfn_state_transition_burst: int | None = Field(default=None, ge=0, le=10_000_000)
    eventbridge_put_events_rps: float | None = Field(default=None, ge=0, le=10_000_000)
    # ---- end sfn
    source: str | None = Field(default=None, max_length=200)
    # ---- kms
    kms_symmetric_rps: int | None = Field(default=None, ge=1, le=100_000_000)
    # ---- end kms
    # ---- quotas
    sfn_express_start_execution_rps: float | None = Field(default=None, ge=0, le=10_000_000)
    sfn_express_start_execution_burst: int | None = Field(default=None, ge=0, le=10_000_000)
    kinesis_on_demand_streams: int | None = Field(default=None, ge=0, le=10_000_000)
    #: per limit key, the account read its value came from, e.g. "Service Quotas L-6E3AF000 (applied)" — shown
    #: beside "from your account" in the checks (written by `cli.py check --account` and the Account page)
    sources: dict[str, Annotated[str, Field(max_length=200)]] | None = Field(default=None, max_length=100)
    # ---- end quotas


class _Component(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    from_: str | None = Field(default=None, alias="from")
    calls: float = Field(default=1.0, ge=0, le=1_000_000)
    label: str | None = Field(default=None, max_length=80)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    #: the per-month field that replaces the flow for this type (None: always flow-driven)
    direct_field: ClassVar[str | None] = None
    #: does this type pass events on to components that name it in `from`?
    passes_events: ClassVar[bool] = True

    def direct_value(self) -> float | None:
        """The monthly figure given directly instead of the flow, if any."""
        return getattr(self, self.direct_field) if self.direct_field else None

    @property
    def cost_depends_on_traffic(self) -> bool:
        """False for a component whose whole bill is fixed by its settings (it can be priced with no traffic)."""
        return True

    @model_validator(mode="after")
    def _direct_or_flow(self) -> Self:
        if self.direct_field and self.direct_value() is not None and self.from_ is not None:
            raise ValueError(msg("design.from_or_direct", "give either 'from' or '{field}', not both",
                                 field=self.direct_field))
        return self


class ApiGateway(_Component):
    """Amazon API Gateway: REST, HTTP or WebSocket API."""

    type: Literal["api_gateway"]
    api: Literal["rest", "http", "websocket"] = "rest"
    requests_per_month: Count | None = None
    payload_kb: float = Field(default=1.0, ge=0, le=10_240)
    connection_minutes_per_month: Count = 0
    cache_gb: float | None = None
    cache_hours: Hours = HOURS_PER_MONTH
    response_kb: float = Field(default=0, ge=0, le=10_240)
    integration_timeout_ms: int | None = Field(default=None, ge=50, le=300_000)
    access_log_kb: float = Field(default=0, ge=0, le=1024)
    stage_rps: float | None = Field(default=None, gt=0, le=10_000_000)
    stage_burst: int | None = Field(default=None, ge=0, le=10_000_000)
    direct_field: ClassVar[str | None] = "requests_per_month"

    @model_validator(mode="after")
    def _api_rules(self) -> ApiGateway:
        if self.api == "http" and self.integration_timeout_ms is not None and self.integration_timeout_ms > 30_000:
            raise ValueError(msg("design.http_integration_timeout", "integration_timeout_ms {value} exceeds the HTTP "
                                 "API maximum of 30,000", value=self.integration_timeout_ms))
        if self.cache_gb is not None:
            if self.api != "rest":
                raise ValueError(msg("design.cache_rest_only", "cache_gb applies to REST APIs only (api: rest)"))
            if self.cache_gb not in REST_CACHE_SIZES_GB:
                sizes = ", ".join(f"{s:g}" for s in REST_CACHE_SIZES_GB)
                raise ValueError(msg("design.cache_size", "cache_gb {value:g} is not a cache size; allowed: {sizes}",
                                     value=self.cache_gb, sizes=sizes))
        if self.api == "websocket" and self.payload_kb > 128:
            raise ValueError(msg("design.websocket_payload", "payload_kb {value:g} exceeds the WebSocket message limit "
                                 "of 128 KB", value=self.payload_kb))
        if self.api != "websocket" and self.connection_minutes_per_month:
            raise ValueError(msg("design.connection_minutes_websocket_only",
                                 "connection_minutes_per_month applies to WebSocket APIs only"))
        return self


class Lambda(_Component):
    """AWS Lambda function."""

    type: Literal["lambda"]
    memory_mb: int = Field(default=128, ge=128, le=10_240)
    architecture: Literal["x86_64", "arm64"] = "x86_64"
    duration_ms: Annotated[float, Field(gt=0, le=LAMBDA_MAX_DURATION_MS)] | DurationPercentiles = 100.0
    invocations_per_month: Count | None = None
    ephemeral_storage_mb: int = Field(default=512, ge=512, le=10_240)
    timeout_s: int = Field(default=3, ge=1, le=900)
    reserved_concurrency: int | None = Field(default=None, ge=0, le=100_000)
    provisioned_concurrency: int = Field(default=0, ge=0, le=100_000)
    provisioned_hours: Hours = HOURS_PER_MONTH
    share_in_provisioned_hours: float | None = Field(default=None, ge=0, le=1)
    runtime: Literal["python", "nodejs", "java", "java_snapstart", "dotnet", "ruby", "custom"] = "python"
    init_ms: float | None = Field(default=None, ge=0, le=600_000)
    log_kb_per_invocation: float = Field(default=1.0, ge=0, le=10_240)
    log_class: Literal["standard", "infrequent_access"] = "standard"
    log_retention_days: int = Field(default=30, ge=1, le=3653)
    tracing: bool = False
    traces_retrieved_per_month: Count = 0
    dlq: bool = False
    idempotent: bool = False
    # ---- wiring
    #: records per invocation from an SQS queue / DynamoDB or Kinesis stream (the event source mapping's
    #: BatchSize; None: one record per invocation) and its MaximumBatchingWindowInSeconds (models/run/batching.py)
    batch_size: int | None = Field(default=None, ge=1, le=10_000)
    batching_window_s: float = Field(default=0, ge=0, le=300)
    # ---- end wiring
    direct_field: ClassVar[str | None] = "invocations_per_month"

    @model_validator(mode="after")
    def _concurrency_rules(self) -> Lambda:
        rc = self.reserved_concurrency
        if rc is not None and self.provisioned_concurrency > rc:
            raise ValueError(msg("design.provisioned_over_reserved", "provisioned_concurrency {provisioned} exceeds "
                                 "reserved_concurrency {reserved}", provisioned=self.provisioned_concurrency,
                                 reserved=rc))
        return self


class Gsi(_Strict):
    """A global secondary index of a DynamoDB table."""

    name: str = Field(min_length=1, max_length=255)
    item_kb: float | None = Field(default=None, gt=0, le=400)
    write_fraction: float = Field(default=1.0, ge=0, le=1)
    reads: float = Field(default=0, ge=0, le=1_000_000)
    rcu: int | None = Field(default=None, ge=1, le=1_000_000)
    wcu: int | None = Field(default=None, ge=1, le=1_000_000)
    storage_gb: NonNegative = 0


class DynamoDb(_Component):
    """Amazon DynamoDB table."""

    type: Literal["dynamodb"]
    reads: float = Field(default=1.0, ge=0, le=1_000_000)
    writes: float = Field(default=0.0, ge=0, le=1_000_000)
    reads_per_month: Count | None = None
    writes_per_month: Count | None = None
    item_kb: float = Field(default=1.0, gt=0, le=400)
    read_consistency: Literal["eventual", "strong", "transactional"] = "eventual"
    write_mode: Literal["standard", "transactional"] = "standard"
    billing: Literal["on_demand", "provisioned"] = "on_demand"
    rcu: int | None = Field(default=None, ge=1, le=1_000_000)
    wcu: int | None = Field(default=None, ge=1, le=1_000_000)
    table_class: Literal["standard", "standard_ia"] = "standard"
    storage_gb: NonNegative = 0
    pitr: bool = False
    backup_gb: NonNegative = 0
    stream_read_requests_per_month: Count = 0
    hot_key_share: float | None = Field(default=None, gt=0, le=1)
    gsis: list[Gsi] = Field(default_factory=list, max_length=20)
    # ---- kms: SSE with a KMS key of the design (None: AWS owned key, no KMS requests)
    kms_key: str | None = Field(default=None, pattern=ID_PATTERN)
    kms_callers: int = Field(default=1, ge=1, le=100_000)
    # ---- end kms

    def direct_value(self) -> float | None:
        given = [v for v in (self.reads_per_month, self.writes_per_month) if v is not None]
        return sum(given) if given else None

    @property
    def cost_depends_on_traffic(self) -> bool:
        """A provisioned table bills its capacity, storage, backups and stream reads whatever its
        traffic, so it can be priced without any; an on-demand table bills per request."""
        return self.billing != "provisioned"

    @model_validator(mode="after")
    def _table_rules(self) -> DynamoDb:
        direct = self.reads_per_month is not None or self.writes_per_month is not None
        if direct and self.from_ is not None:
            raise ValueError(msg("design.from_or_direct", "give either 'from' or '{field}', not both",
                                 field="reads_per_month'/'writes_per_month"))
        if self.billing == "provisioned":
            missing = [f for f in ("rcu", "wcu") if getattr(self, f) is None]
            missing += [f"gsis[{g.name}].{f}" for g in self.gsis for f in ("rcu", "wcu") if getattr(g, f) is None]
            if missing:
                raise ValueError(msg("design.provisioned_needs", "billing: provisioned needs {fields} (capacity units, "
                                     "at least 1)", fields=", ".join(missing)))
        else:
            given = [f for f in ("rcu", "wcu") if getattr(self, f) is not None]
            if given:
                raise ValueError(msg("design.provisioned_only", "{fields} apply only with billing: provisioned",
                                     fields=", ".join(given)))
        names = [g.name for g in self.gsis]
        if len(names) != len(set(names)):
            raise ValueError(msg("design.gsi_names_unique", "gsis: index names must be unique"))
        return self


S3_CLASSES = ("standard", "intelligent_tiering", "standard_ia", "one_zone_ia",
              "glacier_instant", "glacier_flexible", "glacier_deep_archive")
# ---- s3x
#: lifecycle transitions S3 supports, from each class (the "waterfall":
#: https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html)
S3_TRANSITIONS = {
    "standard": ("standard_ia", "intelligent_tiering", "one_zone_ia", "glacier_instant", "glacier_flexible",
                 "glacier_deep_archive"),
    "standard_ia": ("intelligent_tiering", "one_zone_ia", "glacier_instant", "glacier_flexible",
                    "glacier_deep_archive"),
    "intelligent_tiering": ("one_zone_ia", "glacier_instant", "glacier_flexible", "glacier_deep_archive"),
    "one_zone_ia": ("glacier_flexible", "glacier_deep_archive"),
    "glacier_instant": ("glacier_flexible", "glacier_deep_archive"),
    "glacier_flexible": ("glacier_deep_archive",),
    "glacier_deep_archive": (),
}
#: classes S3 keeps an object in for at least 30 days before a lifecycle rule may move it to them
S3_AFTER_30_DAYS = ("standard_ia", "one_zone_ia")


class S3Transition(_Strict):
    """One lifecycle transition: objects move to `storage_class` when they are `days` old."""

    days: int = Field(ge=0, le=36_500)
    storage_class: Literal[S3_CLASSES[1:]]  # type: ignore[valid-type]


class S3AccessTiers(_Strict):
    """Intelligent-Tiering's access pattern: the shares of its data in the Infrequent Access tier (not
    read for 30 days) and the Archive Instant Access tier (not read for 90 days); the rest stays in
    Frequent Access."""

    infrequent: float = Field(default=0, ge=0, le=1)
    archive_instant: float = Field(default=0, ge=0, le=1)

    @model_validator(mode="after")
    def _shares(self) -> S3AccessTiers:
        if self.infrequent + self.archive_instant > 1:
            raise ValueError(msg("design.s3_tiers_sum", "intelligent_tiering: infrequent ({infrequent:g}) + "
                                 "archive_instant ({archive:g}) is more than 1; the shares of the data must add up "
                                 "to at most 1 (the rest is Frequent Access)", infrequent=self.infrequent,
                                 archive=self.archive_instant))
        return self


def lifecycle_problem(bucket: Any) -> Message | None:
    """What S3 would refuse in a bucket's lifecycle (or what cannot be priced), None when it is fine."""
    current, last_day = bucket.storage_class, -1
    for i, step in enumerate(bucket.lifecycle):
        if step.storage_class not in S3_TRANSITIONS[current]:
            allowed = ", ".join(S3_TRANSITIONS[current]) or msg("word.none", "none")
            return msg("design.s3_transition_not_supported", "lifecycle[{i}]: S3 cannot transition objects from "
                       "{source} to {target}; allowed from {source}: {allowed}", i=i, source=current,
                       target=step.storage_class, allowed=allowed)
        if step.days <= last_day:
            return msg("design.s3_transition_order", "lifecycle[{i}].days: {days} is not after the previous "
                       "transition ({previous} days); give the transitions in order of age", i=i, days=step.days,
                       previous=last_day)
        if step.storage_class in S3_AFTER_30_DAYS and step.days < 30:
            return msg("design.s3_transition_30_days", "lifecycle[{i}].days: {days} is too early; S3 moves objects "
                       "to {target} only when they are at least 30 days old", i=i, days=step.days,
                       target=step.storage_class)
        current, last_day = step.storage_class, step.days
    if bucket.expiration_days is not None and bucket.expiration_days <= last_day:
        return msg("design.s3_expiration_order", "expiration_days: {days} is not after the last transition "
                   "({last} days)", days=bucket.expiration_days, last=last_day)
    if (bucket.lifecycle or bucket.new_gb_per_month) and bucket.expiration_days is None \
            and bucket.history_days is None:
        return msg("design.s3_lifecycle_horizon", "new_gb_per_month/lifecycle: give expiration_days (objects "
                   "expire, so the bucket reaches a steady state) or history_days (how many days data has been "
                   "arriving; without expiration the stored data grows every month)")
    return None
# ---- end s3x


class S3(_Component):
    """Amazon S3 bucket."""

    type: Literal["s3"]
    puts: float = Field(default=1.0, ge=0, le=1_000_000)
    gets: float = Field(default=0.0, ge=0, le=1_000_000)
    puts_per_month: Count | None = None
    gets_per_month: Count | None = None
    storage_gb: NonNegative = 0
    storage_class: Literal[S3_CLASSES] = "standard"  # type: ignore[valid-type]
    object_count: NonNegative = 0
    retrieval_gb: NonNegative = 0
    transfer_out_gb: NonNegative = 0
    prefixes: int = Field(default=1, ge=1, le=1_000_000)
    # ---- kms: SSE-KMS with a KMS key of the design (None: SSE-S3, no KMS requests)
    kms_key: str | None = Field(default=None, pattern=ID_PATTERN)
    bucket_key: bool = False
    # ---- end kms
    # ---- s3x: lifecycle transitions of the data arriving each month, Intelligent-Tiering access tiers
    new_gb_per_month: NonNegative = 0
    new_objects_per_month: Count | None = None
    lifecycle: list[S3Transition] = Field(default_factory=list, max_length=6)
    expiration_days: int | None = Field(default=None, ge=1, le=36_500)
    history_days: int | None = Field(default=None, ge=1, le=36_500)
    intelligent_tiering: S3AccessTiers | None = None
    # ---- end s3x

    def direct_value(self) -> float | None:
        given = [v for v in (self.puts_per_month, self.gets_per_month) if v is not None]
        return sum(given) if given else None

    @model_validator(mode="after")
    def _bucket_rules(self) -> S3:
        if (self.puts_per_month is not None or self.gets_per_month is not None) and self.from_ is not None:
            raise ValueError(msg("design.from_or_direct", "give either 'from' or '{field}', not both",
                                 field="puts_per_month'/'gets_per_month"))
        return self

    # ---- s3x
    @model_validator(mode="after")
    def _lifecycle_rules(self) -> S3:
        problem = lifecycle_problem(self)
        if problem:
            raise ValueError(problem)
        return self
    # ---- end s3x


class Sqs(_Component):
    """Amazon SQS queue."""

    type: Literal["sqs"]
    queue: Literal["standard", "fifo"] = "standard"
    messages_per_month: Count | None = None
    message_kb: float = Field(default=1.0, gt=0, le=1024)
    requests_per_message: float = Field(default=3.0, gt=0, le=100)
    retention_s: int = Field(default=345_600, ge=60, le=1_209_600)
    direct_field: ClassVar[str | None] = "messages_per_month"
    # ---- kms: SSE-KMS with a KMS key of the design (None: SSE-SQS or none, no KMS requests)
    kms_key: str | None = Field(default=None, pattern=ID_PATTERN)
    kms_data_key_reuse_s: int = Field(default=300, ge=60, le=86_400)
    kms_producers: int = Field(default=1, ge=1, le=100_000)
    kms_consumers: int = Field(default=1, ge=1, le=100_000)
    # ---- end kms


class SnsDeliveries(_Strict):
    """Deliveries per publish, by subscription kind."""

    mobile_push: float = Field(default=0, ge=0, le=1_000_000)
    http: float = Field(default=0, ge=0, le=1_000_000)
    email: float = Field(default=0, ge=0, le=1_000_000)
    sqs: float = Field(default=0, ge=0, le=1_000_000)
    lambda_: float = Field(default=0, ge=0, le=1_000_000, alias="lambda")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Sns(_Component):
    """Amazon SNS topic."""

    type: Literal["sns"]
    publishes_per_month: Count | None = None
    message_kb: float = Field(default=1.0, gt=0, le=256)
    deliveries: SnsDeliveries = SnsDeliveries(mobile_push=1)
    direct_field: ClassVar[str | None] = "publishes_per_month"


class Ses(_Component):
    """Amazon SES outbound email."""

    type: Literal["ses"]
    emails_per_month: Count | None = None
    attachment_kb: float = Field(default=0, ge=0, le=40_960)
    direct_field: ClassVar[str | None] = "emails_per_month"
    passes_events: ClassVar[bool] = False


class Cognito(_Component):
    """Amazon Cognito user pool, priced per monthly active user."""

    type: Literal["cognito"]
    mau: Count
    plan: Literal["lite", "essentials", "plus"] = "essentials"
    passes_events: ClassVar[bool] = False

    @model_validator(mode="after")
    def _no_flow(self) -> Cognito:
        if self.from_ is not None:
            raise ValueError(msg("design.cognito_not_driven", "a Cognito user pool is priced by 'mau', not driven by "
                                 "'from'"))
        return self


CLOUDFRONT_GROUPS = ("japan", "us", "europe", "asia", "australia", "india", "south_america",
                     "middle_east_africa")


class CloudFront(_Component):
    """Amazon CloudFront distribution (pay-as-you-go)."""

    type: Literal["cloudfront"]
    requests_per_month: Count | None = None
    protocol: Literal["https", "http"] = "https"
    viewers: Literal[CLOUDFRONT_GROUPS] | None = None  # type: ignore[valid-type]
    response_kb: float = Field(default=0, ge=0, le=10_485_760)
    transfer_out_gb: NonNegative | None = None
    cache_hit_ratio: float = Field(default=0.8, ge=0, le=1)
    direct_field: ClassVar[str | None] = "requests_per_month"


class Route53(_Component):
    """Amazon Route 53 hosted zones and DNS queries."""

    type: Literal["route53"]
    hosted_zones: int = Field(default=1, ge=0, le=10_000)
    queries_per_month: Count = 0
    routing: Literal["standard", "latency"] = "standard"
    passes_events: ClassVar[bool] = False

    @model_validator(mode="after")
    def _no_flow(self) -> Route53:
        if self.from_ is not None:
            raise ValueError(msg("design.route53_not_driven", "Route 53 is priced by 'hosted_zones' and "
                                 "'queries_per_month', not driven by 'from'"))
        return self


# ---- kinesis
KINESIS_DEFAULT_BATCH_SIZE = 100  # Lambda's default BatchSize for a Kinesis event source mapping


class Kinesis(_Component):
    """Amazon Kinesis Data Streams: one data stream, on-demand or provisioned."""

    type: Literal["kinesis"]
    mode: Literal["on_demand", "provisioned"] = "on_demand"
    shards: int | None = Field(default=None, ge=1, le=100_000)
    records_per_month: Count | None = None
    record_kb: float = Field(default=1.0, gt=0, le=10_240)
    retention_hours: int = Field(default=24, ge=24, le=8760)
    consumers: int | None = Field(default=None, ge=0, le=100)
    efo_consumers: int = Field(default=0, ge=0, le=20)
    hours: Hours = HOURS_PER_MONTH
    direct_field: ClassVar[str | None] = "records_per_month"

    @model_validator(mode="after")
    def _mode_rules(self) -> Kinesis:
        if self.mode == "provisioned" and self.shards is None:
            raise ValueError(msg("design.kinesis_needs_shards", "mode: provisioned needs shards (at least 1)"))
        if self.mode == "on_demand" and self.shards is not None:
            raise ValueError(msg("design.kinesis_shards_provisioned_only", "shards applies only with mode: "
                                 "provisioned (on-demand streams scale their own shards)"))
        return self

    @property
    def cost_depends_on_traffic(self) -> bool:
        """A stream bills its stream-hours or shard-hours whatever its traffic."""
        return False


class Firehose(_Component):
    """Amazon Data Firehose: one Firehose stream delivering to S3 (Direct PUT, or reading a Kinesis
    stream named in `from`)."""

    type: Literal["firehose"]
    records_per_month: Count | None = None
    #: None: the size of the Kinesis stream's records it reads, else 1 KB
    record_kb: float | None = Field(default=None, gt=0, le=1000)
    format_conversion: bool = False
    dynamic_partitioning: bool = False
    partitions: int = Field(default=1, ge=1, le=5000)
    buffer_mb: float = Field(default=5.0, ge=1, le=128)
    buffer_s: int = Field(default=300, ge=0, le=900)
    records_per_request: int = Field(default=1, ge=1, le=500)
    direct_field: ClassVar[str | None] = "records_per_month"
# ---- end kinesis


# ---- kms
WAF_WINDOWS_S = (60, 120, 300, 600)


class Kms(_Component):
    """AWS KMS keys: customer managed keys billed per key-month, and the requests made with them (the
    SSE-KMS use of the buckets, queues and tables whose `kms_key` names this component, plus the
    application's own calls)."""

    type: Literal["kms"]
    keys: int = Field(default=1, ge=0, le=100_000)
    managed_by: Literal["customer", "aws"] = "customer"
    rotations: int = Field(default=0, ge=0, le=100)
    requests_per_month: Count = 0
    passes_events: ClassVar[bool] = False

    @model_validator(mode="after")
    def _no_flow(self) -> Kms:
        if self.from_ is not None:
            raise ValueError(msg("design.kms_not_driven", "a KMS key is priced by 'keys' and the requests of the "
                                 "components whose kms_key names it, not driven by 'from'"))
        if self.managed_by == "aws" and self.rotations:
            raise ValueError(msg("design.kms_aws_rotations", "rotations apply to customer managed keys only "
                                 "(managed_by: customer)"))
        return self


class Waf(_Component):
    """AWS WAF web ACL protecting CloudFront distributions or REST APIs: the ACL and its rules per month, and
    every request of the protected components inspected."""

    type: Literal["waf"]
    protects: list[str] = Field(min_length=1, max_length=50)
    rules: int = Field(default=1, ge=0, le=10_000)
    rate_limit: int | None = Field(default=None, ge=10, le=2_000_000_000)
    rate_window_s: Literal[WAF_WINDOWS_S] = 300  # type: ignore[valid-type]
    clients: int | None = Field(default=None, ge=1, le=1_000_000_000)
    passes_events: ClassVar[bool] = False

    @model_validator(mode="after")
    def _no_flow(self) -> Waf:
        if self.from_ is not None:
            raise ValueError(msg("design.waf_not_driven", "a web ACL inspects the requests of the components it "
                                 "'protects', it is not driven by 'from'"))
        return self
# ---- end kms



# ---- sfn
SFN_EXPRESS_MAX_MS = 300_000  # an Express execution runs at most 5 minutes


class StepFunctions(_Component):
    """AWS Step Functions state machine: Standard (billed per state transition) or Express (requests and
    GB-seconds of duration × memory)."""

    type: Literal["step_functions"]
    workflow: Literal["standard", "express"] = "standard"
    executions_per_month: Count | None = None
    transitions_per_execution: float = Field(default=5.0, ge=0, le=1_000_000)
    duration_ms: float = Field(default=1000.0, gt=0, le=31_536_000_000)
    memory_mb: float = Field(default=64.0, gt=0, le=10_240)
    history_events_per_execution: int | None = Field(default=None, ge=1, le=10_000_000)
    sync: bool = False
    direct_field: ClassVar[str | None] = "executions_per_month"

    @model_validator(mode="after")
    def _workflow_rules(self) -> StepFunctions:
        if self.workflow == "express" and self.duration_ms > SFN_EXPRESS_MAX_MS:
            raise ValueError(msg("design.sfn_express_duration", "duration_ms {value:g} exceeds the Express workflow "
                                 "maximum of {most:,} ms (5 minutes); use workflow: standard",
                                 value=self.duration_ms, most=SFN_EXPRESS_MAX_MS))
        if self.sync and self.workflow != "express":
            raise ValueError(msg("design.sfn_sync_express_only", "sync: true (StartSyncExecution) applies to Express "
                                 "workflows only (workflow: express)"))
        return self


EVENTBRIDGE_KINDS = ("bus", "pipe", "scheduler")


class EventBridge(_Component):
    """Amazon EventBridge: an event bus (custom or AWS service events, cross-account deliveries), a pipe
    or EventBridge Scheduler schedules."""

    type: Literal["eventbridge"]
    kind: Literal["bus", "pipe", "scheduler"] = "bus"
    events_per_month: Count | None = None
    event_kb: float = Field(default=1.0, gt=0, le=1024)
    event_source: Literal["custom", "aws"] = "custom"
    entries_per_put: int = Field(default=1, ge=1, le=10)
    cross_account_targets: float = Field(default=0, ge=0, le=1000)
    filter_pass_ratio: float = Field(default=1.0, ge=0, le=1)
    direct_field: ClassVar[str | None] = "events_per_month"

    @model_validator(mode="after")
    def _kind_rules(self) -> EventBridge:
        bus_defaults = (("event_source", "custom"), ("entries_per_put", 1), ("cross_account_targets", 0))
        bus_only = [f for f, default in bus_defaults if getattr(self, f) != default]
        if self.kind != "bus" and bus_only:
            raise ValueError(msg("design.eventbridge_bus_only", "{fields} apply to an event bus only (kind: bus), "
                                 "not kind: {kind}", fields=", ".join(bus_only), kind=self.kind))
        if self.kind != "pipe" and self.filter_pass_ratio != 1:
            raise ValueError(msg("design.eventbridge_pipe_only", "filter_pass_ratio applies to a pipe only "
                                 "(kind: pipe), not kind: {kind}", kind=self.kind))
        return self
# ---- end sfn




# ---- s3x
class SecretsManager(_Component):
    """AWS Secrets Manager: secrets stored and the API calls (GetSecretValue) that read them.

    Driven by `from` (a function's invocations × `calls` reads per invocation) or by
    `api_calls_per_month`; with `cache_ttl_s` a function reads on its cold starts and when its
    cached value is older than the TTL, not on every invocation."""

    type: Literal["secrets_manager"]
    secrets: float = Field(default=1, ge=0, le=1_000_000)
    api_calls_per_month: Count | None = None
    cache_ttl_s: float | None = Field(default=None, ge=1, le=2_592_000)
    direct_field: ClassVar[str | None] = "api_calls_per_month"
    passes_events: ClassVar[bool] = False

    @property
    def cost_depends_on_traffic(self) -> bool:
        """Stored secrets are billed whatever the traffic."""
        return False


class CloudWatch(_Component):
    """Amazon CloudWatch alarms, custom metrics, PutMetricData requests and a stand-alone log group.

    Driven by `from` (each upstream event makes `calls` PutMetricData requests) or by
    `put_requests_per_month`; alarms, metrics and logs are given directly."""

    type: Literal["cloudwatch"]
    standard_alarm_metrics: float = Field(default=0, ge=0, le=10_000_000)
    high_resolution_alarm_metrics: float = Field(default=0, ge=0, le=10_000_000)
    composite_alarms: float = Field(default=0, ge=0, le=10_000_000)
    custom_metrics: float = Field(default=0, ge=0, le=100_000_000)
    put_requests_per_month: Count | None = None
    log_ingested_gb_per_month: NonNegative = 0
    log_class: Literal["standard", "infrequent_access"] = "standard"
    log_retention_days: int = Field(default=30, ge=1, le=3653)
    direct_field: ClassVar[str | None] = "put_requests_per_month"
    passes_events: ClassVar[bool] = False

    @property
    def cost_depends_on_traffic(self) -> bool:
        """Alarms, metrics and logs are billed on their own figures."""
        return False
# ---- end s3x


Component = Annotated[
    Union[ApiGateway, Lambda, DynamoDb, S3, Sqs, Sns, Ses, Cognito, CloudFront, Route53,
          # ---- kms
          Kms, Waf,
          # ---- sfn
          StepFunctions, EventBridge,
          # ---- s3x
          SecretsManager, CloudWatch,
          # ---- end s3x
          # ---- kinesis
          Kinesis, Firehose,
          # ---- end kinesis
          ],
    Field(discriminator="type"),
]
COMPONENT_TYPES = ("api_gateway", "lambda", "dynamodb", "s3", "sqs", "sns", "ses", "cognito",
                   "cloudfront", "route53",
                   # ---- kms
                   "kms", "waf",
                   # ---- sfn
                   "step_functions", "eventbridge",
                   # ---- end sfn
                   # ---- s3x
                   "secrets_manager", "cloudwatch",
                   # ---- end s3x
                   # ---- kinesis
                   "kinesis", "firehose",
                   # ---- end kinesis
                   )
#: types that are never driven by the flow (priced from their own fields)
STANDALONE_TYPES = ("cognito", "route53", "kms", "waf")


class QuoteInfo(_Strict):
    """The customer quote's title block (optional; it never changes a number): who the quote is for,
    who prepared it, its number, date and validity, and free-text notes for the customer."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    customer: str = Field(default="", max_length=200)
    prepared_by: str = Field(default="", max_length=200)
    quote_number: str = Field(default="", max_length=60)
    issued: date | None = Field(default=None, alias="date")
    valid_until: date | None = None
    notes: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _valid_after_issue(self) -> Self:
        if self.issued is not None and self.valid_until is not None and self.valid_until < self.issued:
            raise ValueError(msg("design.quote_valid_until", "valid_until {valid_until} is before the quote's date "
                                 "{date}; allowed: the same day or later", valid_until=self.valid_until.isoformat(),
                                 date=self.issued.isoformat()))
        return self


class Design(_Strict):
    """A whole design: where it runs, its traffic and its components."""

    name: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=2000)
    region: str = "us-east-1"  # any commercial Region; the service refuses one without a catalog
    free_tier: Literal["none", "always", "first_year"] = "always"
    workload: Workload = Workload()
    limits: Limits = Limits()
    components: list[Component] = Field(min_length=1, max_length=50)
    quote: QuoteInfo | None = None

    @field_validator("region")
    @classmethod
    def _commercial_region(cls, value: str) -> str:
        if not COMMERCIAL_REGION.match(value):
            raise ValueError(msg("design.region_code", "{value!r} is not an AWS commercial Region code (such as "
                                 "us-east-1 or eu-west-1)", value=value))
        return value

    def component(self, component_id: str) -> Any:
        """The component with this id (KeyError if none)."""
        for c in self.components:
            if c.id == component_id:
                return c
        raise KeyError(component_id)


def parse_design(data: Any) -> Design:
    """Validate a loaded design mapping; raise `DesignError` naming every problem."""
    if not isinstance(data, dict):
        raise DesignError([msg("design.not_a_mapping", "{where}: expected a mapping of fields (name, region, "
                               "components, ...), got {kind}", where="design", kind=_kind(data))])
    problem = value_problem(data, "")
    if problem:
        raise DesignError([msg("design.problem_at", "{path}: {problem}", path="design", problem=problem)])
    try:
        design = Design.model_validate(data)
    except ValidationError as err:
        raise DesignError(_union_pruned([dict(e) for e in err.errors()], data)) from None
    problems = _graph_problems(design)
    if problems:
        raise DesignError(problems)
    return design


def assumed_defaults(data: dict[str, Any]) -> list[str]:
    """Warnings for usage figures the design left to a default (so the reader sees the guess)."""
    notes: list[str] = []
    for i, comp in enumerate(data.get("components") or []):
        if isinstance(comp, dict) and comp.get("type") == "lambda" and "duration_ms" not in comp:
            notes.append(msg("design.duration_assumed.warning", "components[{i}] ({id}).duration_ms not given: "
                             "assumed 100 ms", i=i, id=comp.get("id")))
    return notes


def traffic_notes(design: Design) -> list[str]:
    """Warnings for components priced with no traffic at all (only a component whose cost does not
    depend on traffic, such as a provisioned table, passes validation that way)."""
    return [msg("design.no_traffic.warning", "{id}: no traffic given (no workload volume, no monthly figures, no "
                "'from'): priced on its settings alone (provisioned capacity, storage); the readiness checks need "
                "its traffic", id=c.id) for c in without_traffic(design)]


_LEAF_TYPES = (str, bool, int, float, date, datetime, type(None))


def value_problem(value: Any, path: str) -> str | None:
    """The first key or value no design can hold (non-text key, NaN/infinite number, odd type),
    named by its path; None when every key is text and every value a plain one. Checked before
    validation for every way a design enters (files, links, importers, account imports)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                where = path or msg("word.top_level", "the top level")
                kind = msg("word.number", "number") if isinstance(key, (int, float)) else type(key).__name__
                return msg("design.key_not_text", "{where}: the key {key!r} is a {kind}; keys must be text (field "
                           "names)", where=where, key=str(key)[:40], kind=kind)
            found = value_problem(item, f"{path}.{key}" if path else key)
            if found:
                return found
        return None
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = value_problem(item, f"{path}[{i}]")
            if found:
                return found
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return msg("design.not_finite", "{path}: {value} is not a finite number", path=path, value=value)
    if not isinstance(value, _LEAF_TYPES):
        return msg("design.odd_value", "{path}: a {kind} value is not allowed; use text, a number, true/false, a list "
                   "or a mapping", path=path, kind=type(value).__name__)
    return None


def _graph_problems(design: Design) -> list[str]:
    """Duplicate ids, dangling or self `from`, cycles, and missing workload."""
    problems: list[str] = []
    by_id: dict[str, Any] = {}
    for i, comp in enumerate(design.components):
        if comp.id in by_id:
            problems.append(msg("design.duplicate_id", "components[{i}].id: '{id}' is used twice; ids must be unique",
                                i=i, id=comp.id))
        by_id[comp.id] = comp
    for i, comp in enumerate(design.components):
        where = f"components[{i}] ({comp.id}).from"
        if comp.from_ is None:
            continue
        if comp.from_ == comp.id:
            problems.append(msg("design.from_self", "{where}: a component cannot be driven by itself", where=where))
        elif comp.from_ not in by_id:
            problems.append(msg("design.from_unknown", "{where}: '{name}' names no component; components are: {known}",
                                where=where, name=comp.from_,
                                known=", ".join(sorted(by_id)) if by_id else msg("word.none", "none")))
        elif not by_id[comp.from_].passes_events:
            problems.append(msg("design.from_no_events", "{where}: '{name}' ({type}) passes no events on", where=where,
                                name=comp.from_, type=by_id[comp.from_].type))
    problems += kms_waf_problems(design)
    if not problems:
        cycle = _find_cycle(design)
        if cycle:
            problems.append(msg("design.cycle", "components: 'from' links form a cycle: {cycle}",
                                cycle=" → ".join(cycle)))
    # ---- wiring
    if not problems:
        problems += batching_problems(design)
    # ---- end wiring
    needs_workload = [c.id for c in without_traffic(design) if c.cost_depends_on_traffic]
    if needs_workload and not design.workload.has_volume:
        problems.append(msg("design.workload_missing", "workload.requests_per_month: missing (or peak_rps, or users); "
                            "it drives {components} (or give those components their own monthly figures)",
                            components=", ".join(needs_workload)))
    return problems


def without_traffic(design: Design) -> list[Any]:
    """Components that no traffic reaches: no `from`, no monthly figure of their own, and no workload
    volume in the design (Cognito and Route 53 are priced on their own figures and never listed)."""
    if design.workload.has_volume:
        return []
    return [c for c in design.components
            if c.from_ is None and c.type not in STANDALONE_TYPES and c.direct_value() is None]


def _find_cycle(design: Design) -> list[str] | None:
    upstream = {c.id: c.from_ for c in design.components}
    for start in upstream:
        seen = [start]
        node = upstream[start]
        while node is not None:
            if node in seen:
                return seen[seen.index(node):] + [node]
            seen.append(node)
            node = upstream.get(node)
    return None


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", type(None): "nothing"}.get(type(value), type(value).__name__)


def _union_pruned(errors: list[dict[str, Any]], data: dict[str, Any]) -> list[str]:
    """One line per problem. A field that takes one of several kinds (duration_ms: a number or
    {p50, p95, p99}) fails once per kind it could be; keep the kind the user's value was meant for,
    and when the value is of no allowed kind, say so in one line naming the kinds."""
    lines: list[str] = []
    unions: dict[tuple[Any, ...], dict[str, list[dict[str, Any]]]] = {}
    order: list[tuple[Any, ...] | int] = []
    for error in errors:
        point = _union_point(error["loc"])
        if point is None:
            order.append(len(lines))
            lines.append(_describe(error, data))
            continue
        where, branch = point
        if where not in unions:
            unions[where] = {}
            order.append(where)
        unions[where].setdefault(branch, []).append(error)
    out: list[str] = []
    for item in order:
        if isinstance(item, int):
            out.append(lines[item])
        else:
            out += _union_lines(item, unions[item], data)
    return out


#: error types that mean "not this kind of value" (as opposed to "this kind, but out of range")
_KIND_ERRORS = frozenset({"float_parsing", "int_parsing", "float_type", "int_type", "int_from_float", "model_type",
                          "dict_type", "model_attributes_type", "string_type", "list_type", "bool_type",
                          "bool_parsing", "is_instance_of"})


def _union_point(loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str] | None:
    """(the location of the union field, the branch label) of an error inside a union's branch;
    None for an error outside any union."""
    where = list(loc)
    if len(where) >= 3 and where[0] == "components" and isinstance(where[1], int) and where[2] in COMPONENT_TYPES:
        del where[2]  # the discriminator tag pydantic inserts
    for i, part in enumerate(where):
        if isinstance(part, str) and _is_branch_label(part):
            return tuple(loc[:len(loc) - len(where) + i]), part
    return None


def _union_lines(where: tuple[Any, ...], branches: dict[str, list[dict[str, Any]]], data: dict[str, Any]) -> list[str]:
    """The problems of one union field: those of the branches the value fits (of its kind), or one
    line naming the allowed kinds when it fits none."""
    if len(branches) == 1:
        return [_describe(e, data) for found in branches.values() for e in found]
    depth = len(where) + 1
    fitting = [found for found in branches.values()
               if any(len(e["loc"]) > depth or e["type"] not in _KIND_ERRORS for e in found)]
    if fitting:
        return [_describe(e, data) for found in fitting for e in found]
    first = next(iter(branches.values()))[0]
    path = _path(where, data)
    kinds = [_kind_name(label, found, path) for label, found in branches.items()]
    return [msg("design.no_allowed_kind", "{path} must be {kinds}; {value} is neither", path=path,
                kinds=_either(kinds), value=_show(first.get("input")))]


def _either(kinds: list[Message]) -> Message:
    """"a number (milliseconds) or {p50, p95, p99}" (one message per "or", so Japanese reads as well)."""
    found = kinds[0]
    for kind in kinds[1:]:
        found = msg("design.kind_or", "{first} or {second}", first=found, second=kind)
    return found


def _kind_name(label: str, found: list[dict[str, Any]], path: str) -> Message:
    """What a union branch accepts, in words: "a number (milliseconds)", "{p50, p95, p99}", "text"."""
    class_name = next(((e.get("ctx") or {}).get("class_name") for e in found if e["type"] == "model_type"), None)
    model = globals().get(str(class_name))
    if isinstance(model, type) and issubclass(model, BaseModel):
        return msg("design.kind_mapping", "{fields}", fields="{" + ", ".join(model.model_fields) + "}")
    if label in ("float", "int") or "float" in label or "int" in label:
        unit = _unit_hint(path)
        return msg("design.kind_number_in", "a number ({unit})", unit=unit) if unit is not None \
            else msg("design.kind_number", "a number")
    if label == "str":
        return msg("design.kind_text", "text")
    if label.startswith("list"):
        return msg("design.kind_list", "a list")
    return msg("design.kind_other", "{label}", label=label)


#: pydantic's names for the branches of a union, which it puts in an error's location
_BRANCH_NAMES = ("float", "int", "str", "bool")


def _is_branch_label(part: str) -> bool:
    return part in _BRANCH_NAMES or any(ch in part for ch in "-[(") or part[:1].isupper()


def _path(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    """'components[1] (handler).memory_mb' from pydantic's location tuple."""
    parts: list[str] = []
    where = list(loc)
    if len(where) >= 3 and where[0] == "components" and isinstance(where[1], int) and where[2] in COMPONENT_TYPES:
        del where[2]  # the discriminator tag pydantic inserts
    for i, part in enumerate(where):
        if isinstance(part, str) and _is_branch_label(part):
            continue
        if isinstance(part, int) and not parts:
            parts.append(f"[{part}]")
        elif isinstance(part, int):
            parts[-1] += f"[{part}]"
            if i == 1 and where[0] == "components":
                comps = data.get("components") or []
                if part < len(comps) and isinstance(comps[part], dict) and comps[part].get("id"):
                    parts[-1] += f" ({comps[part]['id']})"
        elif part == "from_":
            parts.append("from")
        elif part == "lambda_":
            parts.append("lambda")
        else:
            parts.append(str(part))
    return ".".join(parts) or "design"


def _describe(error: dict[str, Any], data: dict[str, Any]) -> Message:  # noqa: C901 - one branch per error kind
    """One line: the field path, the value and what is allowed."""
    path = _path(error["loc"], data)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = _show(value)
    if kind == "missing":
        return msg("design.field_missing", "{path}: required field is missing", path=path)
    if kind == "extra_forbidden":
        return msg("design.field_unknown", "{path}: unknown field (value {value}); see docs/design-file.md for the "
                   "fields of this type", path=path, value=shown)
    if kind == "union_tag_invalid":
        return msg("design.type_unknown", "{path}: unknown component type {tag!r}; allowed: {allowed}", path=path,
                   tag=ctx.get("tag"), allowed=", ".join(COMPONENT_TYPES))
    if kind == "union_tag_not_found":
        return msg("design.type_missing", "{path}: 'type' is missing; allowed: {allowed}", path=path,
                   allowed=", ".join(COMPONENT_TYPES))
    if kind == "literal_error":
        return msg("design.value_not_allowed", "{path}: {value} is not allowed; allowed: {allowed}", path=path,
                   value=shown, allowed=ctx.get("expected"))
    if isinstance(value, bool) and kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        kind = "float_type"  # true/false taken as 1/0 by pydantic: the problem is that it is no number at all
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()))
        shown_bound = f"{int(bound):,}" if isinstance(bound, (int, float)) and float(bound).is_integer() else f"{bound}"
        return msg("design.out_of_range", "{path}: {value} is out of range; must be {sign} {bound}", path=path,
                   value=shown, sign=sign, bound=shown_bound)
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"):
        unit = _unit_hint(path)
        if unit is not None:
            return msg("design.not_a_number_in", "{path}: {value} is not a plain number (give the number in {unit}, "
                       "without a unit)", path=path, value=shown, unit=unit)
        return msg("design.not_a_number", "{path}: {value} is not a plain number", path=path, value=shown)
    if kind == "string_pattern_mismatch":
        return msg("design.id_pattern", "{path}: {value} is not allowed; use lower-case letters, digits, '-' or '_', "
                   "starting with a letter (≤ 40 characters)", path=path, value=shown)
    if kind == "value_error":
        raised = ctx.get("error")
        problem = raised.args[0] if isinstance(raised, ValueError) and raised.args \
            and isinstance(raised.args[0], Message) else error["msg"].removeprefix("Value error, ")
        return msg("design.problem_at", "{path}: {problem}", path=path, problem=problem)
    if kind in ("date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return msg("design.not_a_date", "{path}: {value} is not a date; allowed: a date written YYYY-MM-DD", path=path,
                   value=shown)
    if kind in ("too_short", "too_long"):
        found = _length_problem(path, kind, ctx, error["msg"].lower())
        return found if found is not None else msg("design.problem_at", "{path}: {problem}", path=path,
                                                   problem=error["msg"].lower())
    return msg("design.invalid_value", "{path}: {value}: {detail}", path=path, value=shown, detail=error["msg"])


def _length_problem(path: str, kind: str, ctx: dict[str, Any], english: str) -> Message | None:
    """pydantic's "list should have at least 1 item after validation, not 0" as a message (None if it words it
    otherwise)."""
    what = {"list": msg("word.list", "list"), "string": msg("word.string", "string"),
            "value": msg("word.value", "value")}.get(str(ctx.get("field_type", "")).lower())
    bound = ctx.get("min_length" if kind == "too_short" else "max_length")
    if what is None or bound is None:
        return None
    if str(what) == "string":
        noun = msg("word.character", "character") if bound == 1 else msg("word.characters", "characters")
    else:
        noun = msg("word.item", "item") if bound == 1 else msg("word.items", "items")
    if kind == "too_short":
        found = msg("design.too_short", "{path}: {what} should have at least {n} {noun} after validation, not {got}",
                    path=path, what=what, n=bound, noun=noun, got=ctx.get("actual_length"))
    else:
        found = msg("design.too_long", "{path}: {what} should have at most {n} {noun} after validation, not {got}",
                    path=path, what=what, n=bound, noun=noun, got=ctx.get("actual_length"))
    return found if found == f"{path}: {english}" else None


#: a text value longer than this is shown by its start and length in a problem, not echoed whole
SHOWN_TEXT_CHARS = 60


def _show(value: Any) -> str:
    """A value as the user would recognise it: 1e15 → 1000000000000000, text quoted (a long one cut, with its
    length), true/false as written in YAML and JSON.

    >>> _show(True), _show(1e15), _show("x" * 100)[-30:]
    ('true', '1000000000000000', "xxxxxxxxxxx'… (100 characters)")
    """
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and len(value) > SHOWN_TEXT_CHARS:
        return f"{value[:SHOWN_TEXT_CHARS]!r}… ({len(value):,} characters)"
    return repr(value)


def _unit_hint(path: str) -> Message | None:
    """The unit a number field is given in, from its name's suffix (None when the name has none)."""
    for suffix, unit in (("_mb", msg("word.MB", "MB")), ("_kb", msg("word.KB", "KB")), ("_gb", msg("word.GB", "GB")),
                         ("_ms", msg("word.milliseconds", "milliseconds")), ("_s", msg("word.seconds", "seconds")),
                         ("_month", msg("word.per_month", "per month")), ("_hours", msg("word.hours", "hours"))):
        if path.split(".")[-1].split("[")[0].endswith(suffix):
            return unit
    return None


# ---- kms
def kms_waf_problems(design: Design) -> list[str]:
    """A `kms_key` that names no KMS component; a web ACL protecting what it cannot (anything but a
    CloudFront distribution or a REST API) or what another web ACL protects (AWS allows one per resource)."""
    by_id = {c.id: c for c in design.components}
    problems: list[str] = []
    for i, comp in enumerate(design.components):
        key = getattr(comp, "kms_key", None)
        if key is not None and (key not in by_id or by_id[key].type != "kms"):
            keys = ", ".join(sorted(c.id for c in design.components if c.type == "kms"))
            problems.append(msg("design.kms_key_unknown", "components[{i}] ({id}).kms_key: '{name}' names no kms "
                                "component; kms components are: {known}", i=i, id=comp.id, name=key,
                                known=keys or msg("word.none", "none")))
    protected: dict[str, str] = {}
    for i, comp in enumerate(design.components):
        if comp.type != "waf":
            continue
        for name in comp.protects:
            target = by_id.get(name)
            if target is None or not (target.type == "cloudfront" or (target.type == "api_gateway"
                                                                       and target.api == "rest")):
                problems.append(msg("design.waf_protects", "components[{i}] ({id}).protects: '{name}' is not a "
                                    "CloudFront distribution or a REST API of the design; a web ACL protects those "
                                    "(type cloudfront, or api_gateway with api: rest)", i=i, id=comp.id, name=name))
            elif name in protected:
                problems.append(msg("design.waf_protects_twice", "components[{i}] ({id}).protects: '{name}' is "
                                    "already protected by {other}; AWS associates one web ACL per resource", i=i,
                                    id=comp.id, name=name, other=protected[name]))
            else:
                protected[name] = comp.id
    return problems
# ---- end kms
