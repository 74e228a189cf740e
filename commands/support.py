"""What every CLI command shares: the input error that exits 2, and reading a design argument.

Kept apart from cli.py so command modules can import it without importing cli.py a second time
(as `cli` beside `__main__`), which would make a second, uncaught InputError class.
"""

from __future__ import annotations

from pathlib import Path

from models.safe_text import MAX_FILE_BYTES  # the design files' limit, shared with the app and storage
from templates import template_keys, template_text


def one_line(message: object) -> str:
    """`message` on one printable line: line breaks, control and other unprintable characters (a key
    typed as "\\x1e", a bidi override) are written as escapes, so an error is always one line.

    >>> one_line("a\\nb\\x1ec é")
    'a\\\\nb\\\\x1ec é'
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(message))


class InputError(Exception):
    """A problem with what the user gave (file, option): exit code 2."""


def read_design(arg: str) -> str:
    """The text of a design file, or of a bundled template given by its key."""
    path = Path(arg)
    if not path.exists() and arg in template_keys():
        return template_text(arg)
    if path.is_dir():
        raise InputError(f"{arg}: is a folder; give a design file (YAML or JSON) in it, or a template: "
                         f"{', '.join(template_keys())}")
    if not path.is_file():
        raise InputError(f"{arg}: no such design file (or template: {', '.join(template_keys())})")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{arg}: {path.stat().st_size:,} bytes is too large for a design file "
                         f"(limit {MAX_FILE_BYTES:,})")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{arg}: not a UTF-8 text file") from None
