"""The account read behind a limit, in the reader's language.

aws/facts.py names each limit read from an account by its read: "Service Quotas L-6E3AF000 (applied)" (the
account's value, with any increase granted), "Service Quotas L-6E3AF000 (AWS default)" (AWS's default for the
Region, used when the applied value could not be read) or the service's own call ("Lambda GetAccountSettings",
"Kinesis DescribeLimits": API names, the same in every language).
"""

from __future__ import annotations

import re

from i18n.catalog import t

_QUOTA = re.compile(r"Service Quotas (?P<code>L-[0-9A-F]{8}) \((?P<kind>applied|AWS default)\)")


def read_text(text: str, lang: str) -> str:
    """`text` in `lang`.

    >>> (read_text("Service Quotas L-6E3AF000 (applied)", "ja"),
    ...  read_text("Service Quotas L-9B653E91 (AWS default)", "ja"))
    ('Service Quotas L-6E3AF000（適用値）', 'Service Quotas L-9B653E91（AWS の既定値）')
    >>> read_text("Kinesis DescribeLimits", "ja"), read_text("Service Quotas L-6E3AF000 (applied)", "en")
    ('Kinesis DescribeLimits', 'Service Quotas L-6E3AF000 (applied)')
    """
    found = _QUOTA.fullmatch(str(text))
    if not found or lang == "en":
        return str(text)
    kind = "applied" if found["kind"] == "applied" else "default"
    return t(f"account.read.{kind}", lang, code=found["code"])
