"""Shift handover (交接班, FD-6): what the next shift must follow up, and the notes."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage

from ..access import require
from ..forms.handover import HandoverForm
from ..models import HandoverNote
from ..queries import handover as queries
from ..services import handover as services
from ..services.errors import FrontDeskError
from .common import context, maybe_url, outing_register_url, safe_next

# The notes' sorts, each answered by an index of HandoverNote.
HANDOVER_SORTS = {
    "written": ("written_at", "id"),  # handover_written
    "date": ("shift_date", "written_at", "id"),  # handover_date_written
}


def handover(request: HttpRequest) -> HttpResponse:
    require(request.user, "frontdesk.view_handovernote")
    listing = ListPage(request, queries.notes(), sorts=HANDOVER_SORTS, default_sort="-written")
    page = context(
        request,
        "handover",
        follow=queries.follow_ups(timezone.now()),
        page=listing.page,
        listing=listing,
        callbacks_url=maybe_url("leads:callbacks"),
        outing_register_url=outing_register_url(request),
    )
    return render(request, "frontdesk/handover.html", page)


def handover_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "frontdesk.add_handovernote")
    form = HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.write_handover(by=request.user, **form.cleaned_data)
        except FrontDeskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Handover saved for the next shift."))
            return redirect("frontdesk:handover")
    page = context(request, "handover", form=form, follow=queries.follow_ups(timezone.now()))
    return render(request, "frontdesk/handover_form.html", page)


@require_POST
def handover_take_over(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "frontdesk.add_handovernote")
    note = get_object_or_404(HandoverNote, pk=pk)
    try:
        services.acknowledge_handover(note=note, by=request.user)
    except FrontDeskError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You have taken over."))
    return redirect(safe_next(request, reverse("frontdesk:handover")))
