"""How faithfully the importer wires real templates: the share of the corpus's imported templates in which
every function is wired to its real event source and carries its real runtime.

    .venv/bin/python bench/import_fidelity.py [-v] [CORPUS_DIR]   (default: ../shared/import-corpus, see tests/corpus.py)

Independent of the importer: each template is read again here (a YAML loader that accepts any tag; a regex
over the Terraform blocks) for each function's runtime and its SAM event types. A function counts as wired
when its design `from` is a component of the type its SAM event names (Api/HttpApi → api_gateway, SQS → sqs,
S3 → s3, SNS → sns, DynamoDB → dynamodb, Kinesis → kinesis, EventBridgeRule/CloudWatchEvent → eventbridge), or — where the template wires it by other resources (event source
mappings, notifications, integrations, authorizers, subscriptions, Terraform) — when it has a `from` or a
schedule's invocations, or a function URL (HTTP clients, the client workload, are then its real source). A function with no modelled source (client-driven, or 0 invocations for an unmodelled source)
does not count. The runtime counts when the design's runtime is the family of the template's Runtime.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corpus import corpus_dir  # noqa: E402

from importers import import_path  # noqa: E402
from importers.common import TemplateError  # noqa: E402

FAMILIES = (("python", "python"), ("nodejs", "nodejs"), ("java", "java"), ("dotnet", "dotnet"), ("ruby", "ruby"),
            ("provided", "custom"), ("go", "custom"))
SAM_EVENT_TYPES = {"Api": "api_gateway", "HttpApi": "api_gateway", "SQS": "sqs", "S3": "s3", "SNS": "sns",
                   "DynamoDB": "dynamodb", "Kinesis": "kinesis", "EventBridgeRule": "eventbridge",
                   "CloudWatchEvent": "eventbridge"}
FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function")


class _AnyTag(yaml.SafeLoader):
    """A YAML loader that reads `!Ref x`, `!GetAtt a.b`, ... as their plain values."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode)
    else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node)))


def family(runtime: object, snap_start: bool = False) -> str | None:
    text = str(runtime).lower()
    found = next((f for prefix, f in FAMILIES if text.startswith(prefix)), None)
    return "java_snapstart" if found == "java" and snap_start else found


def cfn_functions(path: Path) -> dict[str, dict]:
    """logical id → {"runtime": family or None, "events": [design types of its SAM events]}."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTag)  # noqa: S506 - SafeLoader subclass
    globals_fn = ((data.get("Globals") or {}).get("Function") or {}) if isinstance(data, dict) else {}
    found = {}
    for lid, res in (data.get("Resources") or {}).items():
        if not isinstance(res, dict) or res.get("Type") not in FUNCTION_TYPES:
            continue
        props = {**(globals_fn if res["Type"] == FUNCTION_TYPES[0] else {}), **(res.get("Properties") or {})}
        snap = isinstance(props.get("SnapStart"), dict) and props["SnapStart"].get("ApplyOn") == "PublishedVersions"
        runtime = family(props["Runtime"], snap) if isinstance(props.get("Runtime"), str) else \
            "custom" if props.get("PackageType") == "Image" else None
        events = [SAM_EVENT_TYPES.get(e.get("Type")) for e in (props.get("Events") or {}).values()
                  if isinstance(e, dict)]
        found[str(lid)] = {"runtime": runtime, "events": events}
    return found


def tf_functions(directory: Path) -> dict[str, dict]:
    """aws_lambda_function.NAME → {"runtime": family or None, "events": []}."""
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(directory.glob("*.tf")))
    found = {}
    blocks = re.split(r'(?m)^(?=resource\s+")', text)
    for block in blocks:
        head = re.match(r'resource\s+"aws_lambda_function"\s+"([^"]+)"', block)
        if head:
            runtime = re.search(r'(?m)^\s*runtime\s*=\s*"([^"]+)"', block)
            snap = re.search(r'apply_on\s*=\s*"PublishedVersions"', block) is not None
            image = re.search(r'package_type\s*=\s*"Image"', block) is not None
            found[f"aws_lambda_function.{head.group(1)}"] = {
                "runtime": family(runtime.group(1), snap) if runtime else "custom" if image else None, "events": []}
    return found


def judge(item: Path) -> tuple[str, list[str]]:
    """("refused" | "faithful" | "unfaithful", reasons) for one template."""
    try:
        result = import_path(item)
    except TemplateError:
        return "refused", []
    try:
        declared = tf_functions(item) if item.is_dir() else cfn_functions(item)
    except (yaml.YAMLError, AttributeError, TypeError):
        return "refused", []
    keys = {}
    for line in result.report.recognised:
        match = re.match(r"(.+?) \(.*\) → (\S+) \(lambda\)$", line)
        if match:
            keys[match.group(2)] = match.group(1)
    types = {c["id"]: c["type"] for c in result.design["components"]}
    urls = {m.group(1) for line in result.report.recognised + result.report.notes
            for m in [re.search(r"function URL of (\S+): invoked by HTTP clients", line)] if m}
    reasons = []
    for comp in result.design["components"]:
        if comp["type"] != "lambda":
            continue
        truth = declared.get(keys.get(comp["id"], ""), {"runtime": None, "events": []})
        if truth["runtime"] is not None and comp.get("runtime", "python") != truth["runtime"]:
            reasons.append(f"{comp['id']}: runtime {comp.get('runtime', 'python')} (template: {truth['runtime']})")
        source = types.get(comp.get("from"))
        modelled = [e for e in truth["events"] if e]
        if modelled and source not in modelled:
            reasons.append(f"{comp['id']}: from {source or 'client'} (SAM events: {', '.join(modelled)})")
        elif not modelled and source is None and not comp.get("invocations_per_month") \
                and keys.get(comp["id"]) not in urls:  # a function URL: HTTP clients are its real source
            reasons.append(f"{comp['id']}: no modelled event source")
    return ("unfaithful" if reasons else "faithful"), reasons


def main(argv: list[str]) -> int:
    given = [a for a in argv[1:] if not a.startswith("-")]
    corpus = Path(given[0]) if given else corpus_dir()
    if corpus is None or not corpus.is_dir():
        print("no corpus: give its folder (see tests/corpus.py)")
        return 2
    items = sorted(p for folder in sorted(corpus.iterdir()) if folder.is_dir() for p in folder.iterdir())
    counts = {"refused": 0, "faithful": 0, "unfaithful": 0}
    verbose = "-v" in argv
    for item in items:
        verdict, reasons = judge(item)
        counts[verdict] += 1
        if verbose and reasons:
            print(f"{item.parent.name}/{item.name}: {'; '.join(reasons)}")
    imported = counts["faithful"] + counts["unfaithful"]
    share = counts["faithful"] / imported if imported else 0.0
    print(f"{len(items)} templates: {imported} imported, {counts['refused']} refused; every function wired to its "
          f"real event source and runtime in {counts['faithful']} of {imported} imported ({share:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
