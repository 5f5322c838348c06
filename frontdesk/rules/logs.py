"""What a reception or phone log entry does to the customer's lead (FD-1, FD-2).

- A new customer is registered through the leads intake, which applies LEAD-2 (an open lead
  with the same phone or address is not duplicated: the entry is attached to it).
- An existing customer at the office has the visit recorded on their open lead; without one
  they are registered again (their old lead is closed).
- An existing customer on the phone gets a note on their open lead; without one, nothing.
- Visitors who are not customers leave the leads alone.
"""

from enum import StrEnum


class LeadStep(StrEnum):
    REGISTER = "REGISTER"  # leads intake (LEAD-1, LEAD-2)
    RECORD_VISIT = "RECORD_VISIT"  # the customer is at the office: visit on the open lead
    NOTE = "NOTE"  # a line on the open lead's timeline
    NONE = "NONE"


NEW_CUSTOMER = "NEW_CUSTOMER"
NEW_ENQUIRY = "NEW_ENQUIRY"
EXISTING_CUSTOMER = "EXISTING_CUSTOMER"


def reception_step(purpose: str, *, has_phone: bool, has_open_lead: bool) -> LeadStep:
    """The lead step of a reception log entry (FD-1)."""
    if not has_phone:
        return LeadStep.NONE
    if purpose == NEW_CUSTOMER:
        return LeadStep.REGISTER
    if purpose == EXISTING_CUSTOMER:
        return LeadStep.RECORD_VISIT if has_open_lead else LeadStep.REGISTER
    return LeadStep.NONE


def call_step(topic: str, *, has_phone: bool, has_open_lead: bool) -> LeadStep:
    """The lead step of a phone consultation (FD-2): a new customer becomes a lead."""
    if not has_phone:
        return LeadStep.NONE
    if topic == NEW_ENQUIRY:
        return LeadStep.REGISTER
    if topic == EXISTING_CUSTOMER and has_open_lead:
        return LeadStep.NOTE
    return LeadStep.NONE


def needs_phone(purpose_or_topic: str) -> bool:
    """A new customer's entry is useless without a number to call back."""
    return purpose_or_topic in (NEW_CUSTOMER, NEW_ENQUIRY)
