"""Issue 16's import criterion in one template: a SAM template with a state machine, EventBridge rules and a
WAF web ACL on its REST API is wired into one design, which then prices and checks."""

from __future__ import annotations

from pathlib import Path

from importers import import_path
from models.design.schema import parse_design
from service import check_data, estimate_data

SAMPLES = Path(__file__).resolve().parents[1] / "import_samples"

WEB_ACL = '''
  OrdersAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: {Allow: {}}
      VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: orders}
      Rules:
        - Name: per-ip
          Priority: 0
          Action: {Block: {}}
          Statement:
            RateBasedStatement: {Limit: 1000, AggregateKeyType: IP}
          VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: perip}
  OrdersAclAssociation:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      WebACLArn: !GetAtt OrdersAcl.Arn
      ResourceArn: !Sub "arn:aws:apigateway:${AWS::Region}::/restapis/${ServerlessRestApi}/stages/Prod"
'''


def test_a_state_machine_event_rules_and_a_web_acl_are_wired_into_one_design(tmp_path):
    template = tmp_path / "orders_waf.yaml"
    template.write_text((SAMPLES / "order_workflow_sam.yaml").read_text(encoding="utf-8") + WEB_ACL, encoding="utf-8")
    result = import_path(template)
    by_id = {c["id"]: c for c in result.design["components"]}
    # the API starts the Express workflow; its two Task states call the function; it publishes to the bus
    assert by_id["order_state_machine"]["type"] == "step_functions"
    assert by_id["order_state_machine"]["from"] == "serverless_rest_api"
    assert by_id["order_function"]["from"] == "order_state_machine" and by_id["order_function"]["calls"] == 2
    assert by_id["orders_bus"]["from"] == "order_state_machine"
    # the rules: the bus's pattern rule fans out to the queue (and another account), the default bus's to a machine
    assert by_id["fulfilment_queue"]["from"] == "orders_bus"
    assert by_id["orders_bus"]["cross_account_targets"] == 1
    assert by_id["audit_machine"]["from"] == "default_bus"
    # the web ACL protects the REST API, with its rate-based rule
    assert by_id["orders_acl"]["type"] == "waf" and by_id["orders_acl"]["protects"] == ["serverless_rest_api"]
    assert by_id["orders_acl"]["rate_limit"] == 1000
    assert result.report.unresolved == []
    design = parse_design(result.design)
    assert {c.type for c in design.components} >= {"step_functions", "eventbridge", "waf", "lambda", "api_gateway"}
    estimate = estimate_data(result.design)
    services = {line.price_id.split(".")[0] for line in estimate.line_items}
    assert {"sfn", "eventbridge", "waf"} <= services
    readiness = check_data(result.design)[0]
    assert {"waf.rate_rule", "stepfunctions.start_execution.express"} <= {c.id for c in readiness.checks}
