"""Marketing phone lists (LEAD-5): import, and each number marked visited / signed / new."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.collation import Pinyin
from core.lists import ListPage
from core.spreadsheets import export_filename, file_response
from staff.imports import StageError, clear_stage, stage_upload, staged_upload

from ..forms import PhoneListFilterForm, PhoneListImportForm
from ..imports import phone_list_template as phone_list_template_file
from ..imports import phone_rows, preview_phone_list
from ..models import PhoneList
from ..queries import phone_lists as queries
from ..services import phone_lists as services
from ..services.errors import LeadError
from ..services.filing import FilingError

# The phone lists' sorts: a few lists are imported a month, a small table that needs no index.
PHONE_LIST_SORTS = {
    "imported": ("imported_at", "id"),
    "name": (Pinyin("name"), "id"),
    "community": (Pinyin("community"), "id"),
    "numbers": ("entry_count", "id"),  # counted per list by the query already
}

# One list's numbers, bounded by the list (a few thousand rows at most): by the file's order (id),
# by phone (answered by phonelistentry_once, the list's numbers in phone order) or by name.
ENTRY_SORTS = {
    "row": ("id",),
    "phone": ("phone", "id"),
    "name": (Pinyin("customer_name"), "id"),
}


@permission_required("leads.view_phonelist", raise_exception=True)
def phone_list_index(request: HttpRequest) -> HttpResponse:
    listing = ListPage(
        request, queries.phone_lists(), sorts=PHONE_LIST_SORTS, default_sort="-imported"
    )
    context = {
        "page": listing.page,
        "listing": listing,
        "can_import": request.user.has_perm("leads.add_phonelist"),
    }
    return render(request, "leads/phone_lists.html", context)


STAGE = "phone_list"


@permission_required("leads.add_phonelist", raise_exception=True)
def phone_list_import(request: HttpRequest) -> HttpResponse:
    """Two steps (issue 19): upload shows a preview (how many numbers, how many repeats merged,
    every bad row), nothing written; confirm checks the same file again and imports it."""
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = PhoneListImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    preview, digest = None, ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {"name": data["name"], "community": data["community"], "note": data["note"]}
        try:
            rows = phone_rows(data["file"])
            preview = preview_phone_list(rows=rows, by=request.user, **details)
        except FilingError as exc:
            row_errors = [str(row) for row in exc.rows]
            form.add_error(None, str(exc))
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            digest = stage_upload(request.session, STAGE, data["file"], details=details)
    context = {"form": form, "row_errors": row_errors, "preview": preview, "digest": digest}
    return render(request, "leads/phone_list_import.html", context)


def _confirm(request: HttpRequest) -> HttpResponse:
    try:
        upload, stage = staged_upload(request.session, STAGE, request.POST.get("digest", ""))
    except StageError as exc:
        messages.error(request, str(exc))
        return redirect("leads:phone_list_import")
    details = stage["details"]  # the list's name, community and note as previewed
    try:
        result = services.import_phone_list(rows=phone_rows(upload), by=request.user, **details)
    except LeadError as exc:  # FilingError too: the file changed since the preview
        form = PhoneListImportForm(initial=details)
        rows = [str(row) for row in getattr(exc, "rows", [])]
        messages.error(request, str(exc))
        context = {"form": form, "row_errors": rows, "preview": None, "digest": ""}
        return render(request, "leads/phone_list_import.html", context)
    clear_stage(request.session, STAGE)
    messages.success(request, result.message)
    return redirect(result.phone_list)


@permission_required("leads.add_phonelist", raise_exception=True)
def phone_list_template(request: HttpRequest) -> HttpResponse:
    """The import template: headers, an example row and a note on each column (issue 19)."""
    return file_response(
        phone_list_template_file(), export_filename(_("Phone list template"), "xlsx")
    )


@permission_required("leads.view_phonelist", raise_exception=True)
def phone_list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    phone_list = get_object_or_404(PhoneList, pk=pk)
    form = PhoneListFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    entries = queries.marked_entries(phone_list, status)
    listing = ListPage(request, entries, sorts=ENTRY_SORTS, default_sort="row", sizes=(50, 100))
    context = {
        "phone_list": phone_list,
        "form": form,
        "counts": queries.status_counts(phone_list),
        "page": listing.page,
        "listing": listing,
    }
    return render(request, "leads/phone_list_detail.html", context)
