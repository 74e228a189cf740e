"""A `.zip` of a folder → the same import as the folder on disk (the web's way to follow modules
and nested stacks, which a single uploaded file cannot).

Extraction is bounded and confined: at most MAX_ZIP_BYTES compressed, MAX_ZIP_ENTRIES entries,
each file read at most MAX_TEMPLATE_BYTES (the declared size is not trusted: reading stops one
byte past the limit), MAX_ZIP_TOTAL_BYTES extracted in all; only `.tf`, `.tfvars`, `.yaml`,
`.yml` and `.json` files are written (function code and the rest are skipped unread); an entry
with an absolute path, a `..` step, a drive letter, a symlink or encryption is refused. Files
go to a fresh temporary folder, removed afterwards.

What is imported: the shallowest folder holding `.tf` files (Terraform, its modules read inside
the zip), else the shallowest `template.yaml`/`template.yml` (SAM's name) or `serverless.yml`,
else the one YAML or JSON file at the shallowest level; when two candidates tie, the upload is
refused naming them.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from importers.common import MAX_TEMPLATE_BYTES, TemplateError
from importers.sls_import import looks_like_serverless
from models.messages import msg

MAX_ZIP_BYTES = 5_000_000
MAX_ZIP_ENTRIES = 500
MAX_ZIP_TOTAL_BYTES = 10_000_000
KEPT_SUFFIXES = (".tf", ".tfvars", ".yaml", ".yml", ".json")
SAM_NAMES = ("template.yaml", "template.yml", "serverless.yml", "serverless.yaml")


def import_zip(data: bytes, name: str, *, template_region: str | None = None, **options: Any) -> Any:
    """Import the folder in a zip (options as for importers.import_path; `template_region` prices a
    CloudFormation/SAM template, while Terraform names its own region); TemplateError for a zip refused."""
    from importers import import_path  # the package imports this module's callers, not the reverse

    if len(data) > MAX_ZIP_BYTES:
        raise TemplateError([msg("import.zip_too_large", "{name}: {size:,} bytes is too large for a .zip upload "
                                 "(limit {limit:,} bytes)", name=name, size=len(data), limit=MAX_ZIP_BYTES)])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TemplateError([msg("import.zip_bad", "{name}: not a valid .zip file", name=name)]) from None
    with archive, tempfile.TemporaryDirectory(prefix="planner-zip-") as temporary:
        # the folder is named like the upload, so that messages naming the imported folder name the zip
        folder = Path(temporary) / (re.sub(r"[^\w.-]+", "_", name[:-4] if is_zip(name) else name) or "upload")
        folder.mkdir()
        files = _extract(archive, folder, name)
        target = _choose(files, folder, name)
        options["module_root"] = folder
        # a serverless.yml names its own region (provider.region), as Terraform does
        if target.is_file() and template_region is not None and \
                not looks_like_serverless(target.read_text(encoding="utf-8", errors="replace")):
            options.setdefault("region", template_region)
        return import_path(target, **options)


def _extract(archive: zipfile.ZipFile, folder: Path, name: str) -> list[PurePosixPath]:
    """Write the kept files under `folder`; their paths inside the zip."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise TemplateError([msg("import.zip_entries", "{name}: {n:,} entries is too many for a .zip upload (limit "
                                 "{limit:,})", name=name, n=len(entries), limit=MAX_ZIP_ENTRIES)])
    kept: list[PurePosixPath] = []
    total = 0
    for entry in entries:
        path = _safe_path(entry, name)
        if entry.is_dir() or not path.name.endswith(KEPT_SUFFIXES):
            continue
        data = _read_entry(archive, entry, name)
        total += len(data)
        if total > MAX_ZIP_TOTAL_BYTES:
            raise TemplateError([msg("import.zip_total", "{name}: the files to import hold more than {limit:,} bytes "
                                     "once extracted", name=name, limit=MAX_ZIP_TOTAL_BYTES)])
        target = folder.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        kept.append(path)
    return kept


def _safe_path(entry: zipfile.ZipInfo, name: str) -> PurePosixPath:
    """An entry's relative path; refused when it could land outside the folder or is a link or encrypted."""
    raw = entry.filename.replace("\\", "/")
    path = PurePosixPath(raw)
    mode = entry.external_attr >> 16
    why = None
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":") or ".." in path.parts:
        why = msg("import.zip_why_outside", "a path outside the folder")
    elif stat.S_ISLNK(mode):
        why = msg("import.zip_why_link", "a symbolic link")
    elif entry.flag_bits & 0x1:
        why = msg("import.zip_why_encrypted", "encrypted")
    if why:
        raise TemplateError([msg("import.zip_entry", "{name}: entry {entry!r} is {why}; not extracted", name=name,
                                 entry=entry.filename[:120], why=why)])
    return path


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> bytes:
    """An entry's bytes, never more than MAX_TEMPLATE_BYTES + 1 read (a zip bomb stops there)."""
    too_large = TemplateError([msg("import.zip_file_large", "{name}: {entry} is larger than {limit:,} bytes",
                                   name=name, entry=entry.filename[:120], limit=MAX_TEMPLATE_BYTES)])
    if entry.file_size > MAX_TEMPLATE_BYTES:
        raise too_large
    try:
        with archive.open(entry) as stream:
            data = stream.read(MAX_TEMPLATE_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        raise TemplateError([msg("import.zip_bad_entry", "{name}: {entry} cannot be extracted", name=name,
                                 entry=entry.filename[:120])]) from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise too_large
    return data


def _choose(files: list[PurePosixPath], folder: Path, name: str) -> Path:
    """The folder or template to import (see the module docstring)."""
    terraform = sorted({p.parent for p in files if p.suffix == ".tf"}, key=lambda p: (len(p.parts), str(p)))
    if terraform:
        return folder.joinpath(*_one(terraform, name).parts)
    templates = [p for p in files if p.name in SAM_NAMES] or [p for p in files if p.suffix in (".yaml", ".yml",
                                                                                                ".json")]
    if not templates:
        raise TemplateError([msg("import.zip_nothing", "{name}: no .tf files and no YAML or JSON template in the "
                                 ".zip", name=name)])
    templates.sort(key=lambda p: (len(p.parts), str(p)))
    return folder.joinpath(*_one(templates, name).parts)


def _one(candidates: list[PurePosixPath], name: str) -> PurePosixPath:
    """The shallowest candidate; refused when two are equally shallow."""
    shallowest = [p for p in candidates if len(p.parts) == len(candidates[0].parts)]
    if len(shallowest) > 1:
        shown = ", ".join(str(p) or "." for p in shallowest[:4])
        raise TemplateError([msg("import.zip_ambiguous", "{name}: several candidates at the same level ({shown}); "
                                 "zip one folder or one template", name=name, shown=shown)])
    return shallowest[0]


def is_zip(name: str) -> bool:
    """Does an upload's name say it is a zip?"""
    return os.path.splitext(name)[1].lower() == ".zip"
