"""The engine's user-facing sentences as messages: a stable id, the English template and its params.

`msg("lambda.timeout.consequence", "{share:.4%} of invocations ...", share=0.01)` is a `Message`: a
`str` whose text is the English (`template.format(**params)`, numbers never in scientific notation:
`fill`), so the CLI, the JSON and every
existing string use (comparison, `in`, concatenation, `json.dumps`) see exactly the English they
saw before. The id and the params let the UI render the same message in another language
(`i18n.engine_ja.say`); the core never imports i18n.

A param may itself be a Message (a word such as "read", or a nested sentence); a renderer
renders it in the same language.

>>> m = msg("demo.greeting", "{n:,} items in {where}", n=1234, where="eu")
>>> m, m.id, m.params["n"]
('1,234 items in eu', 'demo.greeting', 1234)
>>> m == "1,234 items in eu" and str(m) == "1,234 items in eu" and type(str(m)) is str
True
"""

from __future__ import annotations

from string import Formatter
from types import MappingProxyType
from typing import Any, SupportsIndex

from models.units import plain


class _PlainFormatter(Formatter):
    """str.format, with every number through `units.plain` (no scientific notation)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        return plain(value, format_spec)


_FORMATTER = _PlainFormatter()


def fill(template: str, params: dict[str, Any]) -> str:
    """`template.format(**params)`, but numbers never in scientific notation: "{pct:.2g}%" of 100.0 is
    "100%", not "1e+02%". Every message, in every language, is filled by this.

    >>> fill("{pct:.2g}% of {n:,.6g}", {"pct": 100.0, "n": 3424657353.0})
    '100% of 3,424,660,000'
    """
    return _FORMATTER.vformat(template, (), params)


class Message(str):
    """An engine sentence: its English text (the str value), `id`, `template` and `params` (frozen)."""

    id: str
    template: str
    params: MappingProxyType[str, Any]

    def __new__(cls, id: str, template: str, params: dict[str, Any] | None = None) -> Message:
        params = dict(params or {})
        self = super().__new__(cls, fill(template, params))
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "params", MappingProxyType(params))
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Message is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Message is immutable")

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return str.__repr__(self)

    # copy, deepcopy (dataclasses.asdict) and pickle keep the id and params
    def __reduce__(self) -> tuple[type[Message], tuple[str, str, dict[str, Any]]]:
        return (Message, (self.id, self.template, dict(self.params)))

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[type[Message], tuple[str, str, dict[str, Any]]]:
        return self.__reduce__()


def msg(id: str, template: str, /, **params: Any) -> Message:
    """The message `id`: English `template` filled with `params` (str.format fields)."""
    return Message(id, template, params)


JOINED = "text.joined"  # the id of `joined`'s messages: a renderer joins the rendered parts its own way


def joined(parts: list[Message], sep: str) -> Message:
    """Several messages as one, `sep`-joined in English (the parts are the params p0, p1, ...).

    >>> joined([msg("a", "one"), msg("b", "two")], "; ")
    'one; two'
    """
    return Message(JOINED, sep.join(f"{{p{i}}}" for i in range(len(parts))), {f"p{i}": p for i, p in enumerate(parts)})
