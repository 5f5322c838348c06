from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import queries, services
from .access import has_any_role
from .forms import DelegationForm, StaffFilterForm
from .models import Delegation, Notification, Staff
from .navigation import MANAGERS, items_for

PAGE_SIZE = 25


def home(request: HttpRequest) -> HttpResponse:
    cards = [item for item in items_for(request.user) if item.url_name != "home"]
    latest = queries.notifications_for(request.user).filter(read_at__isnull=True)[:5]
    return render(request, "staff/home.html", {"cards": cards, "latest_notifications": latest})


def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "staff/notifications.html", {"page": page})


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(notification=notification, by=request.user)
    if notification.link and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("notifications")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(by=request.user)
    return redirect("notifications")


@permission_required("staff.view_staff", raise_exception=True)
def staff_list(request: HttpRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = queries.staff_directory(
        search=filters.get("q", ""),
        department=filters.get("department", ""),
        role=filters.get("role", ""),
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "staff/staff_list.html", {"form": form, "page": page})


@permission_required("staff.view_staff", raise_exception=True)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Staff.objects.select_related("supervisor"), pk=pk)
    context = {
        "person": person,
        "chain": queries.supervisor_chain(person),
        "reports": person.reports.order_by("employee_no"),
        "delegations": queries.delegations_of(person)[:20],
    }
    return render(request, "staff/staff_detail.html", context)


# --- delegations (工作联络单, SLIP-4) ------------------------------------------------------------


def _delegation_viewer(request: HttpRequest) -> None:
    if not (has_any_role(request.user, MANAGERS) or request.user.has_perm("staff.view_delegation")):
        raise PermissionDenied


def delegation_list(request: HttpRequest) -> HttpResponse:
    _delegation_viewer(request)
    today = timezone.localdate()
    rows = queries.current_delegations(request.user, today)
    context = {
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "today": today,
        "can_name": has_any_role(request.user, MANAGERS),
    }
    return render(request, "staff/delegation_list.html", context)


def _principals_for(user: Staff):
    """HR picks any manager; a manager names their own delegate (no choice shown)."""
    if user.has_perm("staff.add_delegation"):
        return Staff.objects.filter(is_active=True, groups__name__in=MANAGERS).distinct()
    return None


def delegation_new(request: HttpRequest) -> HttpResponse:
    if not has_any_role(request.user, MANAGERS):
        raise PermissionDenied
    form = DelegationForm(request.POST or None, principals=_principals_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.name_delegate(
                principal=data.get("principal") or request.user,
                delegate=data["delegate"],
                start=data["start"],
                end=data["end"],
                reason=data["reason"],
                by=request.user,
            )
        except services.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The delegate was named and the departments told."))
            return redirect("staff:delegations")
    return render(request, "staff/delegation_form.html", {"form": form})


@require_POST
def delegation_end(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation.objects.select_related("principal"), pk=pk)
    try:
        services.end_delegation(delegation=delegation, by=request.user, today=timezone.localdate())
    except services.DelegationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The delegation was ended."))
    return redirect("staff:delegations")
