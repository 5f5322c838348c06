"""The front desk's intake form and its as-you-type duplicate check (LEAD-1, LEAD-2)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from staff.access import role_required
from staff.models import Role

from ..forms import IntakeForm, RecordVisitForm
from ..models import Lead, LeadState
from ..navigation import INTAKE_ROLES
from ..queries.access import can_view_lead
from ..queries.intake import phone_check
from ..rules import readiness
from ..services.errors import LeadError
from ..services.intake import IntakeData, register_lead


@role_required(*INTAKE_ROLES)
def intake(request: HttpRequest) -> HttpResponse:
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = register_lead(data=intake_data(form.cleaned_data), by=request.user)
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            level = messages.SUCCESS if result.created else messages.WARNING
            messages.add_message(request, level, result.message)
            _say_what_dispatch_needs(request, result.lead)
            if can_view_lead(request.user, result.lead):
                return redirect(result.lead)
            return redirect("leads:intake")
    return render(request, "leads/intake.html", {"form": form})


def _say_what_dispatch_needs(request: HttpRequest, lead: Lead) -> None:
    """Saving an incomplete lead is allowed (the desk may not know yet); the page after says
    what dispatch still needs (DISP-2, UI.md: say it where it can be given)."""
    if lead.state != LeadState.NEW:
        return
    missing = readiness.missing_for_dispatch(
        planned_decoration_date=lead.planned_decoration_date,
        area_m2=lead.area_m2,
        budget=lead.budget,
        levels_introduced=lead.levels_introduced,
    )
    text = readiness.still_needed_text(readiness.missing_details(missing))
    if text:
        messages.info(request, text)


@role_required(*INTAKE_ROLES)
def dispatch_readiness(request: HttpRequest) -> HttpResponse:
    """htmx: as the intake form changes, what dispatch still needs, in words (DISP-2).
    A value that does not parse counts as not given; the form itself says why on saving."""
    missing = readiness.missing_for_dispatch(
        planned_decoration_date=_typed(request, "planned_decoration_date"),
        area_m2=_typed(request, "area_m2"),
        budget=_typed(request, "budget"),
        levels_introduced=True,  # the customer manager's step, said apart in the box
    )
    context = {"still_needed": readiness.still_needed_text(missing)}
    return render(request, "leads/_intake_readiness.html", context)


def _typed(request: HttpRequest, name: str):
    """The intake field's own parsing of the value typed so far, or None."""
    try:
        return IntakeForm.base_fields[name].clean(request.GET.get(name, ""))
    except ValidationError:
        return None


def intake_data(data: dict) -> IntakeData:
    return IntakeData(
        customer_name=data["customer_name"],
        phone=data["phone"],
        channel=data["channel"],
        consultation_date=data["consultation_date"],
        community=data["community"],
        building=data["building"],
        area_m2=data["area_m2"],
        budget=data["budget"],
        planned_decoration_date=data["planned_decoration_date"],
        brought_by=data.get("brought_by"),
        named_by_customer=data.get("named_by_customer"),
        notes=data["notes"],
        in_person=data.get("in_person", False),
        referrer_phone=data.get("referrer_phone", ""),
    )


@role_required(*INTAKE_ROLES, Role.MARKETING_SALES, Role.MARKETING_MANAGER)
def check_phone(request: HttpRequest) -> HttpResponse:
    """htmx: as the phone is typed, say whether this customer exists (LEAD-2)."""
    check = phone_check(request.user, request.GET.get("phone", ""))
    context = {"check": check, "visit_form": RecordVisitForm(prefix="visit")}
    return render(request, "leads/_phone_check.html", context)
