"""Serverless Framework events → the CloudFormation resources the framework makes for them.

`EventCompiler` holds what compiling one serverless.yml shares (the output `Compiled`, the file's own
`resources`, placeholders for unresolved values) and compiles each entry of a function's `events`
with the framework's logical ids (https://www.serverless.com/framework/docs/providers/aws/events/):
`http` → `ApiGatewayRestApi` and a method per route, `httpApi` → `HttpApi` and an integration,
`websocket` → `WebsocketsApi`, `s3` → `S3Bucket<Name>` with a notification (or the file's bucket),
`sqs`/`stream` → an event source mapping with the batch settings, `schedule` (and
`eventBridge.schedule`) → a rule, `sns` → `SNSTopic<Name>` (or the file's topic) and a subscription.
importers/sls_compile.py compiles the functions on top of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from importers.sls_variables import Unknown
from models.messages import msg

REST_API = "ApiGatewayRestApi"
HTTP_API = "HttpApi"
WEBSOCKET_API = "WebsocketsApi"
#: events the planner does not model: their invocations are not counted
UNMODELLED_EVENTS = ("alb", "alexaSkill", "alexaSmartHome", "iot", "iotFleetProvisioning", "cloudwatchEvent",
                     "cloudwatchLog", "cognitoUserPool", "kafka", "msk", "activemq", "rabbitmq", "cloudFront")

@dataclass
class Compiled:
    """The compiled template, the function keys behind its logical ids, and what the report must say."""

    resources: dict[str, dict] = field(default_factory=dict)
    functions: dict[str, str] = field(default_factory=dict)  # logical id → function key in the file
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)  # logical id → design fields
    notes: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    recognised: list[str] = field(default_factory=list)
    placeholders: dict[str, str] = field(default_factory=dict)  # placeholder parameter → why it has no value
    hints: dict[str, str] = field(default_factory=dict)  # logical id → the name its design id is made from


def normalize(name: str) -> str:
    """The framework's logical-id form of a name: first letter upper case, `-` → Dash, `_` → Underscore,
    other characters dropped.

    >>> normalize("get-user_v2"), normalize("my.bucket")
    ('GetDashuserUnderscorev2', 'Mybucket')
    """
    text = name[:1].upper() + name[1:]
    text = text.replace("-", "Dash").replace("_", "Underscore")
    return re.sub(r"[^A-Za-z0-9]", "", text)


def function_id(key: str) -> str:
    """`hello` → `HelloLambdaFunction`."""
    return f"{normalize(key)}LambdaFunction"


def _arn(lid: str) -> dict:
    return {"Fn::GetAtt": [lid, "Arn"]}


class EventCompiler:
    """Compiles the events of one resolved serverless.yml (and what the functions' compiler shares)."""

    def __init__(self, config: dict[str, Any], user_resources: dict[str, dict]) -> None:
        self.config = config
        provider = config.get("provider")
        self.provider: dict[str, Any] = provider if isinstance(provider, dict) else {}
        self.user = user_resources
        self.out = Compiled()

    # ---- values
    def placeholder(self, value: Unknown, where: str) -> dict:
        """An `Unknown` as a Ref to a parameter without a value (the CloudFormation reader reports it where read)."""
        name = f"SlsUnresolved{len(self.out.placeholders) + 1}"
        self.out.placeholders[name] = f"{where}: {value.text} {value.why}".replace(f"{value.text} {value.text}",
                                                                                  value.text)
        return {"Ref": name}

    def cfn(self, value: Any, where: str) -> Any:
        """A resolved value as template data: each `Unknown` becomes a placeholder Ref."""
        if isinstance(value, Unknown):
            return self.placeholder(value, where)
        if isinstance(value, dict):
            return {k: self.cfn(v, f"{where}.{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [self.cfn(v, f"{where}[{i}]") for i, v in enumerate(value)]
        return value

    def event(self, lid: str, event: Any, where: str, index: int) -> None:
        """One entry of a function's `events` (a mapping with one key: http, sqs, s3, ...)."""
        if not isinstance(event, dict) or len(event) != 1:
            self.out.unresolved.append(f"{where}: {_shown(event)} is not one event (a mapping with one key such "
                                       "as http, sqs, s3); not wired")
            return
        kind, spec = next(iter(event.items()))
        handler = {"http": self.http, "httpApi": self.http_api, "websocket": self.websocket, "s3": self.s3,
                   "sqs": self.sqs, "stream": self.stream, "schedule": self.schedule, "sns": self.sns,
                   "eventBridge": self.event_bridge}.get(kind)
        if handler is None:
            known = kind in UNMODELLED_EVENTS
            self.out.notes.append(f"{where}: {kind} events are {'not modelled' if known else 'not known'}; "
                                  "their invocations are not counted")
            return
        handler(lid, spec, where, index)

    def api(self, lid: str, api_lid: str, protocol: str | None, existing_key: str) -> None:
        """The REST/HTTP/WebSocket API the framework makes (or an existing one the provider names)."""
        if api_lid in self.out.resources or api_lid in self.user:
            return
        self.out.hints[api_lid] = {None: "rest_api", "HTTP": "http_api"}.get(protocol, "websocket_api")
        if protocol is None:
            self.out.resources[api_lid] = {"Type": "AWS::ApiGateway::RestApi", "Properties": {}}
        else:
            self.out.resources[api_lid] = {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"ProtocolType": protocol}}
        if existing_key:
            self.out.notes.append(f"{existing_key}: the functions' routes are on an existing API (not created by "
                                  f"this service); it is in the design as {api_lid} so its requests are priced")

    def http(self, lid: str, spec: Any, where: str, index: int) -> None:
        gateway = self.provider.get("apiGateway")
        existing = "provider.apiGateway.restApiId" if isinstance(gateway, dict) and gateway.get("restApiId") else ""
        self.api(lid, REST_API, None, existing)
        method = f"{lid}Http{index}Method"
        uri = {"Fn::Join": ["", ["arn:aws:apigateway:", {"Ref": "AWS::Region"}, ":lambda:path/2015-03-31/functions/",
                                 _arn(lid), "/invocations"]]}
        self.out.resources[method] = {"Type": "AWS::ApiGateway::Method", "Properties": {
            "RestApiId": {"Ref": REST_API}, "HttpMethod": _route(spec)[0], "Integration": {"Uri": uri}}}

    def http_api(self, lid: str, spec: Any, where: str, index: int) -> None:
        http = self.provider.get("httpApi")
        self.api(lid, HTTP_API, "HTTP", "provider.httpApi.id" if isinstance(http, dict) and http.get("id") else "")
        self.integration(lid, HTTP_API, f"{lid}HttpApi{index}Integration")

    def websocket(self, lid: str, spec: Any, where: str, index: int) -> None:
        self.api(lid, WEBSOCKET_API, "WEBSOCKET", "")
        self.integration(lid, WEBSOCKET_API, f"{lid}Websocket{index}Integration")

    def integration(self, lid: str, api_lid: str, name: str) -> None:
        self.out.resources[name] = {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {
            "ApiId": {"Ref": api_lid}, "IntegrationType": "AWS_PROXY", "IntegrationUri": _arn(lid)}}

    def s3(self, lid: str, spec: Any, where: str, index: int) -> None:
        spec = {"bucket": spec} if not isinstance(spec, dict) else spec
        bucket = spec.get("bucket")
        if not isinstance(bucket, str):
            self.out.unresolved.append(f"{where}.bucket: {_shown(bucket)} is not a bucket name; not wired")
            return
        target = self.named("AWS::S3::Bucket", "BucketName", bucket) or f"S3Bucket{normalize(bucket)}"
        event_name = spec.get("event") or "s3:ObjectCreated:*"
        # the file's own bucket gets the notification added to it, as the framework merges
        resource = self.user.get(target) or self.out.resources.get(target) or {
            "Type": "AWS::S3::Bucket", "Properties": {"BucketName": bucket}}
        props = resource.setdefault("Properties", {}) if isinstance(resource, dict) else None
        config = props.setdefault("NotificationConfiguration", {}) if isinstance(props, dict) else None
        lambdas = config.setdefault("LambdaConfigurations", []) if isinstance(config, dict) else None
        if not isinstance(lambdas, list):
            self.out.unresolved.append(f"{where}: the bucket {target}'s NotificationConfiguration is not readable; "
                                       "not wired")
            return
        lambdas.append({"Event": self.cfn(event_name, f"{where}.event"), "Function": _arn(lid)})
        if target not in self.user:
            self.out.resources[target] = resource
            self.out.hints[target] = bucket
        if spec.get("existing") is True:
            self.out.notes.append(msg("import.sls_existing_bucket", "{where}: bucket {bucket} exists already "
                                      "(existing: true; not created by this service); it is in the design so its "
                                      "uploads drive {function}", where=where, bucket=bucket, function=lid))

    def named(self, rtype: str, name_property: str, name: str) -> str | None:
        """The logical id of the file's resource of `rtype` whose name property is `name` (or is that logical id)."""
        own = self.user.get(name)
        if isinstance(own, dict) and own.get("Type") == rtype:
            return name
        for key, resource in self.user.items():
            props = resource.get("Properties") if isinstance(resource, dict) else None
            if isinstance(props, dict) and resource.get("Type") == rtype and props.get(name_property) == name:
                return key
        return None

    def source_arn(self, arn: Any, rtype: str, name_property: str, attribute: str) -> Any:
        """A literal ARN of a resource of this file (`arn:aws:sqs:...:name`) as its GetAtt, so it is wired."""
        if not isinstance(arn, str):
            return arn
        name = _arn_name(arn)
        key = self.named(rtype, name_property, name) if arn.startswith("arn:") else None
        return {"Fn::GetAtt": [key, attribute]} if key else arn

    def mapping(self, lid: str, spec: Any, where: str, index: int, arn: Any, kind: str) -> None:
        """An event source mapping with the event's batch settings (the framework's names → CloudFormation's)."""
        props: dict[str, Any] = {"FunctionName": _arn(lid), "EventSourceArn": self.cfn(arn, f"{where}.arn")}
        spec = spec if isinstance(spec, dict) else {}
        for name, prop in (("batchSize", "BatchSize"), ("maximumBatchingWindow", "MaximumBatchingWindowInSeconds"),
                           ("enabled", "Enabled")):
            if spec.get(name) is not None:
                props[prop] = self.cfn(spec[name], f"{where}.{name}")
        self.out.resources[f"{lid}EventSourceMapping{kind}{index}"] = {
            "Type": "AWS::Lambda::EventSourceMapping", "Properties": props}

    def sqs(self, lid: str, spec: Any, where: str, index: int) -> None:
        arn = spec.get("arn") if isinstance(spec, dict) else spec
        self.mapping(lid, spec, where, index, self.source_arn(arn, "AWS::SQS::Queue", "QueueName", "Arn"), "SQS")

    def stream(self, lid: str, spec: Any, where: str, index: int) -> None:
        arn = spec.get("arn") if isinstance(spec, dict) else spec
        stream_type = spec.get("type") if isinstance(spec, dict) else None
        if stream_type == "kinesis" or (isinstance(arn, str) and ":kinesis:" in arn):
            arn = self.source_arn(arn, "AWS::Kinesis::Stream", "Name", "Arn")
        else:
            arn = self.source_arn(arn, "AWS::DynamoDB::Table", "TableName", "StreamArn")
        self.mapping(lid, spec, where, index, arn, "Stream")

    def schedule(self, lid: str, spec: Any, where: str, index: int) -> None:
        spec = {"rate": spec} if not isinstance(spec, dict) else spec
        rates = spec.get("rate")
        enabled = spec.get("enabled", True)
        for j, rate in enumerate(rates if isinstance(rates, list) else [rates]):
            self.out.resources[f"{lid}EventsRuleSchedule{index}x{j}"] = {"Type": "AWS::Events::Rule", "Properties": {
                "ScheduleExpression": self.cfn(rate, f"{where}.rate"),
                "State": "DISABLED" if enabled is False else "ENABLED", "Targets": [{"Arn": _arn(lid)}]}}

    def event_bridge(self, lid: str, spec: Any, where: str, index: int) -> None:
        if isinstance(spec, dict) and spec.get("schedule") is not None:
            self.schedule(lid, {"rate": spec["schedule"], "enabled": spec.get("enabled", True)}, where, index)
        else:
            self.out.notes.append(f"{where}: eventBridge pattern events are not modelled; their invocations are "
                                  "not counted")

    def sns(self, lid: str, spec: Any, where: str, index: int) -> None:
        spec = ({"arn": spec} if isinstance(spec, str) and spec.startswith("arn:") else {"topicName": spec}) \
            if not isinstance(spec, dict) else spec
        topic_arn = spec.get("arn")
        if topic_arn is None:
            name = spec.get("topicName")
            if not isinstance(name, str):
                self.out.unresolved.append(f"{where}.topicName: {_shown(name)} is not a topic name; not wired")
                return
            key = self.named("AWS::SNS::Topic", "TopicName", name) or f"SNSTopic{normalize(name)}"
            if key not in self.user:
                self.out.resources.setdefault(key, {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": name}})
                self.out.hints[key] = name
            topic_arn = {"Ref": key}
        else:
            topic_arn = self.source_arn(topic_arn, "AWS::SNS::Topic", "TopicName", "TopicArn")
            if isinstance(topic_arn, dict) and "Fn::GetAtt" in topic_arn:
                topic_arn = {"Ref": topic_arn["Fn::GetAtt"][0]}
            # an ARN built with Fn::Join/Fn::Sub beside a topicName of the file's own topic names that topic
            named = self.named("AWS::SNS::Topic", "TopicName", spec["topicName"]) \
                if isinstance(spec.get("topicName"), str) else None
            if named and isinstance(topic_arn, dict) and "Ref" not in topic_arn:
                topic_arn = {"Ref": named}
        self.out.resources[f"{lid}SnsSubscription{index}"] = {"Type": "AWS::SNS::Subscription", "Properties": {
            "TopicArn": self.cfn(topic_arn, f"{where}.arn"), "Protocol": "lambda", "Endpoint": _arn(lid)}}

def _route(spec: Any) -> tuple[str, str]:
    """(method, path) of an http event: `GET users/{id}` or {method, path}."""
    if isinstance(spec, dict):
        return str(spec.get("method", "ANY")).upper(), str(spec.get("path", "/"))
    method, _, path = str(spec).partition(" ")
    return method.upper(), path or "/"


def _arn_name(arn: str) -> str:
    """The resource name in an ARN: `arn:aws:sqs:r:a:jobs` → jobs; a table stream's ARN → the table.

    >>> _arn_name("arn:aws:dynamodb:r:1:table/media/stream/2024-01-01T00:00:00.000"), _arn_name("arn:aws:sqs:r:1:q")
    ('media', 'q')
    """
    parts = arn.split(":", 5)
    resource = parts[5] if len(parts) == 6 else arn
    if resource.startswith(("table/", "stream/")):
        return resource.split("/")[1]
    return resource


def _shown(value: Any) -> str:
    """A short form of a value for the report."""
    text = value.text if isinstance(value, Unknown) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
