"""Import a design from infrastructure code: CloudFormation/SAM templates and Terraform `.tf` files.

    result = import_path(Path("template.yaml"), params={"Stage": "prod"})
    result.design        # a design mapping that planner.estimate_data accepts
    result.report.lines()  # recognised, ignored, unresolved, assumptions, notes

`import_text` works on text already read (the app's upload); `import_path` reads a file or a
directory of `.tf` files. Every failure is a `TemplateError` (a `DesignError`) with one line per
problem. What each importer reads and assumes is documented in docs/import.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.build import build_design
from importers.cloudformation import read_cloudformation
from importers.common import MAX_TEMPLATE_BYTES, ImportReport, TemplateError
from importers.template_text import load_template_text
from importers.terraform import read_terraform
from models.design import REGIONS, DesignError
from planner import estimate_data

DEFAULT_REGION = "us-east-1"
TERRAFORM_VARIABLE_FILES = ("terraform.tfvars",)


@dataclass(frozen=True)
class ImportResult:
    """A validated design mapping and the report of how it was made."""

    design: dict[str, Any]
    report: ImportReport


def import_text(text: str, filename: str, *, params: dict[str, str] | None = None,
                region: str | None = None) -> ImportResult:
    """Import one template text: Terraform when `filename` ends in .tf, else CloudFormation/SAM."""
    if filename.endswith(".tf"):
        return import_terraform({filename: text}, filename, params=params, region=region)
    _check_region(region)
    template = load_template_text(text, filename)
    report = ImportReport(filename)
    chosen = region or DEFAULT_REGION
    with _named(filename):
        found, name = read_cloudformation(template, params=params or {}, region=chosen, report=report)
        return _finish(build_design(found, name=name, region=chosen, report=report), report)


def import_terraform(files: dict[str, str], source: str, *, params: dict[str, str] | None = None,
                     region: str | None = None, tfvars: dict[str, str] | None = None) -> ImportResult:
    """Import Terraform configuration: `.tf` texts by file name (one module), `.tfvars` texts."""
    _check_region(region)
    report = ImportReport(source, "Terraform")
    with _named(source):
        found, name, chosen = read_terraform(files, params=params or {}, tfvars=tfvars or {}, region=region,
                                             default_region=DEFAULT_REGION, report=report)
        return _finish(build_design(found, name=name, region=chosen, report=report), report)


def import_path(path: Path, *, params: dict[str, str] | None = None, region: str | None = None) -> ImportResult:
    """Read and import a template file, a `.tf` file, or a directory of `.tf` files."""
    if path.is_dir():
        tf_files = sorted(path.glob("*.tf"))
        if not tf_files:
            raise TemplateError([f"{path}: no .tf files in this directory"])
        var_files = [p for p in sorted(path.glob("*.tfvars")) if p.name in TERRAFORM_VARIABLE_FILES
                     or p.name.endswith(".auto.tfvars")]
        texts = _read_all([*tf_files, *var_files])
        return import_terraform({p.name: texts[p] for p in tf_files}, path.name or str(path), params=params,
                                region=region, tfvars={p.name: texts[p] for p in var_files})
    if not path.is_file():
        raise TemplateError([f"{path}: no such file or directory"])
    return import_text(_read_all([path])[path], path.name, params=params, region=region)


def _read_all(paths: list[Path]) -> dict[Path, str]:
    """The UTF-8 texts of files whose total size is within the template limit."""
    total_bytes = sum(p.stat().st_size for p in paths)
    if total_bytes > MAX_TEMPLATE_BYTES:
        raise TemplateError([f"{paths[0].parent if len(paths) > 1 else paths[0]}: {total_bytes:,} bytes is too "
                             f"large to import (limit {MAX_TEMPLATE_BYTES:,})"])
    texts = {}
    for path in paths:
        try:
            texts[path] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise TemplateError([f"{path}: not a UTF-8 text file"]) from None
    return texts


@contextmanager
def _named(source: str) -> Iterator[None]:
    """Prefix the file name to a TemplateError's lines that do not name it yet.

    A value chain too deep to evaluate, or a shape no reader expected, is also one line (exit 2 in
    the CLI, a message in the app), never a traceback.
    """
    try:
        yield
    except TemplateError as err:
        raise TemplateError([p if p.startswith(source) else f"{source}: {p}" for p in err.problems]) from None
    except RecursionError:
        raise TemplateError([f"{source}: values refer to each other too deeply to evaluate"]) from None
    except DesignError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as err:
        raise TemplateError([f"{source}: cannot be imported: unexpected {type(err).__name__} ({err}); "
                             "please report this template"]) from None


def _check_region(region: str | None) -> None:
    """A region the planner has prices for (or None for the default)."""
    if region is not None and region not in REGIONS:
        raise TemplateError([f"region {region!r} has no price catalog; allowed: {', '.join(REGIONS)}"])


def _finish(design: dict[str, Any], report: ImportReport) -> ImportResult:
    """Validate and price the design once, so an import never hands on a design the planner rejects."""
    try:
        estimate_data(design)
    except DesignError as err:
        raise TemplateError([f"the imported design is not valid: {p}" for p in err.problems]) from None
    return ImportResult(design, report)
