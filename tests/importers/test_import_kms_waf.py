"""Importing KMS keys, SSE-KMS use and AWS WAF web ACLs from SAM/CloudFormation and Terraform.

The SAM sample (tests/import_samples/waf_kms_sam.yaml) is the talk's API behind CloudFront with WAF: a web ACL
on the distribution (with a rate-based rule), another on the REST API through a WebACLAssociation, a
customer managed key encrypting the table (SSESpecification) and the bucket (BucketEncryption with a Bucket
Key), and a queue on the AWS managed key (alias/aws/sqs) with a one-hour data key reuse period.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from importers import import_path, import_text
from service import estimate_data

SAMPLE = Path(__file__).resolve().parents[1] / "import_samples" / "waf_kms_sam.yaml"


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


@pytest.fixture(scope="module")
def sam():
    return import_path(SAMPLE)


def test_a_sam_template_with_waf_web_acls_wires_them_to_what_they_protect(sam):
    comps = by_id(sam.design)
    assert comps["edge_acl"] == {"id": "edge_acl", "type": "waf", "protects": ["cdn"], "rules": 2,
                                 "rate_limit": 2000, "rate_window_s": 300}
    assert comps["api_acl"] == {"id": "api_acl", "type": "waf", "protects": ["api"], "rules": 1}
    assert comps["api"]["from"] == "cdn"


def test_sse_kms_uses_name_their_key(sam):
    comps = by_id(sam.design)
    assert comps["data_key"] == {"id": "data_key", "type": "kms", "keys": 1}
    assert (comps["uploads"]["kms_key"], comps["uploads"]["bucket_key"]) == ("data_key", True)
    assert comps["orders"]["kms_key"] == "data_key"
    assert comps["jobs"]["kms_key"] == "aws_managed_kms_key"
    assert comps["jobs"]["kms_data_key_reuse_s"] == 3600
    assert comps["aws_managed_kms_key"] == {"id": "aws_managed_kms_key", "type": "kms", "managed_by": "aws"}
    assert any("automatic rotation is on" in n for n in sam.report.notes)


def test_the_imported_design_prices_the_web_acls_and_keys(sam):
    """edge_acl: $5 + 2 rules $2 + the distribution's 1,000,000 requests × $0.60/M = $7.60;
    api_acl: $5 + $1 + the API's 200,000 requests (the 20 % cache misses) × $0.60/M = $6.12."""
    estimate = estimate_data(sam.design)
    cost: dict[str, float] = {}
    for item in estimate.line_items:
        cost[item.component] = cost.get(item.component, 0) + float(item.cost_usd)
    assert round(cost["edge_acl"], 2) == 7.60
    assert round(cost["api_acl"], 2) == 6.12
    assert round(cost["data_key"], 2) == 1.00  # the key; its 18,760 requests are inside the free 20,000


def test_a_web_acl_protecting_nothing_of_the_template_is_left_out_with_a_note():
    text = """
Resources:
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties: {Scope: REGIONAL, DefaultAction: {Allow: {}}, Rules: []}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: a.b, Code: {ZipFile: x}}
"""
    result = import_text(text, "t.yaml")
    assert "acl" not in by_id(result.design)
    assert any("associated with nothing of the template" in n for n in result.report.notes)


def test_a_key_outside_the_template_prices_its_requests_not_its_key_month():
    text = """
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties: {KmsMasterKeyId: "arn:aws:kms:us-east-1:111122223333:key/abcd"}
"""
    result = import_text(text, "t.yaml")
    comps = by_id(result.design)
    assert comps["jobs"]["kms_key"] == "external_kms_key"
    assert comps["external_kms_key"]["keys"] == 0


TERRAFORM = """
resource "aws_kms_key" "data" {
  enable_key_rotation = false
}
resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}
resource "aws_sqs_queue" "jobs" {
  kms_master_key_id                 = aws_kms_key.data.id
  kms_data_key_reuse_period_seconds = 600
}
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
}
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "prod"
}
resource "aws_wafv2_web_acl" "api" {
  name  = "api"
  scope = "REGIONAL"
  rule {
    name     = "per-ip"
    priority = 0
    statement {
      rate_based_statement {
        limit                 = 500
        evaluation_window_sec = 60
      }
    }
  }
  rule {
    name     = "common"
    priority = 1
  }
}
resource "aws_wafv2_web_acl_association" "api" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}
"""


def test_terraform_kms_and_waf_resources_are_read_and_wired():
    result = import_text(TERRAFORM, "main.tf")
    comps = by_id(result.design)
    assert comps["data"] == {"id": "data", "type": "kms", "keys": 1}
    assert (comps["uploads"]["kms_key"], comps["uploads"]["bucket_key"]) == ("data", True)
    assert (comps["jobs"]["kms_key"], comps["jobs"]["kms_data_key_reuse_s"]) == ("data", 600)
    assert comps["orders"]["kms_key"] == "data"
    waf = next(c for c in comps.values() if c["type"] == "waf")
    assert (waf["protects"], waf["rules"], waf["rate_limit"], waf["rate_window_s"]) == (["api"], 2, 500, 60)
    estimate_data(result.design)  # the design is valid and prices


def test_a_rate_based_rule_aws_would_refuse_is_reported_not_read():
    text = """
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties: {DistributionConfig: {Enabled: true, WebACLId: !GetAtt Acl.Arn}}
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: CLOUDFRONT
      DefaultAction: {Allow: {}}
      Rules:
        - Name: r
          Statement: {RateBasedStatement: {Limit: 5, EvaluationWindowSec: 45}}
"""
    result = import_text(text, "t.yaml")
    acl = by_id(result.design)["acl"]
    assert "rate_limit" not in acl and acl["protects"] == ["cdn"]
    assert any("not one AWS accepts" in line for line in result.report.unresolved)
