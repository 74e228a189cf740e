"""Route 53 and SES: one `route53` component for a template's hosted zones and records, one `ses` component
for its outbound email (a configuration set, identity or template), driven by the one function allowed to
send (`ses:Send*` in its policies, or a SAM SES policy template).

Route 53 (https://aws.amazon.com/route53/pricing/): hosted zones monthly, queries per million; "Alias
queries to AWS resources are free", so a template whose records are all aliases gets queries_per_month 0,
any other record 1,000,000 queries a month (assumed, reported). A record with `Region` (CloudFormation) or
`latency_routing_policy` (Terraform) is latency routing. Health checks are not priced (reported).
SES receiving (receipt rules) is not modelled (reported).
"""

from __future__ import annotations

import json
from typing import Any

from importers.common import Component
from importers.context import ImportContext

ROUTE53_KEY, SES_KEY = "Route53", "Ses"
ASSUMED_QUERIES = 1_000_000
CFN_ZONES, CFN_RECORDS = ("AWS::Route53::HostedZone",), ("AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup")
CFN_SENDING = ("AWS::SES::ConfigurationSet", "AWS::SES::EmailIdentity", "AWS::SES::Template")
TF_ZONES, TF_RECORDS = ("aws_route53_zone",), ("aws_route53_record",)
TF_SENDING = ("aws_ses_configuration_set", "aws_sesv2_configuration_set", "aws_ses_email_identity",
              "aws_sesv2_email_identity", "aws_ses_domain_identity", "aws_ses_template")
SES_POLICY_HINTS = ("ses:Send", "SESCrudPolicy", "SESBulkTemplatedCrudPolicy", "SESEmailTemplateCrudPolicy")


def add_route53(ctx: ImportContext, zones: int, records: list[tuple[bool, bool]], origin: str) -> None:
    """The template's Route 53 as one component: zones, latency routing and queries (records: (alias, latency))."""
    if not zones and not records:
        return
    fields: dict[str, Any] = {"hosted_zones": zones}
    if any(latency for _, latency in records):
        fields["routing"] = "latency"
    aliases = [alias for alias, _ in records]
    if records and all(aliases):
        fields["queries_per_month"] = 0
        ctx.report.assumptions.append("route53: queries_per_month = 0 (every record is an alias to an AWS resource; "
                                      "alias queries are free)")
    else:
        fields["queries_per_month"] = ASSUMED_QUERIES
        ctx.report.assumptions.append(f"route53: queries_per_month = {ASSUMED_QUERIES:,} (DNS queries are not in a "
                                      "template)")
    ctx.found.add(Component(ROUTE53_KEY, "route53", origin, "route53", fields))


def add_ses(ctx: ImportContext, senders: list[str], origin: str, functions: dict[str, Any]) -> None:
    """One SES component, driven by the one function allowed to send email (else by the client requests)."""
    if not senders:
        return
    ctx.found.add(Component(SES_KEY, "ses", origin, "ses", {}))
    allowed = [key for key, props in functions.items()
               if any(hint in json.dumps(props, default=str) for hint in SES_POLICY_HINTS)]
    if len(allowed) == 1:
        comp = ctx.found.components[allowed[0]]
        comp.refs = comp.refs | frozenset({SES_KEY})


def cfn_dns_mail(ctx: ImportContext, active: list[tuple[str, str, dict]]) -> None:
    """Route 53 and SES components of a CloudFormation template."""
    zones = sum(1 for _, rtype, _ in active if rtype in CFN_ZONES)
    records: list[dict] = []
    for _, rtype, props in active:
        if rtype == "AWS::Route53::RecordSet":
            records.append(props)
        elif rtype == "AWS::Route53::RecordSetGroup":
            records += [r for r in props.get("RecordSets") or [] if isinstance(r, dict)]
    add_route53(ctx, zones, [("AliasTarget" in r, "Region" in r) for r in records],
                "AWS::Route53::HostedZone / RecordSet")
    add_ses(ctx, [lid for lid, rtype, _ in active if rtype in CFN_SENDING], "AWS::SES::*",
            {lid: props for lid, rtype, props in active if ctx.found.kind_of(lid) == "lambda"})


def tf_dns_mail(ctx: ImportContext, active: list[tuple[str, str, dict]]) -> None:
    """Route 53 and SES components of a Terraform configuration."""
    zones = sum(1 for rtype, _, _ in active if rtype in TF_ZONES)
    records = [("alias" in body, "latency_routing_policy" in body) for rtype, _, body in active if rtype in TF_RECORDS]
    add_route53(ctx, zones, records, "aws_route53_zone / aws_route53_record")
    add_ses(ctx, [f"{t}.{n}" for t, n, _ in active if t in TF_SENDING], "aws_ses_*",
            {f"{t}.{n}": body for t, n, body in active if ctx.found.kind_of(f"{t}.{n}") == "lambda"})


def cfn_route53_part(ctx: ImportContext, lid: str, props: dict) -> str:
    """A hosted zone or record: counted in the route53 component."""
    return "priced in the route53 component (hosted zones, routing, queries)"


def cfn_ses_part(ctx: ImportContext, lid: str, props: dict) -> str:
    """An SES configuration set, identity or template: the ses component (outbound email)."""
    return "priced in the ses component (outbound email)"


def cfn_ses_receiving(ctx: ImportContext, lid: str, props: dict) -> str:
    """SES receipt rules: receiving email is not modelled."""
    ctx.report.notes.append(f"Resources.{lid}: SES email receiving is not priced by the planner; its cost and the "
                            "invocations it causes are not in the estimate")
    return "SES receiving (not priced by the planner)"


def tf_route53_part(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    return cfn_route53_part(ctx, key, body)


def tf_ses_part(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    return cfn_ses_part(ctx, key, body)
