"""Readers on botocore's Stubber (answers validated against the service model), for what moto lacks;
the gap records; and the recorded fixtures checked against the installed botocore models."""

from __future__ import annotations

import boto3
import pytest
from account_support import FIXTURES, fixture, price_list_pages
from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError
from botocore.stub import Stubber
from botocore.validate import ParamValidator

from aws.errors import gap, redact
from aws.readers import lambda_functions, service_quotas
from aws.readers._common import ReadContext, attempt
from aws.session import Clients, PullSettings

REGION = "us-east-1"


def stubbed(service: str) -> tuple[object, Stubber]:
    made = boto3.client(service, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")  # noqa: S106
    return made, Stubber(made)


def context(clients: dict[str, object]) -> ReadContext:
    """A read context whose clients are the given (stubbed) ones."""
    return ReadContext(REGION, Clients(None, PullSettings(item_workers=1), lambda s, service, r, c: clients[service]),
                       PullSettings(item_workers=1))


def test_lambda_account_settings_from_a_model_checked_answer():
    lam, stub = stubbed("lambda")
    stub.add_response("get_account_settings", fixture("lambda_get_account_settings.json"))
    with stub:
        assert lambda_functions.account_settings(context({"lambda": lam})) == {
            "concurrent_executions": 10, "unreserved_concurrent_executions": 10}


def test_provisioned_concurrency_is_summed_over_aliases_and_pages():
    lam, stub = stubbed("lambda")
    config = fixture("lambda_list_provisioned_concurrency_configs.json")["ProvisionedConcurrencyConfigs"][0]
    stub.add_response("list_provisioned_concurrency_configs",
                      {"ProvisionedConcurrencyConfigs": [config], "NextMarker": "page2"}, {"FunctionName": "thumbnailer"})
    second = {**config, "FunctionArn": config["FunctionArn"].replace(":live", ":7"),
              "RequestedProvisionedConcurrentExecutions": 20, "AllocatedProvisionedConcurrentExecutions": 12,
              "Status": "IN_PROGRESS"}
    stub.add_response("list_provisioned_concurrency_configs", {"ProvisionedConcurrencyConfigs": [second]},
                      {"FunctionName": "thumbnailer", "Marker": "page2"})
    with stub:
        found = lambda_functions.provisioned_concurrency(context({"lambda": lam}), "thumbnailer")
    assert (found["requested"], found["allocated"]) == (25, 17)
    assert [(c["qualifier"], c["status"]) for c in found["configs"]] == [("live", "READY"), ("7", "IN_PROGRESS")]


def test_service_quotas_applied_and_default_each_with_their_own_gap():
    sq, stub = stubbed("service-quotas")
    applied, defaults = fixture("service_quotas_get_service_quota.json"), fixture(
        "service_quotas_list_aws_default_service_quotas.json")
    for service in ("apigateway", "dynamodb", "lambda"):  # the reader asks for defaults in sorted order
        stub.add_response("list_aws_default_service_quotas", defaults[service], {"ServiceCode": service})
    for q in service_quotas.quota_codes():
        if q["code"] == "L-F3CA5463":
            stub.add_client_error("get_service_quota", "NoSuchResourceException", "The request failed because the "
                                  "specified service does not exist.", 404, expected_params={"ServiceCode": "dynamodb",
                                                                                             "QuotaCode": q["code"]})
        else:
            stub.add_response("get_service_quota", applied[q["code"]], {"ServiceCode": q["service"], "QuotaCode": q["code"]})
    with stub:
        rows = {r["quota_code"]: r for r in service_quotas.quotas(context({"service-quotas": sq}))}
    assert rows["L-B99A9384"]["applied"] == {"value": 10.0} and rows["L-B99A9384"]["default"] == {"value": 1000.0}
    assert rows["L-B99A9384"]["limit"] == "lambda_concurrency"
    missing = rows["L-F3CA5463"]["applied"]["error"]
    assert (missing["code"], missing["kind"], missing["item"]) == ("NoSuchResourceException", "not_available", "L-F3CA5463")
    assert rows["L-F3CA5463"]["default"] == {"value": 27.0}


def test_an_expired_token_mid_read_is_a_credentials_gap():
    lam, stub = stubbed("lambda")
    stub.add_client_error("get_account_settings", "ExpiredTokenException", "The security token included in the "
                          "request is expired", 403)
    with stub:
        read = attempt(context({"lambda": lam}), "lambda", "GetAccountSettings",
                       lambda: lambda_functions.account_settings(context({"lambda": lam})))
    assert read["error"] | {"message": ""} == {"service": "lambda", "region": REGION, "operation": "GetAccountSettings",
                                               "code": "ExpiredTokenException", "kind": "credentials", "message": ""}


@pytest.mark.parametrize("error, code, kind", [
    (ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "ListTables"),
     "AccessDeniedException", "access_denied"),
    (ClientError({"Error": {"Code": "403", "Message": "<ErrorResponse><Error><Code>AccessDenied</Code><Message>User: "
                            "arn:aws:iam::123456789012:user/x denied</Message></Error></ErrorResponse>"},
                  "ResponseMetadata": {"HTTPStatusCode": 403}}, "ListTables"), "AccessDenied", "access_denied"),
    (ClientError({"Error": {"Code": "404", "Message": "<!doctype html><title>404 Not Found</title>"},
                  "ResponseMetadata": {"HTTPStatusCode": 404}}, "GetAccountSettings"), "404", "not_available"),
    (ClientError({"Error": {"Code": "Throttling", "Message": "Rate exceeded"}}, "GetAccount"), "Throttling", "throttled"),
    (EndpointConnectionError(endpoint_url="https://lambda.xx-nowhere-1.amazonaws.com/"),
     "EndpointConnectionError", "unreachable"),
    (NoCredentialsError(), "NoCredentials", "credentials"),
    (KeyError("FunctionName"), "ReaderError", "other"),
])
def test_every_failure_becomes_a_gap_of_the_right_kind(error, code, kind):
    record = gap("dynamodb", REGION, "ListTables", error)
    assert (record["code"], record["kind"]) == (code, kind)
    assert "123456789012" not in record["message"] and "<" not in record["message"]


def test_redact_hides_account_ids_and_access_keys_only():
    assert redact("arn:aws:iam::123456789012:role/x ASIAY34FZKBOKMUTVV7A 1234") == "arn:aws:iam::************:role/x ASIA… 1234"


@pytest.mark.parametrize("service, operation, body", [
    ("lambda", "GetAccountSettings", fixture("lambda_get_account_settings.json")),
    ("lambda", "ListProvisionedConcurrencyConfigs", fixture("lambda_list_provisioned_concurrency_configs.json")),
    *[("service-quotas", "GetServiceQuota", body) for body in fixture("service_quotas_get_service_quota.json").values()],
    *[("service-quotas", "ListAWSDefaultServiceQuotas", body)
      for body in fixture("service_quotas_list_aws_default_service_quotas.json").values()],
    *[("pricing", "GetProducts", page) for code in fixture("pricing_get_products_ap-northeast-1.json") for page in price_list_pages(code)],
], ids=lambda v: v if isinstance(v, str) else "")
def test_every_recorded_answer_matches_the_service_model(service, operation, body):
    model = stubbed(service)[0].meta.service_model
    report = ParamValidator().validate(body, model.operation_model(operation).output_shape)
    assert not report.has_errors(), report.generate_report()


def test_the_fixture_directory_documents_itself():
    assert (FIXTURES / "README.md").is_file()


@pytest.mark.parametrize("module", ["aws.errors", "aws.iam", "aws.naming", "aws.facts",
                                    "aws.readers.apigateway", "aws.price_list"])
def test_the_examples_in_the_docstrings_hold(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
