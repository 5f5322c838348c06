from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import queries, services
from .forms import StaffFilterForm
from .models import Notification, Staff
from .navigation import items_for

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
