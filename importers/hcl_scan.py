"""A linear look at Terraform text before python-hcl2 parses it, so that no text costs the parser
unbounded time or recursion.

python-hcl2 (Lark) spends ~0.1 ms a token, recurses once per operator chained in one expression
(RecursionError past ~500 of them), and its heredoc rule takes quadratic time when a heredoc is
never closed (64 KB of blank lines: 16 s). `scan_hcl` walks the text once, with a small lexer
that knows strings, `${...}` interpolations, comments and heredocs, and refuses, each with one
line naming the file and line:
- more tokens than the import may still parse (MAX_HCL_TOKENS for all files of one import);
- brackets or interpolations nested more than MAX_NESTING deep;
- more than MAX_EXPRESSION_OPERATORS operators in one expression (`1 + 1 + ...`, `a ? b : c ? ...`);
- a number written with more than MAX_NUMBER_DIGITS digits;
- a heredoc that is never closed.
It also returns the text with trailing blanks removed from heredoc closing lines (`EOF␠␠`),
which Terraform accepts and python-hcl2 8.1 does not (amplify-education/python-hcl2#343).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from importers.common import MAX_EXPRESSION_OPERATORS, MAX_HCL_TOKENS, MAX_NESTING, TemplateError, at, at_line
from models.messages import msg
from models.safe_text import MAX_NUMBER_DIGITS

_CODE = re.compile(r"""
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<comment>\#[^\n]*|//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<heredoc><<-?(?P<marker>[A-Za-z][A-Za-z0-9._-]*)[ \t]*\r?\n)
  | (?P<quote>")
  | (?P<number>\d[\d.]*(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][\w-]*)
  | (?P<op>==|!=|<=|>=|&&|\|\||=>|\.\.\.|[-+*/%<>!?.])
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<sep>[,=])
  | (?P<other>.)
""", re.X | re.S)
_STRING = re.compile(r"""
    (?P<chars>(?:[^"\\$%\n]|\\.|\$\$\{|%%\{|\$(?!\{)|%(?!\{))+)
  | (?P<interp>[$%]\{)
  | (?P<end>")
  | (?P<nl>\n)
""", re.X | re.S)


@dataclass
class _Frame:
    """One level of code: the top level, a bracket, or an interpolation inside a string."""

    opener: str
    operators: int = 0


def scan_hcl(text: str, filename: str, tokens_left: int = MAX_HCL_TOKENS) -> tuple[str, int]:
    """(the text to parse, tokens counted); TemplateError naming the file and line for a text refused.

    >>> scan_hcl('a = "x-${var.y + 1}"  # note\\n', "main.tf")[1]
    14
    """
    scanner = _Scanner(text, filename)
    while scanner.position < len(text):
        counted = scanner.string_step() if scanner.in_string else scanner.code_step()
        if counted and scanner.tokens > tokens_left:
            raise TemplateError([at(filename, msg("import.tokens", "too complex to parse: more than {n:,} tokens "
                                                  "in the Terraform files of one import (split the configuration)",
                                                  n=MAX_HCL_TOKENS))])
    if scanner.fixes:
        kept, last = [], 0
        for start, end in scanner.fixes:
            kept.append(text[last:start])
            last = end
        text = "".join(kept) + text[last:]
    return text, scanner.tokens


class _Scanner:
    """The lexer's state: the open frames, whether inside a string, the position and the tokens counted."""

    def __init__(self, text: str, filename: str):
        self.text = text
        self.filename = filename
        self.frames = [_Frame("")]
        self.in_string = False
        self.position = 0
        self.tokens = 0
        self.fixes: list[tuple[int, int]] = []  # (start, end) of blanks to drop after heredoc closing markers

    def refuse(self, problem: str) -> TemplateError:
        """The error for a text refused at the current position."""
        line = self.text.count("\n", 0, self.position) + 1
        return TemplateError([at_line(self.filename, line, problem)])

    def string_step(self) -> bool:
        """One token inside a string; False where no token was counted."""
        match = _STRING.match(self.text, self.position)
        if match is None:  # a lone "$" or "%" before "{" handled above; anything else is one char
            self.position += 1
            return False
        kind = match.lastgroup
        self.tokens += 1
        if kind == "interp":
            self.frames.append(_Frame("${"))
            self.in_string = False
        elif kind in ("end", "nl"):  # a newline ends an (invalid) string; the parser will say so
            self.in_string = False
        self.position = match.end()
        return True

    def code_step(self) -> bool:
        """One token of code; False after blanks and heredocs (the token limit is checked at the next)."""
        match = _CODE.match(self.text, self.position)
        assert match is not None  # `other` matches any one character
        kind = match.lastgroup
        if kind == "ws":
            self.position = match.end()
            return False
        self.tokens += 1
        self._count_operator(kind, match.group())
        if kind == "number" and sum(ch.isdigit() for ch in match.group()) > MAX_NUMBER_DIGITS:
            raise self.refuse(msg("import.digits", "a number written with {digits:,} digits; numbers have at most "
                                  "{most}", digits=sum(ch.isdigit() for ch in match.group()), most=MAX_NUMBER_DIGITS))
        if kind == "quote":
            self.in_string = True
        elif kind == "open":
            self.frames.append(_Frame(match.group()))
            if len(self.frames) - 1 > MAX_NESTING:
                line = self.text.count("\n", 0, self.position) + 1
                raise TemplateError([at(self.filename, msg("import.nested_at_line", "nested more than {n} levels "
                                                           "deep (line {line})", n=MAX_NESTING, line=line))])
        elif kind == "close" and len(self.frames) > 1:
            closed = self.frames.pop()
            self.in_string = closed.opener == "${"
        elif kind == "heredoc":
            self.position = _heredoc_end(self.text, match, self.fixes, self.refuse)
            return False
        self.position = match.end()
        return True

    def _count_operator(self, kind: str | None, written: str) -> None:
        """Operators chained in the current expression (a newline or separator starts a new one)."""
        frame = self.frames[-1]
        if kind == "nl" and frame.opener in ("", "{"):
            frame.operators = 0
        elif kind == "sep":
            frame.operators = 0
        elif kind == "op" or (kind == "open" and written == "["):
            frame.operators += 1
            if frame.operators > MAX_EXPRESSION_OPERATORS:
                raise self.refuse(msg("import.operators", "an expression chains more than {n} operators; nested "
                                      "too deeply to parse (split it into locals)", n=MAX_EXPRESSION_OPERATORS))


def _heredoc_end(text: str, match: re.Match, fixes: list[tuple[int, int]],
                 refuse: Callable[[str], TemplateError]) -> int:
    """The position after a heredoc's closing line; its trailing blanks are noted in `fixes`."""
    marker = match.group("marker")
    closing = re.compile(r"^[ \t]*" + re.escape(marker) + r"(?P<blank>[ \t]*)\r?$", re.M)
    found = closing.search(text, match.end())
    if found is None:
        raise refuse(msg("import.heredoc", "the heredoc <<{marker} is never closed (no line holding just {marker})",
                         marker=marker))
    if found.group("blank"):
        fixes.append((found.start("blank"), found.end("blank")))
    return found.end()
