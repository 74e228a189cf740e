"""Amazon SES: outbound email per message and outgoing data per GB (https://aws.amazon.com/ses/pricing/)."""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import KB_PER_GB, ComponentUsage, Usage, dec, fmt
from models.design.schema import Ses


def usage(mail: Ses, emails: Decimal) -> ComponentUsage:
    """Monthly usage of sending `emails` emails."""
    usages = [Usage(mail.id, "ses.outbound_email", emails, f"{fmt(emails)} emails")]
    if mail.attachment_kb:
        gb = emails * dec(mail.attachment_kb) / KB_PER_GB
        usages.append(Usage(mail.id, "ses.outbound_data", gb, f"{fmt(emails)} emails × {fmt(mail.attachment_kb)} KB"))
    return ComponentUsage(tuple(usages))
