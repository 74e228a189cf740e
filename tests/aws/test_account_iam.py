"""Least privilege: the shipped IAM policy is the generated one, read-only, and lists exactly the
actions a full pull makes (recorded from botocore's before-call events against moto)."""

from __future__ import annotations

import json
import threading

import pytest
from account_support import aws, factory_with, missing_in_moto, moto_url, populate  # noqa: F401 - fixtures

from aws import pull
from aws.iam import NO_PERMISSION_NEEDED, POLICY_FILE, iam_action, policy, policy_text
from aws.readers import READERS

READ_VERBS = ("Get", "List", "Describe")


def test_the_shipped_policy_file_is_the_generated_one():
    assert POLICY_FILE.read_text(encoding="utf-8") == policy_text(), (
        "aws/iam_policy.json is stale: regenerate it with  python cli.py account policy > aws/iam_policy.json")


def test_every_action_is_read_only():
    for statement in policy()["Statement"]:
        assert statement["Effect"] == "Allow"
        for action in statement["Action"]:
            verb = action.split(":", 1)[1]
            assert verb == "GET" or verb.startswith(READ_VERBS), action


def test_api_gateway_reads_are_limited_to_configuration_paths():
    gateway = next(s for s in policy()["Statement"] if s["Action"] == ["apigateway:GET"])
    assert all(r.startswith("arn:aws:apigateway:*::/") for r in gateway["Resource"])


@pytest.mark.usefixtures("aws")
def test_the_policy_lists_exactly_the_calls_a_full_pull_makes():
    populate()
    made: set[tuple[str, str]] = set()
    lock = threading.Lock()
    inner = factory_with(missing_in_moto())

    def recording(session, service, region, config):
        client = inner(session, service, region, config)

        def record(model, **_):
            with lock:
                made.add((service, model.name))
        client.meta.events.register("before-call.*.*", record)
        return client

    pull(regions=["us-east-1"], client_factory=recording)
    used = {iam_action(s, o) for s, o in made if (s, o) not in NO_PERMISSION_NEEDED}
    declared = {c.action for reader in READERS.values() for c in reader.CALLS}  # not the price refresh, reconcile, observe
    assert used == declared
    assert ("sts", "GetCallerIdentity") in made  # needs no permission, so it is not in the policy


def test_the_policy_is_valid_json_with_a_version():
    document = json.loads(POLICY_FILE.read_text(encoding="utf-8"))
    assert document["Version"] == "2012-10-17" and len(document["Statement"]) == 2
