"""The lead list, its export, and the lead page with its actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from staff.access import role_required

from ..forms import LeadEditForm, LeadFilterForm, PrivateContactForm, RecordVisitForm, RulingForm
from ..models import Channel, OwnershipClaim
from ..navigation import AREA_ROLES
from ..queries import leads as queries
from ..queries.access import sees_all_leads, shows_full_phone
from ..resources import export_leads
from ..services import claims, intake
from ..services.errors import LeadError
from .common import lead_or_404, refuse
from .lifecycle import lifecycle_context

PAGE_SIZE = 25


def _filters(form: LeadFilterForm) -> queries.LeadFilters:
    if not form.is_valid():
        return queries.LeadFilters()
    data = form.cleaned_data
    return queries.LeadFilters(
        search=data.get("q", ""),
        channel=data.get("channel", ""),
        state=data.get("state", ""),
        owner=data.get("owner", ""),
        size_class=data.get("size_class", ""),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        community=data.get("community", ""),
    )


def _filter_form(request: HttpRequest) -> LeadFilterForm:
    show_owner = sees_all_leads(request.user)
    owners = queries.owner_choices() if show_owner else ()
    return LeadFilterForm(request.GET or None, owners=owners, show_owner=show_owner)


@role_required(*AREA_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    leads = queries.lead_list(request.user, _filters(form))
    page = Paginator(leads, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "communities": queries.communities(request.user),
        "can_register": request.user.has_perm("leads.add_lead"),
        "can_export": request.user.has_perm("leads.export_customer_data"),
        "query_string": request.GET.urlencode(),
        # One reverse() for the page: a row links to this prefix and its number (the lead's
        # get_absolute_url, as a test checks).
        "lead_url_prefix": reverse("leads:index"),
    }
    return render(request, "leads/lead_list.html", context)


@role_required(*AREA_ROLES)
def export(request: HttpRequest) -> HttpResponse:
    """SEC-2: managers only, every export logged."""
    if not request.user.has_perm("leads.export_customer_data"):
        raise PermissionDenied
    leads = queries.lead_list(request.user, _filters(_filter_form(request)))
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return export_leads(leads, by=request.user, file_format=file_format, filters=request.GET)


@role_required(*AREA_ROLES)
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead page: a fixed number of queries, whatever the lead holds (issue 10)."""
    lead = queries.lead_for_page(request.user, pk)
    if lead is None:
        raise Http404
    user = request.user
    slip = queries.slip_or_none(lead)
    show_history = sees_all_leads(user)
    can_record_visit = user.has_perm("leads.add_lead") and lead.is_open
    can_record_private_contact = user.has_perm("leads.add_privatecontactfinding")
    people = queries.page_people(lead)  # the forms' choices; fills the slip's people etc.
    context = {
        "lead": lead,
        "slip": slip,
        "slip_steps": queries.lead_slip_steps(lead),
        "claim_rows": queries.claim_rows(lead),
        "ruling": queries.current_ruling(lead),
        "events": lead.events.all(),
        "findings": lead.private_contacts.all(),
        "salesperson_credit": queries.salesperson_credit(lead),
        "marketing_credit": queries.marketing_credit(lead),
        "full_phone": shows_full_phone(user, lead),
        "can_rule": user.has_perm("leads.rule_ownership"),
        "can_record_private_contact": can_record_private_contact,
        "can_edit": user.has_perm("leads.change_lead") and lead.is_open,
        "can_record_visit": can_record_visit,
        "can_fill_slip": _can_fill_slip(user, lead, slip),
        "show_history": show_history,
        "history": queries.history_rows(lead) if show_history else [],
        "ruling_form": RulingForm(claims=lead.claims.all()),
        "private_contact_form": PrivateContactForm(
            people=[person for person in people if person.is_designer]
        ),
        "visit_form": RecordVisitForm(prefix="visit", people=people),
        **lifecycle_context(user, lead),
    }
    return render(request, "leads/lead_detail.html", context)


def _can_fill_slip(user, lead, slip) -> bool:
    return (
        slip is None
        and lead.is_open
        and lead.channel == Channel.MARKETING
        and lead.brought_by_id == user.pk
    )


@role_required(*AREA_ROLES)
def lead_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lead = lead_or_404(request, pk)
    if not (request.user.has_perm("leads.change_lead") and lead.is_open):
        raise PermissionDenied
    form = LeadEditForm(request.POST or None, instance=lead)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        lead.refresh_from_db()  # the form wrote onto the instance; the service applies changes
        try:
            intake.update_lead_details(lead=lead, by=request.user, **changes)
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(lead)
    return render(request, "leads/lead_edit.html", {"lead": lead, "form": form})


@require_POST
@role_required(*AREA_ROLES)
def record_visit(request: HttpRequest, pk: int) -> HttpResponse:
    lead = lead_or_404(request, pk)
    if not request.user.has_perm("leads.add_lead"):
        raise PermissionDenied
    form = RecordVisitForm(request.POST, prefix="visit")
    if form.is_valid():
        try:
            intake.record_visit(
                lead=lead,
                by=request.user,
                named_by_customer=form.cleaned_data["named_by_customer"],
                note=form.cleaned_data["note"],
            )
        except LeadError as exc:
            refuse(request, exc)
        else:
            messages.success(request, _("The visit was recorded on the existing lead."))
    if request.htmx:  # from the intake form's duplicate check: leave the form for the lead
        response = HttpResponse(status=204)
        response["HX-Redirect"] = lead.get_absolute_url()
        return response
    return redirect(lead)


@require_POST
@role_required(*AREA_ROLES)
def rule(request: HttpRequest, pk: int) -> HttpResponse:
    """ATTR-5: the customer manager's ruling, with its required reason."""
    lead = lead_or_404(request, pk)
    if not request.user.has_perm("leads.rule_ownership"):
        raise PermissionDenied
    form = RulingForm(request.POST, claims=lead.claims.all())
    if not form.is_valid():
        refuse(request, LeadError(_("Choose the owner and write the reason for the ruling.")))
        return redirect(lead)
    claim_id = form.claim_id()
    claim = OwnershipClaim.objects.filter(lead=lead, pk=claim_id).first() if claim_id else None
    try:
        claims.rule_on_dispute(
            lead=lead, claim=claim, reason=form.cleaned_data["reason"], by=request.user
        )
    except LeadError as exc:
        refuse(request, exc)
    return redirect(lead)


@require_POST
@role_required(*AREA_ROLES)
def private_contact(request: HttpRequest, pk: int) -> HttpResponse:
    """ATTR-6: record a designer's private dealing with the customer before dispatch."""
    lead = lead_or_404(request, pk)
    if not request.user.has_perm("leads.add_privatecontactfinding"):
        raise PermissionDenied
    form = PrivateContactForm(request.POST)
    if form.is_valid():
        try:
            claims.record_private_contact(lead=lead, by=request.user, **form.cleaned_data)
        except LeadError as exc:
            refuse(request, exc)
    else:
        refuse(request, LeadError(_("Choose the designer and describe what was found.")))
    return redirect(lead)
