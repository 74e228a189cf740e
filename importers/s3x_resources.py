"""S3 lifecycle rules, Secrets Manager secrets, CloudWatch alarms and log groups, from CloudFormation/SAM
and Terraform.

- A bucket's lifecycle: the first enabled rule's transitions (CloudFormation `LifecycleConfiguration.Rules`
  `Transitions`/`Transition`, `ExpirationInDays`; Terraform `aws_s3_bucket_lifecycle_configuration` `rule`
  blocks, or the older inline `lifecycle_rule`). A design bucket has one lifecycle, so a second enabled
  rule (another prefix or tag filter) is reported, not merged. The data arriving each month is usage the
  template does not state: the report says to give `new_gb_per_month`.
- All CloudWatch alarms of a template become one `cloudwatch` component (`Alarms`) counting alarm
  metrics: one per metric an alarm reads (a metric-math alarm reads several), 3 for an anomaly detection
  alarm, high resolution when its period is under 60 s; composite alarms are counted apart.
- A log group no function of the import writes to is a `cloudwatch` component with its retention and
  class; a function's own group goes to the function (importers/lambda_settings.py).
- A secret is a `secrets_manager` component (1 + its replica Regions); a function referencing it reads
  it on every invocation (wired by the build's data links) until the design says `cache_ttl_s`.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from importers.common import Component, Unresolved, as_bool
from importers.context import ImportContext
from importers.lambda_settings import cfn_log_group, log_group_function, tf_log_group
from models.design.schema import lifecycle_problem

#: S3's storage class names in lifecycle rules → the design's classes
S3_CLASS_NAMES = {"STANDARD_IA": "standard_ia", "INTELLIGENT_TIERING": "intelligent_tiering",
                  "ONEZONE_IA": "one_zone_ia", "GLACIER_IR": "glacier_instant", "GLACIER": "glacier_flexible",
                  "DEEP_ARCHIVE": "glacier_deep_archive"}
ALARMS_KEY = "Alarms"
#: an anomaly detection alarm is billed as 3 alarm metrics (the metric and the band's two bounds)
ANOMALY_ALARM_METRICS = 3
#: retention priced for a log group that never expires its logs (a year of logs; storage grows after that)
NEVER_EXPIRE_DAYS = 365


def lifecycle_fields(ctx: ImportContext, where: str, steps: list[tuple[Any, Any]], expiration: Any,
                     others: int) -> dict[str, Any]:
    """The design fields of one lifecycle rule: its (days, S3 class name) steps and expiration days; {} (with
    a note) when S3 would refuse it or it names a class the design does not know."""
    lifecycle: list[dict[str, Any]] = []
    for days, name in steps:
        cls = S3_CLASS_NAMES.get(str(name).upper())
        if cls is None or days is None:
            ctx.report.notes.append(f"{where}: transition to {name!r} after {days} days not modelled; lifecycle "
                                    "left out")
            return {}
        lifecycle.append({"days": int(days), "storage_class": cls})
    lifecycle.sort(key=lambda step: step["days"])
    fields: dict[str, Any] = {"lifecycle": lifecycle} if lifecycle else {}
    if expiration is not None:
        fields["expiration_days"] = int(expiration)
    if not fields:
        return {}
    if "expiration_days" not in fields:
        fields["history_days"] = NEVER_EXPIRE_DAYS
        ctx.report.assumptions.append(f"{where}: objects never expire; priced after {NEVER_EXPIRE_DAYS} days of "
                                      "data (history_days)")
    check = SimpleNamespace(storage_class="standard", new_gb_per_month=0,
                            expiration_days=fields.get("expiration_days"), history_days=fields.get("history_days"),
                            lifecycle=[SimpleNamespace(**step) for step in lifecycle])
    problem = lifecycle_problem(check)
    if problem:
        ctx.report.notes.append(f"{where}: {problem}; lifecycle left out")
        return {}
    if others:
        ctx.report.notes.append(f"{where}: {others} more enabled lifecycle rule(s) (other prefixes or tags) not "
                                "modelled; the first one is")
    ctx.report.notes.append(f"{where}: lifecycle read; give new_gb_per_month (and new_objects_per_month) to price "
                            "its storage by class, transitions and early deletion")
    return fields


# ---- CloudFormation / SAM

def cfn_bucket_lifecycle(ctx: ImportContext, lid: str, props: dict) -> dict[str, Any]:
    """AWS::S3::Bucket LifecycleConfiguration: the first enabled rule with transitions or an expiration."""
    where = f"Resources.{lid}.Properties.LifecycleConfiguration"
    rules = []
    for i, rule in enumerate(ctx.items(props, "LifecycleConfiguration", "Rules", where=f"Resources.{lid}.Properties")):
        at = f"{where}.Rules[{i}]"
        if ctx.value(rule, "Status", where=at) != "Enabled":
            continue
        steps = [(ctx.number(t, "TransitionInDays", where=f"{at}.Transitions[{j}]"),
                  ctx.value(t, "StorageClass", where=f"{at}.Transitions[{j}]"))
                 for j, t in enumerate(ctx.items(rule, "Transitions", where=at))]
        single = ctx.mapping(rule, "Transition", where=at)
        if single:
            steps.append((ctx.number(single, "TransitionInDays", where=f"{at}.Transition"),
                          ctx.value(single, "StorageClass", where=f"{at}.Transition")))
        expiration = ctx.number(rule, "ExpirationInDays", where=at)
        if steps or expiration is not None:
            rules.append((at, steps, expiration))
    if not rules:
        return {}
    at, steps, expiration = rules[0]
    return lifecycle_fields(ctx, at, steps, expiration, len(rules) - 1)


def read_cfn_secret(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::SecretsManager::Secret: one secret, plus one per replica Region."""
    replicas = ctx.items(props, "ReplicaRegions", where=f"Resources.{lid}.Properties")
    return Component(lid, "secrets_manager", rtype, lid, {"secrets": 1 + len(replicas)})


def read_cfn_alarm(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::CloudWatch::Alarm and AWS::CloudWatch::CompositeAlarm, added to the template's one Alarms component."""
    where = f"Resources.{lid}.Properties"
    if rtype == "AWS::CloudWatch::CompositeAlarm":
        return _add_alarms(ctx, rtype, "composite_alarms", 1)
    metrics = ctx.items(props, "Metrics", where=where)
    periods = [ctx.number(props, "Period", where=where)]
    periods += [ctx.number(m, "MetricStat", "Period", where=f"{where}.Metrics[{i}]") for i, m in enumerate(metrics)]
    anomaly = any("ANOMALY_DETECTION_BAND" in str(ctx.value(m, "Expression", where=f"{where}.Metrics[{i}]") or "")
                  for i, m in enumerate(metrics))
    count = _alarm_metrics(anomaly, sum(1 for m in metrics if isinstance(m, dict) and "MetricStat" in m))
    return _add_alarms(ctx, rtype, _resolution(periods), count)


def cfn_log_group_or_alone(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Logs::LogGroup: a function's group carries its retention and class to the function
    (importers/lambda_settings.py); any other group is a `cloudwatch` component of its own."""
    raw = props.get("LogGroupName")
    if log_group_function(ctx, raw, _resolved(ctx, raw), lid) is not None:
        return cfn_log_group(ctx, lid, props)
    where = f"Resources.{lid}.Properties"
    retention = ctx.number(props, "RetentionInDays", where=where)
    log_class = str(ctx.value(props, "LogGroupClass", where=where) or "STANDARD").lower()
    ctx.found.add(_log_group(ctx, lid, "AWS::Logs::LogGroup", lid, retention, log_class))
    return ""  # listed once, as the cloudwatch component it is


# ---- Terraform

def tf_bucket_inline_lifecycle(ctx: ImportContext, key: str, body: dict) -> dict[str, Any]:
    """aws_s3_bucket's inline `lifecycle_rule` blocks (provider v3): the first enabled one."""
    rules = []
    for i, rule in enumerate(ctx.items(body, "lifecycle_rule", where=key)):
        at = f"{key}.lifecycle_rule[{i}]"
        if ctx.value(rule, "enabled", where=at, convert=as_bool) is False:
            continue
        rules.append((at, _tf_steps(ctx, rule, at), ctx.number(rule, "expiration", 0, "days", where=at)))
    return _first_rule(ctx, rules)


def tf_lifecycle_configuration(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    """aws_s3_bucket_lifecycle_configuration: the first enabled `rule` on the bucket it names."""
    bucket = ctx.target(body.get("bucket"), "s3", f"{key}.bucket")
    rules = []
    for i, rule in enumerate(ctx.items(body, "rule", where=key)):
        at = f"{key}.rule[{i}]"
        if ctx.value(rule, "status", where=at) != "Enabled":
            continue
        rules.append((at, _tf_steps(ctx, rule, at), ctx.number(rule, "expiration", 0, "days", where=at)))
    fields = _first_rule(ctx, rules)
    if bucket is None or not fields:
        return f"lifecycle of {bucket or 'no bucket of this configuration'}: nothing modelled"
    ctx.found.components[bucket].fields.update(fields)
    return f"lifecycle of {bucket}"


def read_tf_secret(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_secretsmanager_secret: one secret, plus one per `replica` block."""
    replicas = ctx.items(body, "replica", where=key)
    return Component(key, "secrets_manager", "aws_secretsmanager_secret", name, {"secrets": 1 + len(replicas)})


def read_tf_alarm(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_cloudwatch_metric_alarm / aws_cloudwatch_composite_alarm, added to the one Alarms component."""
    rtype = key.split(".")[0]
    if rtype == "aws_cloudwatch_composite_alarm":
        return _add_alarms(ctx, rtype, "composite_alarms", 1)
    queries = ctx.items(body, "metric_query", where=key)
    periods = [ctx.number(body, "period", where=key)]
    periods += [ctx.number(q, "metric", 0, "period", where=f"{key}.metric_query[{i}]") for i, q in enumerate(queries)]
    anomaly = body.get("threshold_metric_id") is not None or any(
        "ANOMALY_DETECTION_BAND" in str(ctx.value(q, "expression", where=f"{key}.metric_query[{i}]") or "")
        for i, q in enumerate(queries))
    count = _alarm_metrics(anomaly, sum(1 for q in queries if isinstance(q, dict) and q.get("metric")))
    return _add_alarms(ctx, rtype, _resolution(periods), count)


def tf_log_group_or_alone(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    """aws_cloudwatch_log_group: a function's group to the function, any other a `cloudwatch` component."""
    raw = body.get("name")
    if log_group_function(ctx, raw, _resolved(ctx, raw), key) is not None:
        return tf_log_group(ctx, key, body, module)
    retention = ctx.number(body, "retention_in_days", where=key)  # 0: never expire
    log_class = str(ctx.value(body, "log_group_class", where=key) or "STANDARD").lower()
    ctx.found.add(_log_group(ctx, key, "aws_cloudwatch_log_group", key.split(".", 1)[1], retention or None,
                             log_class))
    return ""  # listed once, as the cloudwatch component it is


# ---- shared

def _resolved(ctx: ImportContext, value: Any) -> Any:
    try:
        return ctx.resolver.resolve(value)
    except Unresolved:
        return None


def _tf_steps(ctx: ImportContext, rule: Any, at: str) -> list[tuple[Any, Any]]:
    return [(ctx.number(t, "days", where=f"{at}.transition[{j}]"),
             ctx.value(t, "storage_class", where=f"{at}.transition[{j}]"))
            for j, t in enumerate(ctx.items(rule, "transition", where=at))]


def _first_rule(ctx: ImportContext, rules: list[tuple[str, list, Any]]) -> dict[str, Any]:
    found = [(at, steps, expiration) for at, steps, expiration in rules if steps or expiration is not None]
    if not found:
        return {}
    at, steps, expiration = found[0]
    return lifecycle_fields(ctx, at, steps, expiration, len(found) - 1)


def _alarm_metrics(anomaly: bool, metric_stats: int) -> int:
    """Alarm metrics billed for one metric alarm: 3 for anomaly detection, else one per metric it reads."""
    return ANOMALY_ALARM_METRICS if anomaly else max(1, metric_stats)


def _resolution(periods: list[int | None]) -> str:
    """The alarm field of an alarm's resolution: high when any period it evaluates is under 60 s."""
    given = [p for p in periods if p is not None]
    return "high_resolution_alarm_metrics" if given and min(given) < 60 else "standard_alarm_metrics"


def _add_alarms(ctx: ImportContext, rtype: str, field: str, count: int) -> Component:
    """The template's Alarms component with `count` more of `field` (created by the first alarm)."""
    current = ctx.found.components.get(ALARMS_KEY)
    fields = dict(current.fields) if current else {}
    fields[field] = fields.get(field, 0) + count
    origin = current.origin if current else rtype
    return Component(ALARMS_KEY, "cloudwatch", origin, "alarms", fields)


def _log_group(ctx: ImportContext, key: str, rtype: str, name: str, retention: int | None,
               log_class: str) -> Component:
    fields: dict[str, Any] = {"log_retention_days": retention or NEVER_EXPIRE_DAYS}
    if log_class in ("standard", "infrequent_access"):
        fields["log_class"] = log_class
    if retention is None:
        ctx.report.assumptions.append(f"{key}: logs never expire; storage priced as kept {NEVER_EXPIRE_DAYS} days "
                                      "(it keeps growing after that)")
    ctx.report.assumptions.append(f"{key}: log_ingested_gb_per_month = 0 (give the GB a month written to it)")
    return Component(key, "cloudwatch", rtype, name, fields)
