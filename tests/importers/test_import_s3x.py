"""Importing S3 lifecycle rules, Secrets Manager secrets, CloudWatch alarms and log groups from a SAM template
(tests/import_samples/secrets_alarms_lifecycle_sam.yaml) and a Terraform module
(tests/import_samples/terraform_lifecycle_secrets_alarms/), both shaped like real ones."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from importers import import_path, import_text
from service import estimate_data

SAMPLES = Path(__file__).resolve().parents[1] / "import_samples"


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


@pytest.fixture(scope="module")
def sam():
    return import_path(SAMPLES / "secrets_alarms_lifecycle_sam.yaml")


@pytest.fixture(scope="module")
def terraform():
    return import_path(SAMPLES / "terraform_lifecycle_secrets_alarms")


def test_sam_lifecycle_rule_becomes_the_buckets_lifecycle_in_order_of_age(sam):
    uploads = by_id(sam.design)["uploads"]
    # the template lists GLACIER at 90 before STANDARD_IA at 30; the design holds them by age
    assert uploads["lifecycle"] == [{"days": 30, "storage_class": "standard_ia"},
                                    {"days": 90, "storage_class": "glacier_flexible"}]
    assert uploads["expiration_days"] == 365
    notes = "\n".join(sam.report.notes)
    assert "1 more enabled lifecycle rule(s)" in notes and "give new_gb_per_month" in notes


def test_sam_alarms_become_one_component_counting_alarm_metrics(sam):
    alarms = by_id(sam.design)["alarms"]
    # Errors (1) + the error-rate math alarm reading 2 metrics + the anomaly detection alarm (3) = 6 standard;
    # the 10-second alarm is high resolution; one composite alarm
    assert alarms == {"id": "alarms", "type": "cloudwatch", "standard_alarm_metrics": 6,
                      "high_resolution_alarm_metrics": 1, "composite_alarms": 1}


def test_sam_secret_is_read_by_the_function_that_references_it(sam):
    secret = by_id(sam.design)["api_key_secret"]
    assert secret == {"id": "api_key_secret", "type": "secrets_manager", "from": "handler", "secrets": 2}


def test_a_functions_own_log_group_is_left_to_the_function_and_others_are_priced(sam):
    components = by_id(sam.design)
    assert "handler_log_group" not in components
    assert components["audit_log_group"] == {"id": "audit_log_group", "type": "cloudwatch", "log_retention_days": 90,
                                             "log_class": "infrequent_access"}
    # the function's own group carries its retention to the function (its logs are priced there)
    assert components["handler"]["log_retention_days"] == 14
    assert any(line.startswith("HandlerLogGroup (AWS::Logs::LogGroup): log group of Handler")
               for line in sam.report.recognised)


def test_the_imported_sam_design_prices(sam):
    by_component = estimate_data(sam.design).cost_by_component()
    # 2 secrets × 0.40, and 1,000,000 reads (one per invocation) × 0.05 / 10,000
    assert round(by_component["api_key_secret"], 2) == Decimal("5.80")
    # 6 standard alarm metrics all free (10 free); 1 high resolution 0.30 + 1 composite 0.50
    assert round(by_component["alarms"], 2) == Decimal("0.80")


def test_terraform_lifecycle_configuration_is_applied_to_its_bucket(terraform):
    logs = by_id(terraform.design)["logs"]
    assert logs["lifecycle"] == [{"days": 30, "storage_class": "standard_ia"},
                                 {"days": 60, "storage_class": "glacier_flexible"}]
    assert logs["expiration_days"] == 120
    assert "aws_s3_bucket_lifecycle_configuration.logs: lifecycle of aws_s3_bucket.logs" in terraform.report.recognised


def test_terraform_inline_lifecycle_rule_without_expiration_is_priced_after_a_year(terraform):
    legacy = by_id(terraform.design)["legacy"]
    assert legacy["lifecycle"] == [{"days": 0, "storage_class": "intelligent_tiering"}]
    assert legacy["history_days"] == 365
    assert any("never expire" in line for line in terraform.report.assumptions)


def test_terraform_secret_alarms_and_log_groups(terraform):
    components = by_id(terraform.design)
    assert components["db"] == {"id": "db", "type": "secrets_manager", "from": "api", "secrets": 2}
    assert components["alarms"]["standard_alarm_metrics"] == 4  # 1 + an anomaly detection alarm (3)
    assert components["app"]["log_retention_days"] == 365      # no retention_in_days: never expires
    assert "api_cloudwatch" not in components and "api_log_group" not in components
    assert components["api"]["log_retention_days"] == 14  # /aws/lambda/<the function>: its own group


def test_a_rule_s3_would_refuse_is_reported_and_left_out():
    template = """
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Transitions:
              - {StorageClass: STANDARD_IA, TransitionInDays: 7}
            ExpirationInDays: 30
"""
    result = import_text(template, "bad.yaml")
    assert "lifecycle" not in by_id(result.design)["b"]
    assert any("at least 30 days old" in note and "lifecycle left out" in note for note in result.report.notes)


def test_a_disabled_rule_is_not_read_and_a_glacier_ir_transition_is():
    template = """
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Status: Disabled
            ExpirationInDays: 10
          - Status: Enabled
            Transition: {StorageClass: GLACIER_IR, TransitionInDays: 45}
            ExpirationInDays: 400
"""
    bucket = by_id(import_text(template, "t.yaml").design)["b"]
    assert bucket["lifecycle"] == [{"days": 45, "storage_class": "glacier_instant"}]
    assert bucket["expiration_days"] == 400
