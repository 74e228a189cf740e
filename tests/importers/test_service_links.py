"""A REST API's direct (non-Lambda) integrations whose target is not in the imported template.

Step Functions, EventBridge, Kinesis and Firehose are modelled since issue 16, so the report must not
call them unmodelled: it says the target is outside this import and how to price it. AppConfig has no
component, and the report says so.
"""

from __future__ import annotations

from importers import import_text

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: ingest}
  Resource:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: records}
  PutRecord:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Resource
      HttpMethod: POST
      AuthorizationType: NONE
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:URI_SERVICE:action/ACTION"
"""


def _notes(service: str, action: str) -> list[str]:
    text = TEMPLATE.replace("URI_SERVICE", service).replace("ACTION", action)
    return import_text(text, "template.yaml").report.notes


def test_a_kinesis_integration_to_a_stream_made_elsewhere_is_named_as_outside_the_import():
    notes = [n for n in _notes("kinesis", "PutRecord") if "Kinesis" in n]
    assert notes == ["Resources.PutRecord.Properties.Integration: a direct Kinesis integration whose target is "
                     "not in this import; add the Kinesis component to the design to price it (its cost is not "
                     "in the estimate)"]
    assert not any("no Kinesis component" in n for n in notes)


def test_an_eventbridge_integration_is_not_called_unmodelled():
    notes = _notes("events", "PutEvents")
    assert any("direct EventBridge integration whose target is not in this import" in n for n in notes)
    assert not any("has no EventBridge component" in n for n in notes)


def test_an_appconfig_integration_has_no_component_and_the_report_says_so():
    notes = _notes("appconfig", "GetConfiguration")
    assert any("the planner has no AppConfig component" in n for n in notes)
