"""Saved designs: one YAML file per design in a folder on disk.

The folder is `~/.serverless-planner/designs`, or the one named by the environment variable
`SERVERLESS_PLANNER_DESIGNS`. A design's name is its file name without `.yaml`.

What the store promises (each is tested in tests/storage/test_storage*.py):

- **Nothing is overwritten without asking.** A save refuses a taken name (`DesignExists`) unless
  the caller says `overwrite=True` — the app asks the user first. Names are compared the way people
  read them: "Photo", "PHOTO", "Ｐｈｏｔｏ" and a decomposed "é" vs a composed one are the *same*
  name (NFKC + case folding), so a look-alike name never sits next to, or silently replaces, another.
- **No lost update.** Every change (save, duplicate, rename, delete) runs under an exclusive lock
  on the folder (`.lock`, `flock`), and an overwrite can name the version it is replacing
  (`expected_version`, a SHA-256 of the file as it was opened or shown). If another tab, process or
  person saved in between, the overwrite is refused with `DesignChanged` and nothing is written:
  the caller still holds its design and can ask again.
- **A rename never replaces an existing design**: the new name is created with a hard link (which
  fails if the name exists) and only then is the old name removed.
- **Writes are atomic**: a temporary file in the same folder, fsync'd, then linked or renamed into
  place; a full disk, a read-only folder, a denied permission or a name too long for the file
  system is a `StorageError` with a one-line reason, and the old file is unchanged.
- **One bad file never breaks the rest**: `load` turns anything unreadable (invalid YAML, deep
  nesting, huge numbers, a list instead of a mapping, binary data, a file too large) into a
  `DesignError` naming the file and the reason; listing and deleting it still work.

Beside each design the store keeps what it knows about the file that is not the design itself: the bundled
template it started from (`save(..., template=)`, read back by `template(name)` and in `list()`), in
`.meta/<name>.json`. The design file and its schema stay as they are (a saved file is still a design file anyone
can open). The metadata follows its design through duplicate, rename and delete, under the same lock. It is a
label: a design without it (saved before it existed, or from an import, a file or a link) has none, an unreadable
one is none, and failing to write it never fails the save of the design.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import json
import os
import re
import tempfile
import threading
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models import safe_text
from models.design.schema import DesignError
from models.design.text import dump_design_text, load_design_data
from models.messages import msg

try:  # POSIX; elsewhere the in-process lock below still serialises the app's sessions
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

ENV_VAR = "SERVERLESS_PLANNER_DESIGNS"
SUFFIX = ".yaml"
LOCK_NAME = ".lock"
META_FOLDER = ".meta"  # hidden: list() reads only the folder's own *.yaml files
META_SUFFIX = ".json"  # as long as SUFFIX, so a name that fits a design file fits its metadata file
MAX_META_BYTES = 4_096
_TEMPLATE_ID = re.compile(r"[A-Za-z0-9_.-]{1,100}")
MAX_NAME_CHARS = 80
MAX_FILE_NAME_BYTES = 255  # the limit of ext4, APFS, NTFS (in their units) for one file name
MAX_NAME_BYTES = MAX_FILE_NAME_BYTES - len(SUFFIX.encode())
MAX_FILE_BYTES = safe_text.MAX_FILE_BYTES  # the design files' limit, shared with the CLI and the app
LOCK_TIMEOUT_S = 10.0
STALE_TEMP_S = 600  # a temporary file this old was left by a save that was killed
_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_THREAD_LOCKS: dict[str, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


class StorageError(Exception):
    """A saved-design operation that cannot be done; the message says why, for people.

    `code` and `values` let a UI say the same in another language (ui_text "storage_<code>")."""

    def __init__(self, message: str, code: str = "failed", **values):
        super().__init__(message)
        self.code = code
        self.values = {"message": message, **values}


class DesignExists(StorageError):
    """A saved design with this name (or one that reads the same) exists already; the caller must
    ask before overwriting. `values["name"]` is the existing design's name, `values["version"]` its
    version (pass it back as `expected_version` so the overwrite replaces exactly what was shown)."""


class DesignChanged(StorageError):
    """The saved design changed (or appeared) after the caller read it: the overwrite was refused
    and nothing was written. `values["version"]` is the version now on disk."""


class DesignNotFound(StorageError):
    """No saved design has this name."""


class FolderError(StorageError, OSError):
    """The designs folder cannot be read (also an OSError, for callers that catch those)."""


def designs_folder() -> Path:
    """Where saved designs live: $SERVERLESS_PLANNER_DESIGNS, else ~/.serverless-planner/designs."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".serverless-planner" / "designs"


def name_key(name: str) -> str:
    """What two names are compared by: NFKC, case-folded (so "Ａ" = "A" = "a", "é" = "e\u0301").

    >>> name_key("ＰＨＯＴＯ") == name_key("photo") == name_key("Photo")
    True
    """
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).strip()


def check_name(name: str) -> str:
    """The name, trimmed and in NFC, if it can be a file name; `StorageError` saying what to change otherwise.

    >>> check_name("  Photo app (v2)  ")
    'Photo app (v2)'
    """
    cleaned = unicodedata.normalize("NFC", str(name or "")).strip()
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
    size = len(cleaned.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        raise StorageError(f"the name is {size} bytes in UTF-8; a file name allows {MAX_NAME_BYTES} "
                           f"(most Japanese characters take 3 bytes, emoji 4)", "name_bytes",
                           bytes=size, limit=MAX_NAME_BYTES)
    return cleaned


def version_of(raw: bytes) -> str:
    """A saved file's version: the SHA-256 of its bytes."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class SavedDesign:
    """One saved design file."""

    name: str
    path: Path
    modified: datetime
    size_bytes: int
    template: str | None = None  # the bundled template it started from (None: an import, a file, a link, or older)


def _file_name_ok(name: str) -> bool:
    """Can `name` + ".yaml" be looked up in the folder as is (no separators, not hidden)?"""
    return bool(name) and not name.startswith(".") and not any(c in name for c in "/\\\x00")


class DesignStore:
    """The saved designs in one folder (created on first save)."""

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder is not None else designs_folder()

    # ---- reading -------------------------------------------------------------------------------

    def path(self, name: str) -> Path:
        """Where a design of this name is, or would be saved (an existing look-alike name wins)."""
        return self._find(name) or self.folder / f"{check_name(name)}{SUFFIX}"

    def list(self) -> list[SavedDesign]:
        """Saved designs, by name (an absent folder is an empty list; an unreadable one a `FolderError`).

        A file that cannot be parsed is still listed (`load` says why it does not open)."""
        found = []
        for path in self._files():
            try:
                stat = path.stat()
            except OSError:
                continue  # vanished (deleted in another tab) between listing and stat
            found.append(SavedDesign(path.stem, path, datetime.fromtimestamp(stat.st_mtime), stat.st_size,
                                     self._template_of(path.stem)))
        return sorted(found, key=lambda d: (name_key(d.name), d.name))

    def names(self) -> builtins.list[str]:
        return [d.name for d in self.list()]

    def exists(self, name: str) -> bool:
        return self._find(name) is not None

    def load_bytes(self, name: str) -> tuple[bytes, Path]:
        """The saved file's bytes and path (`DesignNotFound`, or `StorageError` when too large or unreadable)."""
        path = self._find(name)
        if path is None:
            raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found", name=name)
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found", name=name) from None
        except OSError as err:
            raise _os_error(err, "read", path.stem, self.folder) from None
        if len(raw) > MAX_FILE_BYTES:
            raise StorageError(f"{path.name}: more than {MAX_FILE_BYTES:,} bytes is too large for a design file",
                               "too_large", name=path.stem)
        return raw, path

    def load_text(self, name: str) -> str:
        raw, path = self.load_bytes(name)
        return _decode(raw, path.name)

    def load(self, name: str) -> dict:
        """The saved design mapping (`DesignError` naming the file and the reason if it is not a design)."""
        return self.load_versioned(name)[0]

    def load_versioned(self, name: str) -> tuple[dict, str]:
        """The saved design and its version (pass the version to `save(..., expected_version=)`)."""
        raw, path = self.load_bytes(name)
        return parse_saved(raw, path.name), version_of(raw)

    def version(self, name: str) -> str | None:
        """The version of the saved design of this name, None when there is none."""
        try:
            return version_of(self.load_bytes(name)[0])
        except DesignNotFound:
            return None

    def template(self, name: str) -> str | None:
        """The id of the bundled template the saved design started from; None when it did not start from one, was
        saved before the store kept it, or its metadata cannot be read."""
        path = self._find(name)
        return None if path is None else self._template_of(path.stem)

    # ---- changing ------------------------------------------------------------------------------

    def save(self, name: str, data: dict, *, overwrite: bool = False, expected_version: str | None = None,
             template: str | None = None) -> Path:
        """Write the design as YAML, atomically, and beside it `template`: the id of the bundled template it
        started from (None: it did not start from one; a replaced design's old template goes with it).

        A taken name (or a look-alike of one) is `DesignExists` unless `overwrite`; then the existing
        file is replaced in place (its name is kept). With `expected_version`, the replacement
        happens only if the file is still that version — otherwise `DesignChanged` and nothing is
        written."""
        if template is not None and not _TEMPLATE_ID.fullmatch(template):
            raise ValueError(f"not a template id: {template!r}")
        text = dump_design_text(data)
        cleaned = check_name(name)
        with self._locked():
            self._sweep_temps()
            existing = self._find(cleaned)
            if existing is None:
                saved = self._write_new(self.folder / f"{cleaned}{SUFFIX}", text.encode("utf-8"))
            else:
                current = self._version_at(existing)
                if not overwrite:
                    raise DesignExists(f"a saved design named {existing.stem!r} exists already", "exists",
                                       name=existing.stem, version=current)
                if expected_version is not None and current != expected_version:
                    raise _changed(existing, current)
                saved = self._replace(existing, text.encode("utf-8"))
            self._set_template(saved.stem, template)  # after the design: a failed save leaves the old label too
            return saved

    def duplicate(self, name: str, new_name: str) -> Path:
        """A byte-for-byte copy under a new name (never overwrites)."""
        cleaned = check_name(new_name)
        self._must_exist(name)
        with self._locked("duplicate"):
            raw, _ = self.load_bytes(name)
            taken = self._find(cleaned)
            if taken is not None:
                raise DesignExists(f"a saved design named {taken.stem!r} exists already", "exists", name=taken.stem)
            copied = self._write_new(self.folder / f"{cleaned}{SUFFIX}", raw)
            self._set_template(copied.stem, self.template(name))
            return copied

    def rename(self, name: str, new_name: str) -> Path:
        """Rename a saved design (never replaces another design; renaming to the same name, or to a
        different case/width of it, only changes the spelling)."""
        cleaned = check_name(new_name)
        self._must_exist(name)
        with self._locked("rename"):
            source = self._find(name)
            if source is None:
                raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found", name=name)
            target = self.folder / f"{cleaned}{SUFFIX}"
            if target.name == source.name:
                return source
            taken = self._find(cleaned)
            if taken is not None and taken.name != source.name:
                raise DesignExists(f"a saved design named {taken.stem!r} exists already", "exists", name=taken.stem)
            template = self._template_of(source.stem)
            try:
                _link_or_refuse(source, target)
                try:
                    source.unlink()
                except FileNotFoundError:
                    pass
            except FileExistsError:
                if _same_file(source, target):  # the same file under another spelling (case-insensitive disk)
                    try:
                        os.rename(source, target)
                    except OSError as err:
                        raise _os_error(err, "rename", source.stem, self.folder) from None
                    self._move_template(source.stem, target.stem, template)
                    return target
                raise DesignExists(f"a saved design named {cleaned!r} exists already", "exists", name=cleaned) from None
            except OSError as err:
                raise _os_error(err, "rename", source.stem, self.folder) from None
            self._move_template(source.stem, target.stem, template)
            return target

    def delete(self, name: str) -> None:
        self._must_exist(name)
        with self._locked("delete"):
            path = self._find(name)
            if path is None:
                raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found", name=name)
            try:
                path.unlink()
            except FileNotFoundError:
                raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found",
                                     name=name) from None
            except OSError as err:
                raise _os_error(err, "delete", path.stem, self.folder) from None
            self._set_template(path.stem, None)

    # ---- inside ----------------------------------------------------------------------------------

    def _must_exist(self, name: str) -> None:
        """`DesignNotFound` before taking the lock (which would create an absent folder)."""
        if self._find(name) is None:
            raise DesignNotFound(f"no saved design named {name!r} in {self.folder}", "not_found", name=name)

    def _sweep_temps(self) -> None:
        """Remove temporary files a killed save left behind (called under the lock, so none is in use;
        only ones older than STALE_TEMP_S, in case another program without the lock writes here)."""
        cutoff = time.time() - STALE_TEMP_S
        for folder in (self.folder, self.folder / META_FOLDER):
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                    try:
                        if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                            os.unlink(entry.path)
                    except OSError:
                        pass

    # ---- metadata: .meta/<file name's stem>.json ---------------------------------------------------

    def _meta_path(self, stem: str) -> Path:
        return self.folder / META_FOLDER / f"{stem}{META_SUFFIX}"

    def _template_of(self, stem: str) -> str | None:
        """The template recorded beside the design file `stem`; None for none or for anything unreadable."""
        try:
            with open(self._meta_path(stem), "rb") as handle:
                raw = handle.read(MAX_META_BYTES + 1)
            meta = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_META_BYTES else None
        except (OSError, ValueError, RecursionError):
            return None
        template = meta.get("template") if isinstance(meta, dict) else None
        return template if isinstance(template, str) and _TEMPLATE_ID.fullmatch(template) else None

    def _set_template(self, stem: str, template: str | None) -> None:
        """Record `template` beside the design file `stem` (None: remove the record), atomically and best effort:
        called under the lock after the design itself was written, whose save a failure here must not undo."""
        path = self._meta_path(stem)
        if template is None:
            _remove(str(path))
            return
        try:
            path.parent.mkdir(exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        except OSError:
            _remove(str(path))  # better no label than the label of the design this one replaced
            return
        try:
            try:
                _write_fully(fd, json.dumps({"template": template}).encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, path)
        except OSError:
            _remove(str(path))
        finally:
            _remove(temp)

    def _move_template(self, old_stem: str, new_stem: str, template: str | None) -> None:
        """A renamed design's record goes with it (removed first: on a case-insensitive disk both are one file)."""
        _remove(str(self._meta_path(old_stem)))
        self._set_template(new_stem, template)

    def _files(self) -> builtins.list[Path]:
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            raise FolderError(f"{self.folder} is a file, not a folder", "not_folder", folder=str(self.folder)) from None
        except OSError as err:
            raise FolderError(f"cannot read the folder {self.folder}: {err.strerror or err}", "folder_unreadable",
                              folder=str(self.folder), reason=err.strerror or str(err)) from None
        files = []
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.endswith(SUFFIX) or entry.name == SUFFIX:
                continue
            try:
                if entry.is_file():  # follows symlinks: a link to /dev/zero or a FIFO is skipped
                    files.append(Path(entry.path))
            except OSError:
                continue
        return files

    def _find(self, name: str) -> Path | None:
        """The existing file for `name`: the exact file name first, else one that reads the same."""
        text = str(name or "").strip()
        if not text:
            return None
        if _file_name_ok(text):
            exact = self.folder / f"{text}{SUFFIX}"
            try:
                if exact.is_file():
                    return exact
            except OSError:
                pass
        key = name_key(text)
        try:
            files = self._files()
        except FolderError:
            return None
        matches = sorted(p for p in files if name_key(p.stem) == key)
        return matches[0] if matches else None

    @staticmethod
    def _version_at(path: Path) -> str | None:
        try:
            return version_of(path.read_bytes())
        except OSError:
            return None

    @contextmanager
    def _locked(self, action: str = "save"):
        """Exclusive use of the folder for one change: a thread lock (this process) and `flock` on
        `.lock` (other processes); `StorageError` "busy" after LOCK_TIMEOUT_S."""
        self._make_folder()
        key = str(self.folder.resolve())
        with _THREAD_LOCKS_GUARD:
            thread_lock = _THREAD_LOCKS.setdefault(key, threading.Lock())
        if not thread_lock.acquire(timeout=LOCK_TIMEOUT_S):
            raise _busy(self.folder)
        try:
            if fcntl is None:  # pragma: no cover - Windows
                yield
                return
            try:
                fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as err:
                raise _os_error(err, action, "", self.folder) from None
            try:
                deadline = time.monotonic() + LOCK_TIMEOUT_S
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            raise _busy(self.folder) from None
                        time.sleep(0.01)
                    except OSError:
                        break  # a file system without locks (some network shares): the thread lock still holds
                yield
            finally:
                os.close(fd)  # releases the flock
        finally:
            thread_lock.release()

    def _make_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise _os_error(err, "create the folder", "", self.folder) from None
        if not self.folder.is_dir():
            raise FolderError(f"{self.folder} is a file, not a folder", "not_folder", folder=str(self.folder))

    def _write_temp(self, raw: bytes, target: Path) -> str:
        """The bytes in a fsync'd temporary file in the folder; its path (removed again on any error)."""
        try:
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        except OSError as err:
            raise _os_error(err, "save", target.stem, self.folder) from None
        try:
            try:
                _write_fully(fd, raw)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as err:
            _remove(temp)
            raise _os_error(err, "save", target.stem, self.folder) from None
        return temp

    def _write_new(self, target: Path, raw: bytes) -> Path:
        temp = self._write_temp(raw, target)
        try:
            _link_or_refuse(Path(temp), target)
        except FileExistsError:
            raise DesignExists(f"a saved design named {target.stem!r} exists already", "exists",
                               name=target.stem, version=self._version_at(target)) from None
        except OSError as err:
            raise _os_error(err, "save", target.stem, self.folder) from None
        finally:
            _remove(temp)
        return target

    def _replace(self, target: Path, raw: bytes) -> Path:
        temp = self._write_temp(raw, target)
        try:
            os.replace(temp, target)
        except OSError as err:
            raise _os_error(err, "save", target.stem, self.folder) from None
        finally:
            _remove(temp)
        return target


def parse_saved(raw: bytes, file_name: str) -> dict:
    """A saved file's bytes as a design mapping; `DesignError` with "<file>: <reason>" for anything
    that is not one (the parser's own failures included: nothing here may crash a page)."""
    text = _decode(raw, file_name)
    try:
        data = load_design_data(text)
    except DesignError as err:
        raise DesignError([_in_file(file_name, p) for p in err.problems]
                          or [_in_file(file_name, msg("saved.not_design", "not a design file"))]) from None
    except RecursionError:
        raise DesignError([_in_file(file_name, msg("saved.too_deep", "nested too deeply to read"))]) from None
    except ValueError as err:
        reason = (msg("saved.too_many_digits", "a number has more than 4,300 digits")
                  if "integer string conversion" in str(err)
                  else msg("saved.unreadable", "not a readable design file ({error})", error=str(err)))
        raise DesignError([_in_file(file_name, reason)]) from None
    except Exception as err:  # noqa: BLE001 - the boundary: any parser failure is a named, one-line reason
        raise DesignError([_in_file(file_name, msg("saved.unreadable", "not a readable design file ({error})",
                                                   error=type(err).__name__))]) from None
    bad_key = _non_text_key(data)
    if bad_key is not None:
        raise DesignError([_in_file(file_name, msg("saved.key_not_text", "the key {key!r} is not text; field names "
                                                   "are words such as name, workload, components", key=bad_key))])
    return data


def _decode(raw: bytes, file_name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problem = msg("saved.not_utf8", "not UTF-8 text (byte {offset:,} is 0x{byte:02x}); is it a binary file?",
                      offset=err.start, byte=raw[err.start])
        raise DesignError([_in_file(file_name, problem)]) from None


def _in_file(file_name: str, problem):
    """"<file>: <problem>"."""
    return msg("saved.problem", "{file}: {problem}", file=file_name, problem=problem)


def _non_text_key(value, depth: int = 0):
    if depth > 64:
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return key
            found = _non_text_key(item, depth + 1)
            if found is not None:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _non_text_key(item, depth + 1)
            if found is not None:
                return found
    return None


def _write_fully(fd: int, raw: bytes) -> None:
    """os.write until every byte is written (a short write is not an error; ENOSPC is)."""
    view = memoryview(raw)
    while view:
        written = os.write(fd, view[:1 << 16])
        view = view[written:]


def _link_or_refuse(source: Path, target: Path) -> None:
    """Give `source`'s file the name `target` only if that name is free: a hard link fails atomically
    when it is taken (FileExistsError). File systems without hard links fall back to
    check-then-rename, which the folder lock keeps safe against this app's other writers."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV, errno.ENOSYS):
            raise
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(source, target)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # a leftover hidden .tmp file is ignored by list()


def _same_file(a: Path, b: Path) -> bool:
    """True when two paths are one file (a case-only rename on a case-insensitive disk)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _changed(path: Path, current: str | None) -> DesignChanged:
    try:
        when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    except OSError:
        when = "?"
    return DesignChanged(f"{path.stem!r} was changed at {when} (another tab or program saved it) after you opened "
                         f"it; nothing was saved", "changed", name=path.stem, when=when, version=current)


def _busy(folder: Path) -> StorageError:
    return StorageError(f"another save in {folder} did not finish within {LOCK_TIMEOUT_S:g} s; nothing was changed, "
                        f"try again", "busy", folder=str(folder))


_CODES = {errno.ENOSPC: "no_space", errno.EROFS: "read_only", errno.EACCES: "denied", errno.EPERM: "denied",
          errno.ENAMETOOLONG: "name_bytes"}
if hasattr(errno, "EDQUOT"):
    _CODES[errno.EDQUOT] = "no_space"


def _os_error(err: OSError, action: str, name: str, folder: Path) -> StorageError:
    """An OSError as a one-line StorageError that says what did not happen and that nothing changed."""
    code = _CODES.get(err.errno or 0, "os_error")
    if code == "name_bytes" and not name:
        code = "os_error"  # the folder's own path is too long, not the design's name
    reason = {"no_space": "the disk is full", "read_only": "the folder is read-only",
              "denied": "permission denied", "name_bytes": "the name is too long for the file system"}.get(
        code, err.strerror or str(err))
    what = f"{action} {name!r}" if name else action
    message = f"cannot {what} in {folder}: {reason}; nothing was changed"
    values: dict[str, object] = {"name": name, "folder": str(folder), "reason": err.strerror or str(err),
                                 "action": action}
    if code == "name_bytes":
        size = len(name.encode("utf-8"))
        values.update(bytes=size, limit=MAX_NAME_BYTES)
    return StorageError(message, code, **values)
