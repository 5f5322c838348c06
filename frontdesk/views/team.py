"""Good cases (典型案例, FD-9): mark them, list the month's for the monthly meeting."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints.models import Complaint
from core.lists import ListPage
from core.params import to_int
from leads.models import Callback

from ..access import require
from ..forms.quality import GoodCaseForm, MonthForm
from ..models import CallRecord
from ..queries.team import good_cases
from ..services import team as services
from ..services.errors import FrontDeskError
from .common import context, safe_next

# The good cases' sorts: one month's cases (the month filter bounds them), the time also by the
# goodcase_marked index.
GOOD_CASE_SORTS = {
    "marked": ("marked_at", "id"),
    "colleague": ("staff__employee_no", "marked_at", "id"),  # a colleague's cases together
}


def good_case_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "frontdesk.view_goodcase")
    form = MonthForm(request.GET or None)
    month = form.cleaned_data.get("month") if form.is_valid() else None
    month = month or timezone.localdate().replace(day=1)
    listing = ListPage(request, good_cases(month), sorts=GOOD_CASE_SORTS, default_sort="marked")
    page = context(
        request,
        "cases",
        month=month,
        month_form=form,
        form=GoodCaseForm(),
        page=listing.page,
        listing=listing,
    )
    return render(request, "frontdesk/good_cases.html", page)


def _subject(kind: str, reference: str) -> dict:
    """The call, complaint or callback a reference names, or a readable refusal."""
    reference = reference.strip()
    if kind == "complaint":
        found = Complaint.objects.filter(number__iexact=reference).first()
    else:
        model = CallRecord if kind == "call" else Callback
        pk = to_int(reference, minimum=1)
        found = model.objects.filter(pk=pk).first() if pk else None
    if found is None:
        raise FrontDeskError(_("Nothing found with the number %(ref)s.") % {"ref": reference})
    key = {"call": "call_record", "complaint": "complaint", "callback": "callback"}[kind]
    return {key: found}


@require_POST
def good_case_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "frontdesk.add_goodcase")
    form = GoodCaseForm(request.POST)
    back = safe_next(request, reverse("frontdesk:good_cases"))
    if not form.is_valid():
        messages.error(request, _("Say what the case is and why it is good."))
        return redirect(back)
    data = form.cleaned_data
    try:
        subject = _subject(data["subject"], data["reference"])
        services.mark_good_case(by=request.user, note=data["note"], **subject)
    except FrontDeskError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Marked as a good case for the monthly meeting."))
    return redirect(back)
