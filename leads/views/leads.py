"""The lead list, its export, and the lead page with its actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage
from staff.access import role_required

from ..filters import LeadFilter
from ..forms import LeadEditForm, PrivateContactForm, RecordVisitForm, RulingForm
from ..models import OwnershipClaim
from ..navigation import AREA_ROLES
from ..queries import leads as queries
from ..queries.lead_page import lead_page
from ..resources import export_leads
from ..services import claims, intake
from ..services.errors import LeadError
from .common import lead_or_404, refuse
from .lifecycle import lifecycle_context

# The lead list's sorts, each answered by an index on Lead (the volume plan test checks).
SORTS = {"created": ("created_at", "id"), "consulted": ("consultation_date", "id")}


def _filterset(request: HttpRequest) -> LeadFilter:
    rows = queries.lead_list(request.user)
    return LeadFilter(request.GET or None, queryset=rows, request=request)


@role_required(*AREA_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    filters = _filterset(request)
    listing = ListPage(request, filters.qs, sorts=SORTS, default_sort="-created")
    context = {
        "form": filters.form,
        "page": listing.page,
        "listing": listing,
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
    leads = _filterset(request).qs
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return export_leads(leads, by=request.user, file_format=file_format, filters=request.GET)


@role_required(*AREA_ROLES)
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead page: a fixed number of queries, whatever the lead holds (issue 10)."""
    lead = queries.lead_for_page(request.user, pk)
    if lead is None:
        raise Http404
    user = request.user
    page = lead_page(user, lead)
    people = page["people"]
    context = {
        **page,
        "ruling_form": RulingForm(claims=lead.claims.all()),
        "private_contact_form": PrivateContactForm(
            people=[person for person in people if person.is_designer]
        ),
        "visit_form": RecordVisitForm(prefix="visit", people=people),
        **lifecycle_context(user, lead),
    }
    return render(request, "leads/lead_detail.html", context)


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
