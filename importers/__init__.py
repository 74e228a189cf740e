"""Import a design from infrastructure code: CloudFormation/SAM templates and Terraform `.tf` files.

    result = import_path(Path("template.yaml"), params={"Stage": "prod"})
    result.design        # a design mapping that models.design.schema.parse_design accepts
    result.report.lines()  # recognised, ignored, unresolved, assumptions, notes

`import_text` works on text already read (the app's upload); `import_path` reads a file or a
directory of `.tf` files. Every failure is a `TemplateError` (a `DesignError`) with one line per
problem. What each importer reads and assumes is documented in docs/import.md.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.build import build_design
from importers.cfn_nested import StackFiles
from importers.cloudformation import read_cloudformation
from importers.common import (
    MAX_DIRECTORY_BYTES,
    MAX_DIRECTORY_FILES,
    MAX_EVAL_DEPTH,
    MAX_TEMPLATE_BYTES,
    ImportReport,
    TemplateError,
    at,
    not_utf8,
    too_large,
    unexpected,
)
from importers.regions import kept_region
from importers.sls_import import is_serverless, read_serverless
from importers.template_text import load_template_text
from importers.terraform import read_terraform
from importers.tf_modules import ModuleFolders
from models.design.schema import COMMERCIAL_REGION, REGIONS, DesignError, parse_design
from models.messages import msg
from models.run.flow import monthly_events

DEFAULT_REGION = "us-east-1"
TERRAFORM_VARIABLE_FILES = ("terraform.tfvars",)


@dataclass(frozen=True)
class ImportResult:
    """A validated design mapping and the report of how it was made."""

    design: dict[str, Any]
    report: ImportReport


def import_text(text: str, filename: str, *, params: dict[str, str] | None = None,
                region: str | None = None, stage: str | None = None, env: dict[str, str] | None = None,
                source_format: str = "auto", stacks: StackFiles | None = None) -> ImportResult:
    """Import one template text: Terraform when `filename` ends in .tf, a serverless.yml when it looks like
    one (or `source_format` is "serverless"), else CloudFormation/SAM. `stage` and `env` are read by
    serverless.yml variables only (`${opt:stage}`, `${env:NAME}`); `stacks`: where a template's nested
    stacks' local templates are read (none without it)."""
    if filename.endswith(".tf"):
        return import_terraform({filename: text}, filename, params=params, region=region)
    _check_region(region)
    with _named(filename):
        template = load_template_text(text, filename)
    # ---- sls
    if source_format == "serverless" or (source_format == "auto" and is_serverless(template)):
        return _import_serverless(template, filename, params=params or {}, region=region, stage=stage,
                                  env=env or {})
    # ---- end sls
    report = ImportReport(filename)
    chosen = kept_region(region, report) if region else DEFAULT_REGION
    with _named(filename):
        found, name = read_cloudformation(template, params=params or {}, region=chosen, report=report, files=stacks)
        return _finish(build_design(found, name=name, region=chosen, report=report), report)


def stack_files(template: Path, root: Path | None = None) -> StackFiles:
    """Nested stacks' local templates beside `template`, never outside `root` (default: its folder),
    each read as an imported template is (size limit, regular files only)."""
    real_base = os.path.realpath(template.parent)
    real_root = os.path.realpath(root) if root is not None else real_base
    if os.path.commonpath([real_root, real_base]) != real_root:
        raise TemplateError([msg("import.module_root_outside", "--module-root {root}: it must hold the imported "
                                 "folder {base}", root=str(root), base=str(template.parent))])

    def read(path: str) -> dict:
        name = os.path.relpath(path, real_root)
        data = _read_limited(Path(path))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise not_utf8(name, data, err) from None
        with _named(name):
            return load_template_text(text, name)

    return StackFiles(real_root, real_base, read, os.path.realpath(template))


def import_terraform(files: dict[str, str], source: str, *, params: dict[str, str] | None = None,
                     region: str | None = None, tfvars: dict[str, str] | None = None,
                     skipped: list[str] | None = None, folders: ModuleFolders | None = None) -> ImportResult:
    """Import Terraform configuration: `.tf` texts by file name (the root module), `.tfvars` texts.

    `skipped` lists directory entries that were not read (report lines, shown as ignored);
    `folders` says where local modules are read from (none without it).
    """
    _check_region(region)
    report = ImportReport(source, "Terraform")
    report.ignored += skipped or []
    with _named(source):
        found, name, chosen = read_terraform(files, params=params or {}, tfvars=tfvars or {}, region=region,
                                             default_region=DEFAULT_REGION, report=report, folders=folders)
        return _finish(build_design(found, name=name, region=chosen, report=report), report)


def module_folders(base: Path, root: Path | None = None) -> ModuleFolders:
    """Local modules under `root` (default `base`, the root module's folder), each module folder read
    as a directory import is (at most MAX_DIRECTORY_FILES files and MAX_DIRECTORY_BYTES)."""
    real_base = os.path.realpath(base)
    real_root = os.path.realpath(root) if root is not None else real_base
    if os.path.commonpath([real_root, real_base]) != real_root:
        raise TemplateError([msg("import.module_root_outside", "--module-root {root}: it must hold the imported "
                                 "folder {base}", root=str(root), base=str(base))])

    def read(folder: str) -> tuple[dict[str, str], list[str]]:
        chosen, skipped = _terraform_files(Path(folder))
        tf_files = [p for p in chosen if p.suffix == ".tf"]
        texts = _read_all(tf_files, Path(folder))
        return {os.path.relpath(p, real_root): texts[p] for p in tf_files}, skipped

    return ModuleFolders(real_root, real_base, read)


def _import_serverless(config: dict, filename: str, *, params: dict[str, str], region: str | None,
                       stage: str | None, env: dict[str, str]) -> ImportResult:
    """A serverless.yml through importers.sls_import (variables, compiled events, merged resources)."""
    report = ImportReport(filename, "Serverless Framework")
    with _named(filename):
        found, name, chosen = read_serverless(config, params=params, stage=stage, region=region, env=env,
                                              default_region=DEFAULT_REGION, report=report)
        return _finish(build_design(found, name=name, region=chosen, report=report), report)


def import_path(path: Path, *, params: dict[str, str] | None = None, region: str | None = None,
                stage: str | None = None, env: dict[str, str] | None = None,
                source_format: str = "auto", module_root: Path | None = None) -> ImportResult:
    """Read and import a template file, a `.tf` file, or a directory of `.tf` files.

    Only regular files are read, each at most MAX_TEMPLATE_BYTES (read up to one byte more, never
    whole), a directory at most MAX_DIRECTORY_FILES files and MAX_DIRECTORY_BYTES in all. A named
    path that is a FIFO, device or socket is an error; in a directory, such entries and symlinks
    that lead outside it are skipped unopened (listed as ignored in the report). Terraform modules
    with local sources are read from the folder (a `.tf` file's folder), never outside `module_root`
    (default: that folder).
    """
    kind = _path_kind(path)
    if kind == "directory":
        chosen, skipped = _terraform_files(path)
        tf_files = [p for p in chosen if p.suffix == ".tf"]
        if not tf_files:
            why = f" (skipped: {'; '.join(skipped)})" if skipped else ""
            raise TemplateError([msg("import.no_tf_files", "{path}: no .tf files in this directory{why}",
                                     path=str(path), why=why)])
        texts = _read_all(chosen, path)
        var_files = [p for p in chosen if p not in tf_files]
        return import_terraform({p.name: texts[p] for p in tf_files}, path.name or str(path), params=params,
                                region=region, tfvars={p.name: texts[p] for p in var_files}, skipped=skipped,
                                folders=module_folders(path, module_root))
    if kind != "file":
        raise TemplateError([msg("import.not_a_file", "{path}: {kind}; give a template file, a .tf file or a directory "
                                 "of .tf files", path=str(path), kind=kind)])
    text = _read_all([path], None)[path]
    if path.name.endswith(".tf"):
        return import_terraform({path.name: text}, path.name, params=params, region=region,
                                folders=module_folders(path.parent, module_root))
    return import_text(text, path.name, params=params, region=region, stage=stage, env=env,
                       source_format=source_format, stacks=stack_files(path, module_root))


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    """"file", "directory", or what else a path is ("a FIFO (named pipe)", ...)."""
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _path_kind(path: Path) -> str:
    """What a named path is (symlinks followed: the user named it); errors as one line."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise TemplateError([msg("import.no_such_file", "{path}: no such file or directory", path=str(path))]) from None
    except OSError as err:
        raise TemplateError([msg("import.cannot_read", "{path}: cannot be read ({error})", path=str(path),
                                 error=err.strerror or type(err).__name__)]) from None
    kind = _kind(mode)
    return kind if kind in ("file", "directory") else f"not a regular file ({kind})"


def _terraform_files(directory: Path) -> tuple[list[Path], list[str]]:
    """(the `.tf` and variable files to read, in name order; report lines for the entries skipped)."""
    inside = os.path.realpath(directory)
    chosen: list[Path] = []
    skipped: list[str] = []
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as err:
        raise TemplateError([msg("import.cannot_read", "{path}: cannot be read ({error})", path=str(directory),
                                 error=err.strerror or type(err).__name__)]) from None
    for entry in entries:
        name = entry.name
        if not (name.endswith(".tf") or name in TERRAFORM_VARIABLE_FILES or name.endswith(".auto.tfvars")):
            continue
        try:
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.commonpath([inside, target]) != inside:
                    skipped.append(f"{name}: a symlink to outside the directory; not read")
                    continue
            kind = _kind(os.stat(entry.path).st_mode)
        except OSError as err:
            skipped.append(f"{name}: cannot be read ({err.strerror or type(err).__name__}); not read")
            continue
        if kind != "file":
            skipped.append(f"{name}: not a regular file ({kind}); not read")
            continue
        chosen.append(Path(entry.path))
    if len(chosen) > MAX_DIRECTORY_FILES:
        raise TemplateError([msg("import.too_many_files", "{directory}: {n:,} Terraform files is too many to import "
                                 "(limit {limit} per directory)",
                                 directory=str(directory), n=len(chosen), limit=MAX_DIRECTORY_FILES)])
    return chosen, skipped


def _read_all(paths: list[Path], directory: Path | None) -> dict[Path, str]:
    """The UTF-8 texts of regular files, each within the file limit and (for a directory) all within its limit."""
    texts: dict[Path, str] = {}
    total = 0
    for path in paths:
        data = _read_limited(path)
        total += len(data)
        if directory is not None and total > MAX_DIRECTORY_BYTES:
            raise TemplateError([msg("import.directory_too_large", "{directory}: the Terraform files hold more than "
                                     "{limit:,} bytes; too large to import (limit {limit:,} bytes per directory)",
                                     directory=str(directory), limit=MAX_DIRECTORY_BYTES)])
        try:
            texts[path] = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise not_utf8(str(path), data, err) from None
    return texts


def _read_limited(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_TEMPLATE_BYTES: opened without blocking (a FIFO swapped in
    after the check is refused by fstat, not waited on), and never read past the limit + 1 byte."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise TemplateError([msg("import.cannot_read", "{path}: cannot be read ({error})", path=str(path),
                                 error=err.strerror or type(err).__name__)]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError([msg("import.not_regular", "{path}: not a regular file ({kind}); give a template file",
                                     path=str(path), kind=_kind(info.st_mode))])
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise too_large(str(path), info.st_size)
        chunks, size = [], 0
        while size <= MAX_TEMPLATE_BYTES:
            chunk = os.read(fd, MAX_TEMPLATE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise TemplateError([msg("import.cannot_read", "{path}: cannot be read ({error})", path=str(path),
                                 error=err.strerror or type(err).__name__)]) from None
    finally:
        os.close(fd)
    if size > MAX_TEMPLATE_BYTES:  # the file grew after fstat
        raise too_large(str(path), size)
    return b"".join(chunks)


@contextmanager
def _named(source: str) -> Iterator[None]:
    """Prefix the file name to a TemplateError's lines that do not name it yet.

    A value chain too deep to evaluate, or a shape no reader expected, is also one line (exit 2 in
    the CLI, a message in the app), never a traceback.
    """
    try:
        yield
    except TemplateError as err:
        raise TemplateError([p if p.startswith(source) else at(source, p) for p in err.problems]) from None
    except RecursionError:
        raise TemplateError([at(source, msg("import.eval_recursion", "nested too deeply to evaluate (values that "
                                            "refer to each other, or expressions inside expressions, more than {n} "
                                            "levels deep)", n=MAX_EVAL_DEPTH))]) from None
    except MemoryError:
        raise TemplateError([at(source, msg("import.eval_memory", "too complex to evaluate: it needs more memory "
                                            "than this import may use"))]) from None
    except DesignError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as err:
        raise unexpected(source, err) from None


def _check_region(region: str | None) -> None:
    """A commercial Region code (or None for the default): a bundled one, or any other, whose estimates need
    the catalog `cli.py prices refresh --region R` builds (they say so)."""
    if region is not None and region not in REGIONS and not COMMERCIAL_REGION.match(region):
        raise TemplateError([msg("import.region_code", "region {region!r} is not an AWS commercial Region code; "
                                 "bundled catalogs: {allowed}; any other commercial Region (e.g. eu-west-1) after "
                                 "`python cli.py prices refresh --region R`", region=region,
                                 allowed=", ".join(REGIONS))])


def _finish(design: dict[str, Any], report: ImportReport) -> ImportResult:
    """Validate the design once (schema, graph and the volumes along its `calls` chain, as any
    estimate does), so an import never hands on a design the planner rejects."""
    try:
        monthly_events(parse_design(design))
    except DesignError as err:
        raise TemplateError([_at_property(p, design, report) for p in err.problems]) from None
    return ImportResult(design, report)


_COMPONENT_FIELD = re.compile(r"^components\[(\d+)\](?: \([^)]*\))?\.([a-z_0-9]+)$")


def _at_property(problem: str, design: dict[str, Any], report: ImportReport) -> str:
    """A design problem named by the template property it came from, with the value as the template gives it
    ("Resources.F.Properties.MemorySize: 99999999999999999999999 cannot be imported: components[0] (f).memory_mb:
    … is out of range; must be ≤ 10,240"), when one property of that resource gave the refused value; else the
    design's own words."""
    params = getattr(problem, "params", {})
    found = _COMPONENT_FIELD.match(str(params.get("path", "")))
    if found:
        index, name = int(found.group(1)), found.group(2)
        components = design.get("components") or []
        if index < len(components) and index < len(report.component_keys) and name in components[index]:
            key, value = report.component_keys[index], components[index][name]
            heads = (f"{key}.", f"Resources.{key}.")
            paths = {(path, raw) for path, raw, converted in report.values_read
                     if path.startswith(heads) and converted == value and type(converted) is type(value)}
            if len(paths) == 1:
                [(path, raw)] = paths
                written = str(raw)
                return msg("import.property_invalid", "{where}: {written} cannot be imported: {problem}", where=path,
                           written=written if len(written) <= 60 else written[:57] + "...", problem=problem)
    return msg("import.design_invalid", "the imported design is not valid: {problem}", problem=problem)
