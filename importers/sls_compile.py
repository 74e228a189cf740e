"""A serverless.yml (variables already evaluated) → the CloudFormation resources the framework would make.

The framework compiles `functions` and their `events` into a CloudFormation stack and merges the
file's `resources` into it; we do the same, with the framework's logical ids (so `!GetAtt
HelloLambdaFunction.Arn` and `!Ref ApiGatewayRestApi` in `resources` still name them), and hand
the template to the CloudFormation importer. Logical ids and defaults follow the framework's docs
(https://www.serverless.com/framework/docs/providers/aws/guide/resources#aws-cloudformation-resource-reference,
https://www.serverless.com/framework/docs/providers/aws/guide/functions: "memorySize ... default is
1024", "timeout ... default is 6"; events: .../providers/aws/events/).

Only what the planner prices is compiled: functions, their APIs, buckets, queues' and streams'
event source mappings, schedules and SNS subscriptions. Roles, permissions, log groups and
deployments are left out (no charge of their own; logs are priced with each function).
`Compiled.settings` carries the design fields the template has no property for (runtime family,
tracing, log retention, an on-failure destination), keyed by function logical id. The events are
compiled by importers/sls_events.py.
"""

from __future__ import annotations

from typing import Any

from importers.sls_events import Compiled, EventCompiler, _arn_name, _shown, function_id
from importers.sls_variables import Unknown
from models.messages import msg

DEFAULT_MEMORY_MB = 1024
DEFAULT_TIMEOUT_S = 6
#: resource types whose name a function may be given instead of a Ref (linked by the name)
NAME_PROPERTIES = (("AWS::DynamoDB::Table", "TableName"), ("AWS::S3::Bucket", "BucketName"),
                   ("AWS::SQS::Queue", "QueueName"), ("AWS::SNS::Topic", "TopicName"))
#: runtime identifier prefix → the design's runtime family (cold-start INIT model)
RUNTIME_FAMILIES = (("nodejs", "nodejs"), ("python", "python"), ("java", "java"), ("dotnet", "dotnet"),
                    ("ruby", "ruby"), ("provided", "custom"), ("go", "custom"))


class Compiler(EventCompiler):
    """Compiles the functions of one resolved serverless.yml (their events through EventCompiler)."""

    def setting(self, function: dict, key: str, provider_key: str | None = None) -> Any:
        """A function's value, else the provider's (None if neither is set)."""
        if key in function and function[key] is not None:
            return function[key]
        return self.provider.get(provider_key or key)

    # ---- functions
    def compile(self) -> Compiled:
        functions = self.config.get("functions")
        if isinstance(functions, dict):
            for key, function in functions.items():
                if isinstance(function, dict):
                    self.function(str(key), function)
                else:
                    self.out.unresolved.append(f"functions.{key}: {_shown(function)} is not a function "
                                               "definition; not imported")
        elif functions is not None:
            self.out.unresolved.append(f"functions: {_shown(functions)} is not a mapping of functions; not imported")
        return self.out

    def function(self, key: str, function: dict) -> None:
        lid = function_id(key)
        where = f"functions.{key}"
        self.out.functions[lid] = key
        self.out.hints[lid] = key
        props: dict[str, Any] = {
            "MemorySize": self.cfn(self.setting(function, "memorySize") or DEFAULT_MEMORY_MB, f"{where}.memorySize"),
            "Timeout": self.cfn(self.setting(function, "timeout") or DEFAULT_TIMEOUT_S, f"{where}.timeout"),
            "Architectures": [self.cfn(self.setting(function, "architecture") or "x86_64", f"{where}.architecture")],
        }
        runtime = self.setting(function, "runtime")
        if runtime is not None:
            props["Runtime"] = self.cfn(runtime, f"{where}.runtime")
        for prop, name in (("ReservedConcurrentExecutions", "reservedConcurrency"),
                           ("ProvisionedConcurrencyConfig", "provisionedConcurrency"),
                           ("EphemeralStorage", "ephemeralStorageSize")):
            if function.get(name) is not None:
                value = self.cfn(function[name], f"{where}.{name}")
                props[prop] = {"ProvisionedConcurrentExecutions": value} if name == "provisionedConcurrency" \
                    else {"Size": value} if name == "ephemeralStorageSize" else value
        environment = self.link_names(self.environment(function, where))
        props["Environment"] = {"Variables": self.cfn(environment, f"{where}.environment")}
        own = function.get("iamRoleStatements")  # serverless-iam-roles-per-function's per-function statements
        statements = self.link_names(self.iam_statements() + (own if isinstance(own, list) else []))
        if statements:
            props["Policies"] = self.cfn(statements, "provider.iam.role.statements")
        if function.get("onError") is not None:
            props["DeadLetterConfig"] = {"TargetArn": self.cfn(function["onError"], f"{where}.onError")}
        self.out.resources[lid] = {"Type": "AWS::Lambda::Function", "Properties": props}
        self.out.settings[lid] = self.design_settings(function, where, runtime)
        events = function.get("events") or []
        if not isinstance(events, list):
            self.out.unresolved.append(f"{where}.events: {_shown(events)} is not a list; not wired")
            return
        for i, event in enumerate(events):
            self.event(lid, event, f"{where}.events[{i}]", i)

    def environment(self, function: dict, where: str) -> dict:
        """provider.environment with the function's own merged over it (the framework's rule)."""
        merged: dict[str, Any] = {}
        for source, spot in ((self.provider.get("environment"), "provider.environment"),
                             (function.get("environment"), f"{where}.environment")):
            if isinstance(source, dict):
                merged.update(source)
            elif source is not None:
                self.out.unresolved.append(f"{spot}: {_shown(source)} is not a mapping; not read")
        return merged

    def link_names(self, value: Any) -> Any:
        """Names and ARNs of the file's own tables, buckets, queues and topics as Refs to them, so a function
        whose environment or policy names one (`TABLE: ${self:custom.table}`, `arn:...:table/${...}`) is
        linked to it, as a `!Ref` would be."""
        if isinstance(value, dict):
            return {k: self.link_names(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.link_names(v) for v in value]
        if isinstance(value, str) and value:
            name = _arn_name(value).removesuffix("/*") if value.startswith("arn:") else value
            for rtype, prop in NAME_PROPERTIES:
                lid = self.named(rtype, prop, name) if name and name != "*" else None
                if lid and lid != name:
                    return {"Ref": lid}
        return value

    def iam_statements(self) -> list:
        """provider.iam.role.statements (v3) or provider.iamRoleStatements (v2): shared by every function."""
        iam = self.provider.get("iam")
        role = iam.get("role") if isinstance(iam, dict) else None
        statements = role.get("statements") if isinstance(role, dict) else self.provider.get("iamRoleStatements")
        return statements if isinstance(statements, list) else []

    def design_settings(self, function: dict, where: str, runtime: Any) -> dict[str, Any]:
        """Design fields with no template property to carry them: runtime family, tracing, log retention, dlq."""
        fields: dict[str, Any] = {}
        family = self.runtime_family(function, where, runtime)
        if family:
            fields["runtime"] = family
        tracing = function.get("tracing")
        provider_tracing = self.provider.get("tracing")
        if tracing is None and isinstance(provider_tracing, dict):
            tracing = provider_tracing.get("lambda")
        if tracing is True or str(tracing).lower() == "active":
            fields["tracing"] = True
        retention = self.setting(function, "logRetentionInDays")
        if isinstance(retention, Unknown):
            self.out.unresolved.append(f"{where}.logRetentionInDays: {retention.text} {retention.why}; "
                                       "log retention left at the design default")
        elif retention is not None:
            days = _whole(retention)
            if days is None or not 1 <= days <= 3653:
                self.out.unresolved.append(f"{where}.logRetentionInDays: {retention!r} is not 1 to 3653 days; "
                                           "log retention left at the design default")
            else:
                fields["log_retention_days"] = days
        destinations = function.get("destinations")
        if function.get("onError") is not None or (isinstance(destinations, dict) and destinations.get("onFailure")):
            fields["dlq"] = True
        return fields

    def runtime_family(self, function: dict, where: str, runtime: Any) -> str | None:
        """The design's runtime family; an image function or an unknown runtime is reported."""
        if function.get("image") is not None and runtime is None:
            self.out.unresolved.append(f"{where}.image: a container image function; its language is not known, "
                                       "so runtime is left at the design default (python)")
            return None
        if runtime is None:
            self.out.notes.append(msg("import.sls_default_runtime", "{where}: no runtime in the file; the "
                                      "framework's default is a Node.js runtime (runtime: nodejs)", where=where))
            return "nodejs"
        if isinstance(runtime, Unknown):
            self.out.unresolved.append(f"{where}.runtime: {runtime.text} {runtime.why}; runtime left at the "
                                       "design default (python)")
            return None
        text = str(runtime).lower()
        family = next((f for prefix, f in RUNTIME_FAMILIES if text.startswith(prefix)), None)
        if family is None:
            self.out.unresolved.append(f"{where}.runtime: {runtime!r} is not a Lambda runtime the planner "
                                       "knows; runtime left at the design default (python)")
        snap = function.get("snapStart")
        return "java_snapstart" if family == "java" and (snap is True or str(snap).lower() == "true") else family


def _whole(value: Any) -> int | None:
    """A whole number from a value (None if it is not one)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and not isinstance(value, bool) else None
