"""Marketing phone lists (LEAD-5): import, and each number marked visited / signed / new."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ..forms import PhoneListFilterForm, PhoneListImportForm
from ..imports import read_table
from ..models import PhoneList
from ..queries import phone_lists as queries
from ..services import phone_lists as services
from ..services.errors import LeadError
from ..services.filing import FilingError

PAGE_SIZE = 50


@permission_required("leads.view_phonelist", raise_exception=True)
def phone_list_index(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.phone_lists(), 25).get_page(request.GET.get("page"))
    context = {"page": page, "can_import": request.user.has_perm("leads.add_phonelist")}
    return render(request, "leads/phone_lists.html", context)


@permission_required("leads.add_phonelist", raise_exception=True)
def phone_list_import(request: HttpRequest) -> HttpResponse:
    form = PhoneListImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rows = [services.PhoneRow(**_phone_row(row)) for row in read_table(data["file"])]
            result = services.import_phone_list(
                name=data["name"],
                community=data["community"],
                note=data["note"],
                rows=rows,
                by=request.user,
            )
        except FilingError as exc:
            row_errors = [str(row) for row in exc.rows]
            form.add_error(None, str(exc))
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, result.message)
            return redirect(result.phone_list)
    context = {"form": form, "row_errors": row_errors}
    return render(request, "leads/phone_list_import.html", context)


def _phone_row(row: dict) -> dict:
    return {
        "phone": row.get("phone", ""),
        "customer_name": row.get("customer_name", ""),
        "address": row.get("address", "") or row.get("community", ""),
        "note": row.get("notes", ""),
    }


@permission_required("leads.view_phonelist", raise_exception=True)
def phone_list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    phone_list = get_object_or_404(PhoneList, pk=pk)
    form = PhoneListFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    entries = queries.marked_entries(phone_list, status)
    context = {
        "phone_list": phone_list,
        "form": form,
        "counts": queries.status_counts(phone_list),
        "page": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "leads/phone_list_detail.html", context)
