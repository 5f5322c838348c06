"""Daily filing: the filer's form and import, the manager's confirmation, CS archiving."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from staff.access import role_required

from ..forms import FilingEntryForm, ReasonForm, UploadForm
from ..imports import read_table
from ..models import DailyFiling, FilingEntry, FilingStatus
from ..navigation import AREA_ROLES
from ..queries import filings as queries
from ..services import filing as services
from ..services.errors import LeadError
from .common import refuse


@role_required(*AREA_ROLES)
def filing_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "can_file": user.has_role(*services.FILER_ROLES),
        "mine": queries.my_filings(user)[:30],
        "to_confirm": queries.awaiting_confirmation(user)[:50],
        "to_archive": queries.awaiting_archive(user)[:50],
    }
    return render(request, "leads/filing_list.html", context)


@require_POST
@role_required(*services.FILER_ROLES)
def filing_today(request: HttpRequest) -> HttpResponse:
    try:
        filing = services.open_filing(by=request.user, filing_date=timezone.localdate())
    except LeadError as exc:
        refuse(request, exc)
        return redirect("leads:filings")
    return redirect(filing)


def _filing_or_404(request: HttpRequest, pk: int) -> DailyFiling:
    filing = queries.filing_for_page(pk)
    if filing is None or not queries.can_view_filing(request.user, filing):
        raise Http404
    return filing


def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = _filing_or_404(request, pk)
    return render(request, "leads/filing_detail.html", _context(request, filing))


def _context(request: HttpRequest, filing: DailyFiling, **extra) -> dict:
    user = request.user
    editable = filing.status == FilingStatus.DRAFT and filing.filed_by_id == user.pk
    return {
        "filing": filing,
        "entries": filing.entries.all(),
        "editable": editable,
        "entry_form": FilingEntryForm() if editable else None,
        "upload_form": UploadForm() if editable else None,
        "can_confirm": filing.status == FilingStatus.SUBMITTED
        and services.can_confirm(filing, user),
        "can_archive": filing.status == FilingStatus.CONFIRMED
        and user.has_perm("leads.archive_filing"),
        "reason_form": ReasonForm(),
        **extra,
    }


@require_POST
def filing_add(request: HttpRequest, pk: int) -> HttpResponse:
    filing = _filing_or_404(request, pk)
    form = FilingEntryForm(request.POST)
    if form.is_valid():
        try:
            services.add_entries(
                filing=filing, entries=[services.EntryData(**form.cleaned_data)], by=request.user
            )
        except services.FilingError as exc:
            for row in exc.rows:
                form.add_error(None, "; ".join(row.messages))
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Added to the filing."))
            return redirect(filing)
    context = _context(request, filing)
    context["entry_form"] = form
    return render(request, "leads/filing_detail.html", context, status=400)


@require_POST
def filing_import(request: HttpRequest, pk: int) -> HttpResponse:
    """CSV/XLSX of the day's leads: every row checked; any bad row and nothing is saved."""
    filing = _filing_or_404(request, pk)
    form = UploadForm(request.POST, request.FILES)
    row_errors: list[str] = []
    if form.is_valid():
        try:
            row_errors = _import_rows(filing, read_table(form.cleaned_data["file"]), request.user)
        except LeadError as exc:
            form.add_error(None, str(exc))
        if form.is_valid() and not row_errors:
            messages.success(request, _("The rows were imported."))
            return redirect(filing)
    context = _context(request, filing, row_errors=row_errors)
    context["upload_form"] = form
    return render(request, "leads/filing_detail.html", context, status=400)


def _import_rows(filing: DailyFiling, rows: list[dict], by) -> list[str]:
    """Save every row or none; the reasons of all refused rows, in row order."""
    if not rows:
        raise LeadError(_("The file has no rows."))
    entries, numbers, errors = [], [], []
    for number, row in enumerate(rows, start=1):
        form = FilingEntryForm(row)
        if form.is_valid():
            entries.append(services.EntryData(**form.cleaned_data))
            numbers.append(number)
        else:
            errors.append(services.RowError(number, tuple(_shape_reasons(form))))
    try:
        if errors:
            errors += services.check_entries(filing=filing, entries=entries, row_numbers=numbers)[1]
        else:
            services.add_entries(filing=filing, entries=entries, by=by, row_numbers=numbers)
    except services.FilingError as exc:
        errors += exc.rows
    return [str(error) for error in sorted(errors, key=lambda error: error.row)]


def _shape_reasons(form: FilingEntryForm) -> list[str]:
    return [
        f"{form.fields[name].label}: {' '.join(problems)}"
        if name in form.fields
        else " ".join(problems)
        for name, problems in form.errors.items()
    ]


@require_POST
def filing_remove(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    filing = _filing_or_404(request, pk)
    entry = FilingEntry.objects.filter(filing=filing, pk=entry_pk).first()
    if entry is None:
        raise Http404
    try:
        services.remove_entry(entry=entry, by=request.user)
    except LeadError as exc:
        refuse(request, exc)
    return redirect(filing)


def _act(request: HttpRequest, pk: int, action, success: str, **kwargs) -> HttpResponse:
    filing = _filing_or_404(request, pk)
    try:
        action(filing=filing, by=request.user, **kwargs)
    except LeadError as exc:
        refuse(request, exc)
    else:
        messages.success(request, success)
    return redirect(filing)


@require_POST
def filing_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.submit_filing, _("Submitted to your department manager."))


@require_POST
def filing_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.confirm_filing, _("Confirmed; customer service archives it."))


@require_POST
def filing_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.archive_filing, _("Archived; the leads are registered."))


@require_POST
def filing_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        refuse(request, LeadError(_("Say what needs correcting.")))
        return redirect("leads:filing_detail", pk=pk)
    return _act(
        request,
        pk,
        services.return_filing,
        _("Sent back to the filer."),
        reason=form.cleaned_data["reason"],
    )
