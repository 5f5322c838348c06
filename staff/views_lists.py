"""Saved list views ("我的视图"): the panel a list page loads when opened, save and delete.

The panel is fetched by htmx when the list's "我的视图" menu opens, so a list page itself sends
no query for it; saving and deleting are plain posts that return to the list.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import saved_views


class SavedViewForm(forms.Form):
    list_key = forms.CharField(max_length=40)
    path = forms.CharField(max_length=300)
    query_string = forms.CharField(max_length=2000, required=False)
    name = forms.CharField(label=gettext_lazy("View name"), max_length=60)

    def clean_list_key(self) -> str:
        if not saved_views.is_list_key(self.cleaned_data["list_key"]):
            raise forms.ValidationError("list_key")
        return self.cleaned_data["list_key"]

    def clean_path(self) -> str:
        path = saved_views.safe_path(self.cleaned_data["path"])
        if not path:
            raise forms.ValidationError("path")
        return path

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


@login_required
def panel(request: HttpRequest) -> HttpResponse:
    """The viewer's views of one list, and a form to save the current filters."""
    list_key = request.GET.get("list", "")
    path = saved_views.safe_path(request.GET.get("path", ""))
    if not saved_views.is_list_key(list_key) or not path:
        raise Http404
    context = {
        "views": saved_views.views_for(request.user, list_key),
        "list_key": list_key,
        "path": path,
        "current": saved_views.clean_query(request.GET.get("current", "")),
    }
    return render(request, "includes/_saved_views_panel.html", context)


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST)
    if not form.is_valid():
        if "list_key" in form.errors or "path" in form.errors:
            raise Http404
        messages.error(request, _("Give the view a name."))
        return redirect(form.cleaned_data["path"])
    data = form.cleaned_data
    view = saved_views.save_view(
        owner=request.user, list_key=data["list_key"], name=data["name"], query=data["query_string"]
    )
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(f"{data['path']}?{view.query_string}")


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the owner's own views: another person's id answers 404."""
    path = saved_views.safe_path(request.POST.get("path", "")) or "/"
    if not saved_views.delete_view(owner=request.user, pk=pk):
        raise Http404
    messages.success(request, _("View deleted."))
    return redirect(path)
