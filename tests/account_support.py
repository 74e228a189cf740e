"""Test support for the account readers: a moto server on localhost, an account populated through
real boto3 clients, and model-checked answers for what moto lacks.

What moto 5.2 lacks (Lambda GetAccountSettings and provisioned concurrency, most Service Quotas,
all of the Price List) is answered from `tests/fixtures/aws/*.json`. For a pull against the moto
server these answers are injected at botocore's `before-send` hook — after the request is built,
signed and about to be sent — so botocore's own response parser, retry handler and paginators run
on them as they would on AWS's bytes. Unit tests use botocore's Stubber instead. Every fixture body
is validated against the installed service model (test_account_readers.py).
"""

from __future__ import annotations

import io
import json
import threading
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from moto.server import ThreadedMotoServer

from aws.session import default_client_factory

FIXTURES = Path(__file__).parent / "fixtures" / "aws"
ROLE = "arn:aws:iam::123456789012:role/lambda-role"


def fixture(name: str) -> Any:
    """A JSON fixture from tests/fixtures/aws (the `_comment` key removed)."""
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data.pop("_comment", None)
    return data


@pytest.fixture(scope="session")
def moto_url():
    """A moto server on 127.0.0.1 (a free port) for the whole test session."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws(moto_url, monkeypatch, tmp_path):
    """Fake credentials and the moto endpoint via the standard variables; no real AWS config is read.

    moto's state is reset first: every test starts with an empty account.
    """
    urllib.request.urlopen(urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST"))  # noqa: S310
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_REGION",
                 "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "SERVERLESS_PLANNER_ALLOW_PULL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_url)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return moto_url


def client(service: str, region: str = "us-east-1") -> Any:
    """A boto3 client for setting up the moto account (endpoint and keys from the environment)."""
    return boto3.client(service, region_name=region)


def zip_bytes() -> bytes:
    """A tiny deployment package."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return {'statusCode': 200}\n")
    return buffer.getvalue()


def populate(region: str = "us-east-1", tables: int = 2) -> dict[str, str]:
    """An account like the photo template: REST and HTTP APIs → functions → tables, a bucket, queues.

    Returns the ids of the APIs created.
    """
    iam = client("iam", region)
    if not iam.list_roles()["Roles"]:
        iam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
    lam = client("lambda", region)
    for name, memory, timeout, arch in (("thumbnailer", 1024, 30, "arm64"), ("api-handler", 256, 10, "x86_64")):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="handler.handler",
                            Code={"ZipFile": zip_bytes()}, MemorySize=memory, Timeout=timeout, Architectures=[arch])
    lam.put_function_concurrency(FunctionName="thumbnailer", ReservedConcurrentExecutions=5)
    uri = f"arn:aws:lambda:{region}:123456789012:function:api-handler"
    rest = _rest_api(region, uri)
    http = _http_api(region, uri)
    ddb = client("dynamodb", region)
    ddb.create_table(TableName="Photos", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    for i in range(tables - 1):
        ddb.create_table(TableName=f"orders-{i:03d}", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})
    scaling = client("application-autoscaling", region)
    scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/orders-000",
                                     ScalableDimension="dynamodb:table:ReadCapacityUnits", MinCapacity=5, MaxCapacity=100)
    scaling.put_scaling_policy(PolicyName="reads", ServiceNamespace="dynamodb", ResourceId="table/orders-000",
                               ScalableDimension="dynamodb:table:ReadCapacityUnits", PolicyType="TargetTrackingScaling",
                               TargetTrackingScalingPolicyConfiguration={"TargetValue": 70.0, "PredefinedMetricSpecification": {
                                   "PredefinedMetricType": "DynamoDBReadCapacityUtilization"}})
    s3 = client("s3", region)
    s3.create_bucket(Bucket="photo-uploads") if region == "us-east-1" else s3.create_bucket(
        Bucket="photo-uploads", CreateBucketConfiguration={"LocationConstraint": region})
    for i in range(3):
        s3.put_object(Bucket="photo-uploads", Key=f"p{i}.jpg", Body=b"x" * 100)
    sqs = client("sqs", region)
    sqs.create_queue(QueueName="resize-jobs", Attributes={"VisibilityTimeout": "180"})
    sqs.create_queue(QueueName="orders.fifo", Attributes={"FifoQueue": "true"})
    return {"rest": rest, "http": http}


def _rest_api(region: str, function_arn: str) -> str:
    """A REST API with one GET method (12 s integration timeout) and a throttled `prod` stage."""
    gw = client("apigateway", region)
    api = gw.create_rest_api(name="photos-rest", endpointConfiguration={"types": ["REGIONAL"]})["id"]
    root = gw.get_resources(restApiId=api)["items"][0]["id"]
    gw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    gw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="AWS_PROXY", integrationHttpMethod="POST",
                       uri=f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function_arn}/invocations",
                       timeoutInMillis=12000)
    gw.create_deployment(restApiId=api, stageName="prod")
    gw.update_stage(restApiId=api, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "100"},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "50"}])
    gw.create_usage_plan(name="partners", throttle={"burstLimit": 10, "rateLimit": 5.0},
                         quota={"limit": 10000, "period": "MONTH"}, apiStages=[{"apiId": api, "stage": "prod"}])
    return api


def _http_api(region: str, function_arn: str) -> str:
    """An HTTP API with a Lambda integration (15 s) and a throttled `$default` stage."""
    v2 = client("apigatewayv2", region)
    api = v2.create_api(Name="photos-http", ProtocolType="HTTP")["ApiId"]
    v2.create_integration(ApiId=api, IntegrationType="AWS_PROXY", IntegrationUri=function_arn,
                          PayloadFormatVersion="2.0", TimeoutInMillis=15000)
    v2.create_stage(ApiId=api, StageName="$default",
                    DefaultRouteSettings={"ThrottlingBurstLimit": 200, "ThrottlingRateLimit": 400.0})
    return api


# ---- answers injected at before-send -------------------------------------------------------------

class _Body:
    """The `raw` of an AWSResponse: a body that can be streamed once."""

    def __init__(self, body: bytes):
        self._body = body

    def stream(self, **_: Any):
        yield self._body


def response(status: int, body: bytes | str | dict, headers: dict[str, str] | None = None) -> AWSResponse:
    """An HTTP response as botocore's transport would return it."""
    if isinstance(body, dict):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode("utf-8")
    return AWSResponse("https://fake.amazonaws.com/", status, headers or {}, _Body(body))


def json_error(code: str, message: str, status: int = 400) -> AWSResponse:
    """An error answer of a JSON-protocol service (DynamoDB, SQS, Service Quotas, Pricing)."""
    return response(status, {"__type": code, "message": message},
                    {"x-amzn-RequestId": "req", "Content-Type": "application/x-amz-json-1.0"})


def rest_json_error(code: str, message: str, status: int) -> AWSResponse:
    """An error answer of a REST-JSON service (Lambda, API Gateway)."""
    return response(status, {"message": message, "Type": "User"}, {"x-amzn-ErrorType": code})


def query_error(code: str, message: str, status: int = 403) -> AWSResponse:
    """An error answer of a query-protocol service (STS)."""
    body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
            "<RequestId>req</RequestId></ErrorResponse>")
    return response(status, body, {"Content-Type": "text/xml"})


Handler = Callable[..., AWSResponse | None]


def factory_with(handlers: dict[tuple[str, str], Handler],
                 endpoints: dict[tuple[str, str], str] | None = None) -> Callable:
    """A client factory that answers some (service, operation) pairs itself — the others reach moto.

    `handlers` maps (boto3 service name, operation) → handler(request, region) returning an
    AWSResponse (or None to let the call through); `endpoints` maps (service, region) → an endpoint URL.
    """
    def factory(session, service, region, config):
        endpoint = (endpoints or {}).get((service, region))
        made = (session.client(service, region_name=region, config=config, endpoint_url=endpoint) if endpoint
                else default_client_factory(session, service, region, config))
        event_service = made.meta.service_model.service_id.hyphenize()
        for (svc, operation), handler in handlers.items():
            if svc == service:
                made.meta.events.register(f"before-send.{event_service}.{operation}",
                                          lambda request, _h=handler, _r=region, **kw: _h(request, _r))
        return made
    return factory


def counting(handler: Handler) -> tuple[Handler, list[int]]:
    """A handler wrapper that counts its calls (thread-safe)."""
    calls: list[int] = []
    lock = threading.Lock()

    def wrapped(request, region):
        with lock:
            calls.append(1)
        return handler(request, region)
    return wrapped, calls


def missing_in_moto() -> dict[tuple[str, str], Handler]:
    """Answers for the operations moto lacks, from the model-checked fixtures."""
    settings = fixture("lambda_get_account_settings.json")
    provisioned = fixture("lambda_list_provisioned_concurrency_configs.json")
    applied = fixture("service_quotas_get_service_quota.json")
    defaults = fixture("service_quotas_list_aws_default_service_quotas.json")

    def provisioned_configs(request, region):
        name = request.url.split("/functions/")[1].split("/")[0]
        return response(200, provisioned if name == "thumbnailer" else {"ProvisionedConcurrencyConfigs": []})

    def quota(request, region):
        return response(200, applied[json.loads(request.body)["QuotaCode"]])

    def default_quotas(request, region):
        return response(200, defaults[json.loads(request.body)["ServiceCode"]])

    return {("lambda", "GetAccountSettings"): lambda request, region: response(200, settings),
            ("lambda", "ListProvisionedConcurrencyConfigs"): provisioned_configs,
            ("service-quotas", "GetServiceQuota"): quota,
            ("service-quotas", "ListAWSDefaultServiceQuotas"): default_quotas}


def price_list_pages(service_code: str, region: str = "ap-northeast-1") -> list[dict]:
    """The recorded GetProducts pages of one service, with each PriceList item as a JSON string (as on the wire)."""
    pages = fixture(f"pricing_get_products_{region}.json")[service_code]
    return [{**page, "PriceList": [json.dumps(item) for item in page["PriceList"]]} for page in pages]


# ---- region
def recorded_price_list_client(region: str = "eu-west-1", codes=None, errors: dict[str, str] | None = None):
    """A Price List client (botocore Stubber) answering the recorded GetProducts pages of `region` for `codes`
    (default: every service recorded), request by request: parameters checked (NextToken on later pages), each
    page validated against botocore's model; a code in `errors` answers that error instead."""
    import boto3
    from botocore.stub import Stubber

    client = boto3.client("pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")  # noqa: S106
    stub = Stubber(client)
    for code in codes if codes is not None else fixture(f"pricing_get_products_{region}.json"):
        if code in (errors or {}):
            stub.add_client_error("get_products", errors[code], "denied", 400)
            continue
        token = None
        for page in price_list_pages(code, region):
            expected = {"ServiceCode": code, "FormatVersion": "aws_v1",
                        "Filters": [{"Type": "TERM_MATCH", "Field": "regionCode", "Value": region}]}
            if token:
                expected["NextToken"] = token
            stub.add_response("get_products", page, expected)
            token = page.get("NextToken")
    stub.activate()
    return client, stub
# ---- end region
