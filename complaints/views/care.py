"""A care call's low score becomes a complaint in one step (CARE-4)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leads.models import CareFeedback

from ..services.care import complaint_from_care_feedback
from ..services.errors import ComplaintError


@require_POST
def from_care_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(CareFeedback, pk=pk)
    if not request.user.has_perm("complaints.register_complaint"):
        return HttpResponse(status=403)
    try:
        complaint = complaint_from_care_feedback(feedback=feedback, by=request.user)
    except ComplaintError as exc:
        messages.error(request, str(exc))
        return redirect("leads:care_call", feedback.care_call_id)
    messages.success(request, _("Complaint %(number)s registered.") % {"number": complaint.number})
    return redirect(complaint)
