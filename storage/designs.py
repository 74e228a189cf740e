"""Saved designs: one YAML file per design in a folder on disk.

The folder is `~/.serverless-planner/designs`, or the one named by the environment variable
`SERVERLESS_PLANNER_DESIGNS`. Writes are atomic (a temporary file in the same folder, then an
atomic rename), and nothing is ever overwritten unless the caller says `overwrite=True` — the app
asks the user first. A design's name is its file name without `.yaml`.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.design_text import dump_design_text, load_design_data

ENV_VAR = "SERVERLESS_PLANNER_DESIGNS"
SUFFIX = ".yaml"
MAX_NAME_CHARS = 80
MAX_FILE_BYTES = 1_000_000
_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


class StorageError(Exception):
    """A saved-design operation that cannot be done; the message says why, for people.

    `code` and `values` let a UI say the same in another language (ui_text "storage_<code>")."""

    def __init__(self, message: str, code: str = "failed", **values):
        super().__init__(message)
        self.code = code
        self.values = {"message": message, **values}


class DesignExists(StorageError):
    """A saved design with this name exists already (the caller must ask before overwriting)."""


class DesignNotFound(StorageError):
    """No saved design has this name."""


def designs_folder() -> Path:
    """Where saved designs live: $SERVERLESS_PLANNER_DESIGNS, else ~/.serverless-planner/designs."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".serverless-planner" / "designs"


def check_name(name: str) -> str:
    """The name, trimmed, if it can be a file name; `StorageError` saying what to change otherwise.

    >>> check_name("  Photo app (v2)  ")
    'Photo app (v2)'
    """
    cleaned = (name or "").strip()
    if not cleaned:
        raise StorageError("give the design a name", "name_empty")
    if len(cleaned) > MAX_NAME_CHARS:
        raise StorageError(f"the name is {len(cleaned)} characters long; the limit is {MAX_NAME_CHARS}", "name_long",
                           length=len(cleaned), limit=MAX_NAME_CHARS)
    if cleaned.startswith("."):
        raise StorageError("the name cannot start with '.'", "name_dot")
    bad = sorted(set(_FORBIDDEN.findall(cleaned)))
    if bad:
        shown = " ".join(repr(c) for c in bad)
        raise StorageError(f"the name cannot contain {shown}; use letters, digits, spaces, '-', '_' or '()'",
                           "name_chars", chars=shown)
    return cleaned


@dataclass(frozen=True)
class SavedDesign:
    """One saved design file."""

    name: str
    path: Path
    modified: datetime
    size_bytes: int


class DesignStore:
    """The saved designs in one folder (created on first save)."""

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder is not None else designs_folder()

    def path(self, name: str) -> Path:
        return self.folder / f"{check_name(name)}{SUFFIX}"

    def list(self) -> list[SavedDesign]:
        """Saved designs, by name (an absent folder is an empty list)."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob(f"*{SUFFIX}"):
            if path.name.startswith(".") or not path.is_file():
                continue
            stat = path.stat()
            found.append(SavedDesign(path.stem, path, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
        return sorted(found, key=lambda d: d.name.casefold())

    def names(self) -> list[str]:
        return [d.name for d in self.list()]

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def load_text(self, name: str) -> str:
        path = self.path(name)
        if not path.is_file():
            raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found", name=name)
        if path.stat().st_size > MAX_FILE_BYTES:
            raise StorageError(f"{path.name}: {path.stat().st_size:,} bytes is too large (limit {MAX_FILE_BYTES:,})",
                               "too_large", name=path.stem)
        return path.read_text(encoding="utf-8", errors="replace")

    def load(self, name: str) -> dict:
        """The saved design mapping (`DesignError` if the file is not a design)."""
        return load_design_data(self.load_text(name))

    def save(self, name: str, data: dict, *, overwrite: bool = False) -> Path:
        """Write the design as YAML, atomically; `DesignExists` unless `overwrite` when the name is taken."""
        return self._write(self.path(name), dump_design_text(data), overwrite)

    def duplicate(self, name: str, new_name: str) -> Path:
        """A copy under a new name (never overwrites)."""
        return self._write(self.path(new_name), self.load_text(name), overwrite=False)

    def rename(self, name: str, new_name: str) -> Path:
        """Rename a saved design (never overwrites; renaming to the same name changes nothing)."""
        source, target = self.path(name), self.path(new_name)
        if not source.is_file():
            raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found", name=name)
        if source == target:
            return target
        if target.exists() and not _same_file(source, target):
            raise DesignExists(f"a saved design named {check_name(new_name)!r} exists already", "exists",
                               name=check_name(new_name))
        os.replace(source, target)
        return target

    def delete(self, name: str) -> None:
        path = self.path(name)
        if not path.is_file():
            raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found", name=name)
        path.unlink()

    def _write(self, target: Path, text: str, overwrite: bool) -> Path:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StorageError(f"cannot create the folder {self.folder}: {err.strerror or err}") from None
        if not overwrite and target.exists():
            raise DesignExists(f"a saved design named {target.stem!r} exists already", "exists", name=target.stem)
        fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            if overwrite:
                os.replace(temp, target)
            else:
                _link_without_overwrite(temp, target)
        except FileExistsError:
            raise DesignExists(f"a saved design named {target.stem!r} exists already", "exists", name=target.stem) from None
        except OSError as err:
            raise StorageError(f"cannot write {target}: {err.strerror or err}") from None
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        return target


def _link_without_overwrite(temp: str, target: Path) -> None:
    """Put the finished file in place only if the name is still free (a hard link fails atomically
    if it is taken); file systems without hard links fall back to check-then-rename."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(temp, target)


def _same_file(a: Path, b: Path) -> bool:
    """True when two paths are one file (a case-only rename on a case-insensitive disk)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
