"""COM-3: the customer manager's year-end bonus — eligibility flags, and the GM sets it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import BonusForm, BonusYearForm
from ..models import YearEndBonus
from ..queries import pay as queries
from ..services import pay as services
from ..services.common import local_today
from .common import area_required, context


def _bonus_url(year: int) -> str:
    return f"{reverse('attendance:pay-bonus')}?year={year}"


def _year(request: HttpRequest) -> int:
    form = BonusYearForm(request.GET or None)
    chosen = form.cleaned_data.get("year") if form.is_valid() else None
    today = local_today()
    return chosen or (today.year if today.month == 12 else today.year - 1)


def _page(request: HttpRequest, year: int, form: BonusForm | None = None, status: int = 200):
    rows = queries.bonus_rows(year)
    eligible = [row.staff for row in rows if row.eligibility]
    may_set = services.may_set_bonus(request.user)
    if may_set and form is None:
        initial = {"year": year, "pay_month": f"{year + 1}-01"}
        if len(eligible) == 1:
            initial["staff"] = eligible[0].pk
        form = BonusForm(people=eligible, initial=initial)
    if form is not None:
        form.helper.form_action = reverse("attendance:pay-bonus-set")
    page = context(
        request,
        "pay_bonus",
        year=year,
        rows=rows,
        year_form=BonusYearForm(initial={"year": year}),
        bonus_form=form if may_set and eligible else None,
        can_set_bonus=may_set,
        policy=queries.policy_for(dt.date(year, 12, 1)),
    )
    return render(request, "attendance/pay_bonus.html", page, status=status)


@area_required
def pay_bonus(request: HttpRequest) -> HttpResponse:
    if not queries.sees_all_pay(request.user):
        raise PermissionDenied
    return _page(request, _year(request))


@require_POST
@area_required
def pay_bonus_set(request: HttpRequest) -> HttpResponse:
    if not services.may_set_bonus(request.user):
        raise PermissionDenied
    people = list(queries.customer_managers())
    form = BonusForm(request.POST, people=people)
    year = form.cleaned_data["year"] if form.is_valid() else _year(request)
    if form.is_valid():
        try:
            services.set_year_end_bonus(by=request.user, **form.cleaned_data)
        except services.PayError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Year-end bonus set."))
            return redirect(_bonus_url(year))
    return _page(request, year, form, status=400)


@require_POST
@area_required
def pay_bonus_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.may_set_bonus(request.user):
        raise PermissionDenied
    bonus = get_object_or_404(YearEndBonus.objects.select_related("staff"), pk=pk)
    try:
        services.withdraw_year_end_bonus(bonus=bonus, by=request.user)
    except services.PayError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Year-end bonus withdrawn."))
    return redirect(_bonus_url(bonus.year))
