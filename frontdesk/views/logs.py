"""The reception log (FD-1) and the phone consultation log (FD-2): quick entry and lists."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.collation import Pinyin
from core.lists import PAGE_PARAM, SIZE_PARAM, SORT_PARAM, ListPage
from leads.queries.intake import phone_check as leads_phone_check

from ..access import require
from ..forms.logs import CustomerDetailsForm, LogFilterForm, PhoneForm, ReceptionForm
from ..models import CallTopic, VisitPurpose
from ..queries import logs as queries
from ..queries.appointments import booked_on
from ..services import logs as services
from ..services.errors import FrontDeskError
from .common import context

VIEW_VISITS = "frontdesk.view_receptionentry"
VIEW_CALLS = "frontdesk.view_phoneconsultation"

# The logs' sorts, each answered by an index of the model's Meta.indexes (named after each).
RECEPTION_SORTS = {
    "arrived": ("arrived_at", "id"),  # reception_arrived
    "visitor": (Pinyin("visitor_name"), "id"),  # reception_visitor_pinyin
}
PHONE_SORTS = {
    "called": ("called_at", "id"),  # phonelog_called
    "caller": (Pinyin("caller_name"), "id"),  # phonelog_caller_pinyin
}


def _customer(data: dict) -> services.CustomerDetails:
    return services.CustomerDetails(
        **{name: data[name] for name in CustomerDetailsForm.CUSTOMER_FIELDS}
    )


def _saved(request: HttpRequest, result: services.LogResult, saved_text: str) -> None:
    messages.success(request, saved_text)
    if result.message:
        created = result.entry.lead_created
        messages.add_message(
            request, messages.SUCCESS if created else messages.WARNING, result.message
        )


def _filters(request: HttpRequest, kinds, label=None) -> tuple[LogFilterForm, dict]:
    """The filters asked for; none (a bare URL, or only a sort, size or page): today's log.
    The form always sends its date, so an emptied date there means every day."""
    asked = any(key not in (SORT_PARAM, SIZE_PARAM, PAGE_PARAM) for key in request.GET)
    form = LogFilterForm(request.GET if asked else None, kinds=kinds, kind_label=label)
    data = form.cleaned_data if form.is_valid() else {}
    day = data.get("day") if asked else timezone.localdate()
    return form, {"day": day, "kind": data.get("kind", ""), "q": data.get("q", "")}


def reception_log(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW_VISITS)
    form, f = _filters(request, VisitPurpose.choices, label=_("Visit purpose"))
    rows = queries.reception_log(day=f["day"], purpose=f["kind"], q=f["q"])
    listing = ListPage(request, rows, sorts=RECEPTION_SORTS, default_sort="-arrived")
    page = context(
        request, "reception", form=form, page=listing.page, listing=listing, day=f["day"]
    )
    return render(request, "frontdesk/reception_log.html", page)


def reception_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "frontdesk.add_receptionentry")
    form = ReceptionForm(request.POST or None, appointments=booked_on(timezone.localdate()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = services.ReceptionData(
            visitor_name=data["visitor_name"],
            purpose=data["purpose"],
            arrived_at=data["arrived_at"],
            phone=data["phone"],
            receiver=data["receiver"],
            notes=data["notes"],
            customer=_customer(data),
            appointment=data["appointment"],
        )
        try:
            result = services.log_reception(data=entry, by=request.user)
        except FrontDeskError as exc:
            form.add_error(None, str(exc))
        else:
            _saved(request, result, _("Visitor logged."))
            return redirect("frontdesk:reception_log")
    return render(
        request, "frontdesk/reception_form.html", context(request, "reception", form=form)
    )


def phone_log(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW_CALLS)
    form, f = _filters(request, CallTopic.choices, label=_("Topic"))
    rows = queries.phone_log(day=f["day"], topic=f["kind"], q=f["q"])
    listing = ListPage(request, rows, sorts=PHONE_SORTS, default_sort="-called")
    page = context(request, "phone", form=form, page=listing.page, listing=listing, day=f["day"])
    return render(request, "frontdesk/phone_log.html", page)


def phone_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "frontdesk.add_phoneconsultation")
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = services.CallData(
            caller_name=data["caller_name"],
            topic=data["topic"],
            summary=data["summary"],
            called_at=data["called_at"],
            phone=data["phone"],
            message_for=data["message_for"],
            customer=_customer(data),
        )
        try:
            result = services.log_phone_call(data=call, by=request.user)
        except FrontDeskError as exc:
            form.add_error(None, str(exc))
        else:
            _saved(request, result, _("Call logged."))
            return redirect("frontdesk:phone_log")
    return render(request, "frontdesk/phone_form.html", context(request, "phone", form=form))


def phone_check(request: HttpRequest) -> HttpResponse:
    """htmx: as the number is typed, say whether this customer has an open lead (LEAD-2)."""
    require(request.user, "frontdesk.add_receptionentry", "frontdesk.add_phoneconsultation")
    check = leads_phone_check(request.user, request.GET.get("phone", ""))
    return render(request, "frontdesk/_phone_check.html", {"check": check})
