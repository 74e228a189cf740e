"""Malformed and odd-but-well-formed account snapshots, as text: the cases the account tests
(tests/aws/test_account_malformed.py) and the Account page's tests (tests/webapp/test_account_page.py) share."""

from __future__ import annotations

import copy
import json

from account_support import FIXTURES

TOKYO = FIXTURES / "snapshot_photos_tokyo.json"
REGION = "ap-northeast-1"
BASE = json.loads(TOKYO.read_text(encoding="utf-8"))
R = ("accounts", 0, "regions", REGION)  # the path of the region's sections
FN = (*R, "lambda", "functions", "value", 0)
TABLE = (*R, "dynamodb", "tables", "value", 0, "table", "value")
API = (*R, "apigatewayv2", "apis", "value", 0)
QUOTA = (*R, "service_quotas", "quotas", "value", 0)
DROP = object()


def mutated(path: tuple, value) -> str:
    """The Tokyo snapshot with the value at `path` replaced (DROP: the key removed), as JSON text."""
    data = copy.deepcopy(BASE)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is DROP:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return json.dumps(data)


def text_with(path: tuple, literal: str) -> str:
    """Like `mutated`, with a raw JSON literal (NaN, 1e400, a 5,000-digit number) at `path`."""
    return mutated(path, "@@LITERAL@@").replace('"@@LITERAL@@"', literal)


#: id → (file text, what the one-line error must name)
MALFORMED = {
    "json_list": ("[]", "not an account snapshot"),
    "json_string": ('"snapshot"', "not an account snapshot"),
    "json_null": ("null", "not an account snapshot"),
    "json_number": ("42", "not an account snapshot"),
    "empty_file": ("", "not a JSON snapshot"),
    "truncated": (TOKYO.read_text(encoding="utf-8")[:700], "not a JSON snapshot"),
    "deep_nesting": ('{"schema": ' + "[" * 100_000 + "]" * 100_000 + "}", "not a JSON snapshot"),
    "integer_5000_digits": (text_with(FN + ("memory_mb",), "9" * 5000), "not a JSON snapshot"),
    "wrong_schema": (mutated(("schema",), "something-else@1"), "expected schema"),
    "accounts_null": (mutated(("accounts",), None), "'accounts' list"),
    "accounts_empty": (mutated(("accounts",), []), "accounts: expected a list (at least 1"),
    "account_null": (mutated(("accounts", 0), None), "accounts[0]: expected an object"),
    "label_missing": (mutated(("accounts", 0, "label"), DROP), "accounts[0].label: expected a value"),
    "label_number": (mutated(("accounts", 0, "label"), 7), "accounts[0].label: expected text"),
    "regions_string": (mutated(("regions",), REGION), "regions: expected a list"),
    "regions_empty": (mutated(("regions",), []), "regions: expected a list (at least 1"),
    "account_regions_list": (mutated(("accounts", 0, "regions"), []), "accounts[0].regions: expected an object"),
    "section_list": (mutated((*R, "lambda"), []), f"accounts[0].regions.{REGION}.lambda: expected an object"),
    "read_without_value": (mutated((*R, "lambda", "functions"), {}), "lambda.functions: expected a read"),
    "functions_object": (mutated((*R, "lambda", "functions", "value"), {}), "lambda.functions.value: expected a list"),
    "function_null": (mutated(FN, None), "functions.value[0]: expected an object"),
    "function_name_missing": (mutated(FN + ("name",), DROP), "functions.value[0].name: expected a value"),
    "memory_text": (mutated(FN + ("memory_mb",), "big"), "functions.value[0].memory_mb: expected a whole number"),
    "memory_fraction": (mutated(FN + ("memory_mb",), 512.5), "memory_mb: expected a whole number"),
    "memory_1e400": (text_with(FN + ("memory_mb",), "1e400"), "memory_mb: expected a whole number"),
    "memory_nan": (text_with(FN + ("memory_mb",), "NaN"), "memory_mb: expected a whole number"),
    "memory_10e30": (mutated(FN + ("memory_mb",), 10**30), "memory_mb: expected a whole number (at most 1e+18)"),
    "reserved_not_a_read": (mutated(FN + ("reserved_concurrency",), 5), "reserved_concurrency: expected a read"),
    "concurrency_text": (mutated((*R, "lambda", "account_settings", "value", "concurrent_executions"), "10"),
                         "account_settings.value.concurrent_executions: expected a whole number"),
    "api_kind_unknown": (mutated(API + ("kind",), "grpc"), "apis.value[0].kind: expected one of 'rest', 'http'"),
    "stage_rate_text": (mutated(API + ("stages", "value", 0, "throttle_rps"), "fast"), "throttle_rps: expected a number"),
    "timeout_list": (mutated(API + ("integrations", "value", 0, "timeout_ms"), [1]), "timeout_ms: expected a number"),
    "billing_null": (mutated(TABLE + ("billing",), None), "table.value.billing: expected one of 'on_demand'"),
    "table_value_null": (mutated((*R, "dynamodb", "tables", "value", 0, "table"), {"value": None}),
                         "tables.value[0].table.value: expected an object"),
    "gsis_text": (mutated(TABLE + ("gsis",), "none"), "gsis: expected a list"),
    "bucket_storage_null": (mutated((*R, "s3", "buckets", "value", 0, "storage"), {"value": None}),
                            "buckets.value[0].storage.value: expected an object"),
    "queue_fifo_text": (mutated((*R, "sqs", "queues", "value", 0, "attributes", "value", "fifo"), "yes"),
                        "attributes.value.fifo: expected true or false"),
    "quota_applied_text": (mutated(QUOTA + ("applied",), {"value": "lots"}), "quotas.value[0].applied.value"),
    "quota_code_missing": (mutated(QUOTA + ("quota_code",), DROP), "quotas.value[0].quota_code: expected a value"),
    "gap_without_message": (mutated((*R, "lambda", "account_settings"), {"error": {
        "service": "lambda", "region": REGION, "operation": "GetAccountSettings", "code": "x", "kind": "other"}}),
        "account_settings.error.message: expected a value"),
    "account_error_text": (mutated(("accounts", 0, "error"), "boom"), "accounts[0].error: expected an object"),
    "gap_in_an_unknown_section": (mutated((*R, "future_service"), {"x": {"error": {"operation": "Get", "code": 1}}}),
                                  "future_service.x.error.service: expected a value"),
}

#: odd but well formed: must load, show, diff and import
ACCEPTED = {
    "taken_at_null": mutated(("taken_at",), None),
    "memory_null": mutated(FN + ("memory_mb",), None),
    "unknown_keys_and_section": mutated((*R, "future_service"), {"anything": [1, {"deep": True}]}),
    "sections_missing": mutated(("sections",), DROP),
    "read_is_a_gap": mutated((*R, "lambda", "functions"), {"error": {
        "service": "lambda", "region": REGION, "operation": "ListFunctions", "code": "AccessDenied",
        "kind": "access_denied", "message": "no"}}),
    "memory_integral_float": mutated(FN + ("memory_mb",), 1024.0),
}
