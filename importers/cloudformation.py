"""CloudFormation and SAM templates → `Found` (the components and wiring a design is built from).

Two passes over Resources: first every resource that becomes a component (so wiring can name
any of them, whatever the order), then the nested stacks whose templates are local files
(importers.cfn_nested), then the wiring. Parameters take their Default or a `--param` value;
resources whose Condition is false are skipped.
"""

from __future__ import annotations

from typing import Any

from importers.cfn_nested import STACK_TYPES, StackFiles, StackScope, file_reader, note_hidden_functions, prepare
from importers.cfn_resources import READERS
from importers.cfn_wiring import COMPONENT_WIRING, WIRING_RESOURCES
from importers.common import Found, ImportReport, TemplateError, Unresolved, refuse_unknown_params
from importers.context import ImportContext
from importers.dns_mail import cfn_dns_mail
from importers.intrinsics import Resolver, check_intrinsics
from importers.service_links import CFN_NAME_PROPERTIES, cfn_parameters, link_named_resources
from models.messages import msg

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function")
OWN_CODE = ("Events", "CodeUri", "Code", "InlineCode")  # a function's properties that name no resource it uses
#: resources with no charge of their own (permissions, policies, API plumbing)
NO_CHARGE = frozenset({
    "AWS::Lambda::Permission", "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion",
    "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile",
    "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Authorizer",
    "AWS::ApiGateway::Account", "AWS::ApiGateway::Model", "AWS::ApiGateway::RequestValidator",
    "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Deployment",
    "AWS::ApiGatewayV2::Authorizer", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy",
    "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::CloudFrontOriginAccessIdentity",
    "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolDomain", "AWS::Cognito::UserPoolGroup",
    "AWS::Lambda::EventInvokeConfig", "AWS::CloudFormation::WaitConditionHandle",
    # ---- s3x
    "AWS::SecretsManager::SecretTargetAttachment", "AWS::SecretsManager::ResourcePolicy",
    "AWS::SecretsManager::RotationSchedule",
    # ---- end s3x
})
# ---- wiring: more resources with no charge of their own (network plumbing, API keys and usage plans, policies)
NO_CHARGE = NO_CHARGE | frozenset({
    "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress", "AWS::EC2::RouteTable", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry",
    "AWS::EC2::SubnetNetworkAclAssociation", "AWS::ApiGateway::ApiKey", "AWS::ApiGateway::UsagePlan",
    "AWS::ApiGateway::UsagePlanKey", "AWS::ApiGateway::GatewayResponse", "AWS::ApiGateway::BasePathMapping",
    "AWS::ApiGatewayV2::RouteResponse", "AWS::ApiGatewayV2::IntegrationResponse", "AWS::ApiGatewayV2::ApiMapping",
    "AWS::Serverless::Connector", "AWS::Logs::SubscriptionFilter", "AWS::SQS::QueueInlinePolicy",
    "AWS::SNS::TopicInlinePolicy", "AWS::IAM::RolePolicy", "AWS::IAM::ServiceLinkedRole",
    "AWS::Cognito::UserPoolResourceServer", "AWS::CDK::Metadata", "AWS::CloudFormation::WaitCondition",
})
# ---- end wiring


def read_cloudformation(template: dict, *, params: dict[str, str], region: str,
                        report: ImportReport, unknown: dict[str, str] | None = None,
                        files: StackFiles | None = None) -> tuple[Found, str]:
    """The components and wiring of a template (and of its nested stacks whose templates are local
    files, when `files` says where they are), and a name for the design.

    `unknown`: parameter names a compiler put in the template for values it could not resolve, each
    with why (a `Ref` to one is reported as unresolved where it is read; importers/sls_import.py)."""
    resources = _resources(template, report.source)
    check_intrinsics(template)
    report.kind = "SAM" if _is_sam(template) else "CloudFormation"
    values, missing = parameter_values(template, params, report)
    missing.update(unknown or {})
    files = files or StackFiles(None, None, lambda path: {})
    scope = StackScope("", frozenset(resources), _section(template, "Outputs"), folder=files.base,
                       chain=(files.template,) if files.template else ())
    ctx = _read(template, resources, (values, missing), region, report, scope, files, (Found(), {}))
    return ctx.found, _name(ctx, template)


def _read(template: dict, resources: dict[str, dict], given: tuple[dict[str, Any], dict[str, str]], region: str,
          report: ImportReport, scope: StackScope, files: StackFiles,
          shared: tuple[Found, dict[str, str]]) -> ImportContext:
    """Read one template into `shared` (what was found, the alias map): its components, then its nested
    stacks', then its wiring. Keys are logical ids, prefixed in a nested stack (`Stack.Function`)."""
    values, missing = given
    resolver = Resolver(values, _section(template, "Conditions"), _section(template, "Mappings"),
                        frozenset(resources), region, missing)
    ctx = ImportContext(resolver, report, find_refs=scope.refs, found=shared[0], aliases=shared[1],
                        globals=_section(template, "Globals"), read_file=file_reader(scope.folder, files))
    prefix = scope.prefix
    active, skipped = _active(ctx, resources, prefix)
    note_hidden_functions(report, resources, skipped, prefix)
    nested = prepare(ctx, scope, active, files, report)
    before = set(ctx.found.components)
    for lid, rtype, props in active:
        if rtype in READERS and (comp := READERS[rtype](ctx, prefix + lid, rtype, props)) is not None:
            ctx.found.add(comp)  # None: added to another component (the template's alarms)
    _scope_refs(ctx, scope, active, set(ctx.found.components) - before)
    for child in nested:
        child_resources = _resources(child.template, f"{prefix}{child.lid}")
        check_intrinsics(child.template)
        _read(child.template, child_resources, (child.values, child.missing), region, report, child.scope, files,
              shared)
    ctx.aliases.update(_aliases(ctx, active, prefix))
    # ---- wiring: resources named through a parameter the function also uses
    link_named_resources(ctx, [(prefix + lid, props) for lid, _, props in active], CFN_NAME_PROPERTIES,
                         cfn_parameters(ctx))
    if not prefix:  # one route53 / ses component for the import: the root template's
        cfn_dns_mail(ctx, active)
    # ---- end wiring
    for lid, rtype, props in active:
        if rtype in COMPONENT_WIRING:
            COMPONENT_WIRING[rtype](ctx, prefix + lid, rtype, props)
        elif rtype in WIRING_RESOURCES:
            line = WIRING_RESOURCES[rtype](ctx, prefix + lid, props)
            if line:  # "": the resource is already listed as a component of its own
                report.recognised.append(f"{prefix}{lid} ({rtype}): {line}")
        elif rtype not in READERS and rtype not in STACK_TYPES:  # stacks: reported when followed or not
            report.ignored.append(_ignored(prefix + lid, rtype))
    return ctx


def _scope_refs(ctx: ImportContext, scope: StackScope, active: list[tuple[str, str, dict]], added: set[str]) -> None:
    """The references of the components a template added, as component keys: logical ids prefixed in a
    nested stack, parameters replaced by what the parent passed, `!GetAtt Stack.Outputs.X` by what X names."""
    props_by_key = {scope.prefix + lid: props for lid, _, props in active}
    for key in added:
        comp = ctx.found.components[key]
        if any(ref in scope.children for ref in comp.refs) and key in props_by_key:  # which output: read again
            comp.refs = frozenset(scope.refs({k: v for k, v in props_by_key[key].items() if k not in OWN_CODE}))
        else:
            comp.refs = frozenset(k for ref in comp.refs for k in scope.map(ref))


def _resources(template: dict, source: str) -> dict[str, dict]:
    """The Resources section, checked: each resource a mapping with a Type."""
    resources = template.get("Resources")
    if not isinstance(resources, dict) or not resources:
        hint = " (it looks like Terraform JSON, which is not supported; import the .tf files)" \
            if "resource" in template else ""
        raise TemplateError([msg("import.no_resources", "{source}: not a CloudFormation or SAM template: no Resources "
                                 "section{hint}", source=source, hint=hint)])
    for lid, resource in resources.items():
        if not isinstance(resource, dict) or not isinstance(resource.get("Type"), str):
            raise TemplateError([msg("import.no_type", "{source}: Resources.{lid}: a resource needs a Type",
                                     source=source, lid=lid)])
    return resources


def _section(template: dict, name: str) -> dict:
    """A top-level section as a mapping ({} if absent)."""
    value = template.get(name)
    if value is not None and not isinstance(value, dict):
        raise TemplateError([msg("import.expected_mapping", "{name}: expected a mapping", name=name)])
    return value or {}


def _is_sam(template: dict) -> bool:
    """Does the template use the SAM transform?"""
    transform = template.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    return SAM_TRANSFORM in names


def parameter_values(template: dict, params: dict[str, str],
                     report: ImportReport) -> tuple[dict[str, Any], dict[str, str]]:
    """(parameter → value, parameter → why it has none) from Defaults and `--param` values."""
    declared = _section(template, "Parameters")
    refuse_unknown_params(params, declared, "template", "parameter")
    values: dict[str, Any] = {}
    missing: dict[str, str] = {}
    for name, spec in declared.items():
        spec = spec if isinstance(spec, dict) else {}
        ptype = str(spec.get("Type", "String"))
        if name in params:
            values[name] = _given_parameter(name, params[name], spec, ptype)
            report.notes.append(f"parameter {name} = {params[name]} (from --param)")
        elif ptype.startswith("AWS::SSM::Parameter::Value"):
            missing[name] = (f"parameter {name} is read from SSM Parameter Store at deployment; "
                             f"give --param {name}=VALUE")
        elif "Default" in spec:
            values[name] = _typed(spec["Default"], ptype)
        else:
            missing[name] = f"parameter {name} has no Default; give --param {name}=VALUE"
    report.notes += [f"{why} (values that use it are listed as unresolved)" for why in missing.values()]
    return values, missing


def _given_parameter(name: str, text: str, spec: dict, ptype: str) -> Any:
    """A `--param` value, checked against AllowedValues and the parameter's type."""
    allowed = spec.get("AllowedValues")
    if isinstance(allowed, list) and text not in [str(a) for a in allowed]:
        raise TemplateError([msg("import.param_not_allowed", "--param {name}={text}: not allowed; allowed: {allowed}",
                                 name=name, text=text, allowed=", ".join(str(a) for a in allowed))])
    value = _typed(text, ptype)
    if ptype == "Number" and isinstance(value, str):
        raise TemplateError([msg("import.param_number", "--param {name}={text}: the parameter is a Number",
                                 name=name, text=text)])
    return value


def _typed(value: Any, ptype: str) -> Any:
    """A parameter value as its type: a number for Number, a list for list types, else text."""
    if ptype == "Number":
        try:
            number = float(value)
        except (TypeError, ValueError):
            return value
        return int(number) if number.is_integer() else number
    if ptype.startswith("List<") or ptype == "CommaDelimitedList":
        return value if isinstance(value, list) else [v.strip() for v in str(value).split(",")]
    return value


def _active(ctx: ImportContext, resources: dict[str, dict],
            prefix: str = "") -> tuple[list[tuple[str, str, dict]], dict[str, str]]:
    """(logical id, type, Properties) of the resources whose Condition holds or is unknown, and the
    logical ids skipped (→ their Condition)."""
    active = []
    skipped: dict[str, str] = {}
    for lid, resource in resources.items():
        condition = resource.get("Condition")
        if condition is not None:
            try:
                if not ctx.resolver.condition(condition):
                    ctx.report.notes.append(f"Resources.{prefix}{lid}: skipped, its Condition {condition} is false")
                    skipped[lid] = str(condition)
                    continue
            except Unresolved as why:
                ctx.report.unresolved.append(f"Resources.{prefix}{lid}.Condition: {why}; imported as if true")
        props = resource.get("Properties")
        active.append((lid, resource["Type"], props if isinstance(props, dict) else {}))
    return active, skipped


def _aliases(ctx: ImportContext, active: list[tuple[str, str, dict]], prefix: str = "") -> dict[str, str]:
    """Lambda alias and version keys → the function they point to."""
    aliases = {}
    for lid, rtype, props in active:
        if rtype in ("AWS::Lambda::Alias", "AWS::Lambda::Version"):
            functions = [k for k in ctx.find_refs(props.get("FunctionName")) if ctx.found.kind_of(k) == "lambda"]
            if len(functions) == 1:
                aliases[prefix + lid] = functions[0]
    return aliases


def _ignored(lid: str, rtype: str) -> str:
    """A report line for a resource the planner does not price."""
    if rtype in NO_CHARGE:
        return f"{lid} ({rtype}): no charge of its own"
    return f"{lid} ({rtype}): not priced by the planner; its cost is not in the estimate"


def _name(ctx: ImportContext, template: dict) -> str:
    """The design's name: the template's Description (first line), else the file name."""
    try:
        description = ctx.resolver.resolve(template.get("Description"))
    except Unresolved:
        description = None
    first = str(description).strip().splitlines()[0].strip() if description and str(description).strip() else ""
    return first[:120] or f"Imported from {ctx.report.source}"[:120]
