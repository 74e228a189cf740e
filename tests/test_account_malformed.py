"""Malformed snapshot files never crash `account show/diff/import` or `check --account`: one line
naming the file and the field, exit 2. Files that are odd but well formed still work. And nothing
is overwritten without --force."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from account_support import FIXTURES

import commands.main as cli
from aws import SnapshotError, load_snapshot, parse_snapshot

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


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(params=sorted(MALFORMED))
def malformed(request, tmp_path) -> tuple[Path, str]:
    text, expected = MALFORMED[request.param]
    path = tmp_path / f"{request.param}.json"
    path.write_text(text, encoding="utf-8")
    return path, expected


def test_a_malformed_snapshot_is_one_line_naming_the_file_and_field(malformed):
    path, expected = malformed
    with pytest.raises(SnapshotError) as caught:
        load_snapshot(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and expected in message, message
    assert "\n" not in message and len(message) < 400


@pytest.mark.parametrize("command", ["show", "diff", "import", "check"])
def test_no_command_crashes_on_a_malformed_snapshot(malformed, capsys, tmp_path, command):
    path, expected = malformed
    args = {"show": ["account", "show", "--account", str(path)],
            "diff": ["account", "diff", "photo_thumbnails", "--account", str(path)],
            "import": ["account", "import", "--account", str(path), "-o", str(tmp_path / "design.yaml")],
            "check": ["check", "photo_thumbnails", "--account", str(path)]}[command]
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {path}: ") and expected in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "design.yaml").exists()


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_odd_but_well_formed_snapshots_still_work(name, capsys, tmp_path):
    path = tmp_path / "snapshot.json"
    path.write_text(ACCEPTED[name], encoding="utf-8")
    assert run(capsys, "account", "show", "--account", str(path))[0] == 0
    assert run(capsys, "account", "diff", "photo_thumbnails", "--account", str(path))[0] == 0
    assert run(capsys, "account", "import", "--account", str(path))[0] == 0


def test_a_snapshot_as_uploaded_is_checked_the_same_way():
    with pytest.raises(SnapshotError, match=r"^upload\.json: malformed snapshot: .*memory_mb: expected a whole number"):
        parse_snapshot(mutated(FN + ("memory_mb",), "big").encode(), "upload.json")


def test_the_error_names_what_was_found():
    with pytest.raises(SnapshotError) as caught:
        parse_snapshot(mutated(FN + ("memory_mb",), "big"), "s.json")
    assert str(caught.value).endswith("got 'big' (a string)")
    assert caught.value.field == f"accounts[0].regions.{REGION}.lambda.functions.value[0].memory_mb"


# ---- nothing overwritten without asking ----------------------------------------------------------

def test_import_refuses_to_replace_a_file_without_force(capsys, tmp_path):
    out = tmp_path / "design.yaml"
    out.write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "account", "import", "--account", str(TOKYO), "-o", str(out))
    assert code == 2 and err == f"error: {out}: the file exists; pass --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "mine\n"
    code, _, err = run(capsys, "account", "import", "--account", str(TOKYO), "-o", str(out), "--force")
    assert code == 0 and "components" in out.read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_import_into_a_missing_folder_is_one_line(capsys, tmp_path):
    out = tmp_path / "nowhere" / "design.yaml"
    code, _, err = run(capsys, "account", "import", "--account", str(TOKYO), "-o", str(out))
    assert code == 2 and err == f"error: {out}: the folder {out.parent} does not exist\n"


def test_pull_refuses_an_existing_file_or_missing_folder_before_it_reads(capsys, tmp_path, monkeypatch):
    import commands.account as commands

    def no_pull(*args, **kwargs):
        raise AssertionError("the pull must not start")
    monkeypatch.setattr(commands, "pull", no_pull)
    existing = tmp_path / "snapshot.json"
    existing.write_text("{}", encoding="utf-8")
    code, _, err = run(capsys, "pull", "--region", "us-east-1", "-o", str(existing))
    assert code == 2 and err == f"error: {existing}: the file exists; pass --force to replace it\n"
    assert existing.read_text(encoding="utf-8") == "{}"
    missing = tmp_path / "no-such-folder" / "snapshot.json"
    code, _, err = run(capsys, "pull", "--region", "us-east-1", "-o", str(missing))
    assert code == 2 and err == f"error: {missing}: the folder {missing.parent} does not exist\n"
    code, _, err = run(capsys, "pull", "--region", "us-east-1", "-o", str(tmp_path))
    assert code == 2 and err == f"error: {tmp_path}: is a folder; give a file name\n"


@pytest.mark.parametrize("flag, value, message", [
    ("--deadline", "0", "--deadline 0: give seconds from 1 to 3600"),
    ("--deadline", "nan", "--deadline nan: give seconds from 1 to 3600"),
    ("--max-attempts", "0", "--max-attempts 0: give a whole number from 1 to 10"),
    ("--max-attempts", "99", "--max-attempts 99: give a whole number from 1 to 10"),
])
def test_pull_settings_out_of_range_are_one_line(capsys, flag, value, message):
    code, _, err = run(capsys, "pull", "--region", "us-east-1", flag, value)
    assert code == 2 and err == f"error: {message}\n"


def test_pull_with_force_replaces_the_file(capsys, tmp_path, monkeypatch):
    import commands.account as commands

    snapshot = load_snapshot(TOKYO)
    monkeypatch.setattr(commands, "pull", lambda *a, **k: snapshot)
    out = tmp_path / "snapshot.json"
    out.write_text("old", encoding="utf-8")
    code, _, err = run(capsys, "pull", "--region", REGION, "-o", str(out), "--force")
    assert code == 0 and json.loads(out.read_text(encoding="utf-8")) == snapshot
    assert "snapshot written to" in err


# ---- random damage: a seeded fuzz over every field of the snapshot ------------------------------

FUZZ_VALUES = (None, "x", "", -1, 0, 1.5, 1e300, 10**20, 2**63, [], {}, True, [None], {"value": None},
               {"error": None}, {"value": "x"}, {"value": []}, {"value": {}}, "rest", "provisioned")


def _every_path(node, prefix=()):
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _every_path(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _every_path(value, (*prefix, i))


def test_random_damage_anywhere_never_crashes_a_command(capsys, tmp_path):
    """80 snapshots with one or two fields replaced or removed at random (seeded): every command
    ends with exit 0, 1 (check found a failing limit) or 2 with one line — never an exception."""
    import random

    rng = random.Random(20261202)
    paths = list(_every_path(BASE))
    path = tmp_path / "damaged.json"
    for _ in range(80):
        data = copy.deepcopy(BASE)
        for where in rng.sample(paths, rng.choice((1, 2))):
            node = data
            try:
                for key in where[:-1]:
                    node = node[key]
                if isinstance(node, dict) and rng.random() < 0.2:
                    node.pop(where[-1], None)
                else:
                    node[where[-1]] = copy.deepcopy(rng.choice(FUZZ_VALUES))
            except (KeyError, IndexError, TypeError):
                pass  # an earlier change removed the path
        path.write_text(json.dumps(data), encoding="utf-8")
        for args in (["account", "show"], ["account", "diff", "photo_thumbnails"], ["account", "import"],
                     ["check", "photo_thumbnails"]):
            code, _, err = run(capsys, *args, "--account", str(path))
            assert code in (0, 1, 2), (args, code, err)
            assert code != 2 or len(err.strip().splitlines()) == 1, (args, err)
