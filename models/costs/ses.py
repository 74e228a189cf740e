"""Amazon SES: outbound email per message and outgoing data per GB (https://aws.amazon.com/ses/pricing/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed, gb_per_event
from models.costs.usage import ComponentUsage, fmt
from models.design.schema import Ses

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("outbound_email", "ses.outbound_email"),
    Component("outbound_data", "ses.outbound_data"),
)


def usage(mail: Ses, run: Run) -> ComponentUsage:
    """Monthly usage of sending the emails that reach `mail` in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), mail, run))


def outbound_email(mail: Ses, run: Run) -> Quantity:
    """Emails sent per month."""
    emails = run.events[mail.id]
    return Quantity(emails, f"{fmt(emails)} emails")


def outbound_data(mail: Ses, run: Run) -> Quantity | None:
    """GB of attachments sent per month."""
    return gb_per_event(run.events[mail.id], mail.attachment_kb, "emails")
