"""FD-1, FD-2: what a log entry does to the customer's lead (pure rule)."""

import pytest

from frontdesk.rules.logs import LeadStep, call_step, needs_phone, reception_step


@pytest.mark.parametrize(
    ("purpose", "has_phone", "has_open_lead", "step"),
    [
        ("NEW_CUSTOMER", True, False, LeadStep.REGISTER),
        ("NEW_CUSTOMER", True, True, LeadStep.REGISTER),  # the intake applies LEAD-2
        ("EXISTING_CUSTOMER", True, True, LeadStep.RECORD_VISIT),
        ("EXISTING_CUSTOMER", True, False, LeadStep.REGISTER),
        ("EXISTING_CUSTOMER", False, False, LeadStep.NONE),
        ("VISIT_STAFF", True, True, LeadStep.NONE),
        ("DELIVERY", True, False, LeadStep.NONE),
    ],
)
def test_fd1_reception_entry_lead_step(purpose, has_phone, has_open_lead, step):
    assert reception_step(purpose, has_phone=has_phone, has_open_lead=has_open_lead) == step


@pytest.mark.parametrize(
    ("topic", "has_phone", "has_open_lead", "step"),
    [
        ("NEW_ENQUIRY", True, False, LeadStep.REGISTER),
        ("NEW_ENQUIRY", True, True, LeadStep.REGISTER),  # the intake applies LEAD-2
        ("EXISTING_CUSTOMER", True, True, LeadStep.NOTE),
        ("EXISTING_CUSTOMER", True, False, LeadStep.NONE),
        ("COMPLAINT", True, True, LeadStep.NONE),
        ("MESSAGE", True, False, LeadStep.NONE),
        ("NEW_ENQUIRY", False, False, LeadStep.NONE),
    ],
)
def test_fd2_new_caller_becomes_a_lead_others_do_not(topic, has_phone, has_open_lead, step):
    assert call_step(topic, has_phone=has_phone, has_open_lead=has_open_lead) == step


def test_fd1_fd2_new_customers_need_a_phone():
    assert needs_phone("NEW_CUSTOMER") is True
    assert needs_phone("NEW_ENQUIRY") is True
    assert needs_phone("EXISTING_CUSTOMER") is False
    assert needs_phone("DELIVERY") is False
