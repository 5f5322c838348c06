"""The document register (文件收发登记, FD-8): search, register, correct."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.lists import ListPage

from ..access import require
from ..forms.documents import DocumentForm, DocumentSearchForm
from ..models import Document
from ..queries.documents import register
from ..services import documents as services
from ..services.errors import FrontDeskError
from .common import context

VIEW = "frontdesk.view_document"
# The register's sorts, each answered by an index of Document.
SORTS = {
    "number": ("number",),  # the unique number
    "date": ("document_date", "id"),  # document_date
}


def document_list(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW)
    form = DocumentSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = register(
        q=filters.get("q", ""),
        category=filters.get("category", ""),
        direction=filters.get("direction", ""),
        year=filters.get("year"),
    )
    listing = ListPage(request, rows, sorts=SORTS, default_sort="-date")
    page = context(request, "documents", form=form, page=listing.page, listing=listing)
    return render(request, "frontdesk/document_list.html", page)


def document_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "frontdesk.add_document")
    form = DocumentForm(request.POST or None, initial={"handler": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.register_document(
                data=services.DocumentData(**form.cleaned_data), by=request.user
            )
        except FrontDeskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Registered as %(number)s.") % {"number": document.number})
            return redirect(document)
    page = context(request, "documents", form=form)
    return render(request, "frontdesk/document_form.html", page)


def _document(pk: int) -> Document:
    return get_object_or_404(Document.objects.select_related("handler", "registered_by"), pk=pk)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, VIEW)
    document = _document(pk)
    history = document.history.select_related("history_user", "handler").order_by("-history_date")[
        :20
    ]
    page = context(request, "documents", document=document, history=history)
    return render(request, "frontdesk/document_detail.html", page)


def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "frontdesk.change_document")
    document = _document(pk)
    initial = {name: getattr(document, name) for name in services.EDITABLE}
    form = DocumentForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_document(document=document, by=request.user, **form.cleaned_data)
        except FrontDeskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The register entry was corrected."))
            return redirect(document)
    page = context(request, "documents", form=form, document=document)
    return render(request, "frontdesk/document_form.html", page)
