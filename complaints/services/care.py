"""A low care score becomes a complaint in one step (CARE-4): the customer asked for it at the
care call, so the agent registers it from the feedback, and the two are linked both ways (the
feedback's `complaint`, the complaint's `care_feedback`)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from leads.models import CareFeedback
from leads.services.care import LOW_SCORE_STEP
from staff.models import Staff
from staff.services import resolve_todos

from ..models import Channel, Complaint, ComplaintCategory, Severity
from .common import require
from .registration import register_complaint


@transaction.atomic
def complaint_from_care_feedback(
    *, feedback: CareFeedback, by: Staff, category: ComplaintCategory | None = None
) -> Complaint:
    """Register the complaint the customer made at a care call, from its feedback."""
    # Race: two people pressing the button at once; the row lock lets only the first register.
    feedback = (
        CareFeedback.objects.select_for_update()
        .select_related("lead", "care_call")
        .get(pk=feedback.pk)
    )
    require(feedback.complaint_id is None, _("This feedback is already a complaint."))
    category = (
        category
        or ComplaintCategory.objects.filter(is_active=True).order_by("position", "id").first()
    )
    require(category is not None, _("Add a complaint category first."))
    lead = feedback.lead
    complaint = register_complaint(
        by=by,
        channel=Channel.PHONE,
        received_at=feedback.recorded_at,
        customer_name=lead.customer_name,
        category=category,
        severity=Severity.MINOR,
        summary=_("Care call (%(point)s), satisfaction %(score)s/5: %(comments)s")
        % {
            "point": feedback.care_call.point_name,
            "score": feedback.satisfaction,
            "comments": feedback.comments or "-",
        },
        phone=lead.phone,
        address=lead.address,
    )
    if complaint.lead_id != lead.pk:  # the care call's lead, even when the phone matched another
        complaint.lead = lead
        complaint.save(update_fields=["lead"])
    feedback.complaint = complaint
    feedback._history_user = by
    feedback.save(update_fields=["complaint"])
    resolve_todos(feedback, LOW_SCORE_STEP)
    return complaint
