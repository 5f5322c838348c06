"""The managers' configuration page (caps, tiers, seasons) and the signing champions."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.collation import Pinyin
from core.lists import ListPage, in_declared_order
from leads.services.config import size_thresholds_on
from staff.models import DesignerTier

from .. import queries, rules, services
from ..forms.settings import (
    CapacityRuleForm,
    ChampionComputeForm,
    RejectChampionForm,
    SeasonForm,
    TierMappingForm,
)
from ..models import CAP_FIELDS, CapacityRule, Champion, SeasonPeriod, TierRule
from .access import CONFIGURE, CONFIRM_CHAMPION, board_required, dispatch_access

RECENT_RULES = 10
# The champions' sorts: a few titles a quarter (a small table), sorted without an index; the id
# breaks ties.
CHAMPION_SORTS = {
    "period": ("period_start", "id"),
    "title": (in_declared_order("kind", Champion.Kind), "period_start", "id"),  # quarter, year
    "designer": (Pinyin("designer__name"), "designer__employee_no", "id"),
    "signed": ("signed_count", "id"),
}


@board_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return render(request, "dispatch/settings.html", _settings_context(request))


def _settings_context(request: HttpRequest, **forms) -> dict:
    today = timezone.localdate()
    pairs = TierRule.objects.values_list("size_class", "tier")
    current = queries.capacity_rule_on(today)
    initial = {"effective_from": today}
    if current is not None:
        initial.update({name: getattr(current, name) for name in CAP_FIELDS})
    context = {
        "today": today,
        "peak_today": queries.season_on(today) == rules.Season.PEAK,
        "current_rule": current,
        "rules": CapacityRule.objects.select_related("created_by")[:RECENT_RULES],
        "seasons": SeasonPeriod.objects.filter(end__gte=today - timedelta(days=365)),
        "thresholds": size_thresholds_on(today),
        "caps_form": CapacityRuleForm(initial=initial),
        "tier_form": TierMappingForm(pairs=list(pairs)),
        "tier_labels": [tier.label for tier in DesignerTier],
        **dispatch_access(request.user).context(),
    }
    context.update(forms)
    return context


@require_POST
@permission_required(CONFIGURE, raise_exception=True)
def save_caps(request: HttpRequest) -> HttpResponse:
    form = CapacityRuleForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.set_capacity_rule(by=request.user, **data)
        except services.DispatchError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Caps saved."))
            return redirect("dispatch:settings")
    context = _settings_context(request, caps_form=form)
    return render(request, "dispatch/settings.html", context, status=400)


@require_POST
@permission_required(CONFIGURE, raise_exception=True)
def save_tiers(request: HttpRequest) -> HttpResponse:
    form = TierMappingForm(request.POST)
    if form.is_valid():
        try:
            services.set_tier_mapping(by=request.user, pairs=form.pairs())
        except services.DispatchError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Tier mapping saved."))
            return redirect("dispatch:settings")
    context = _settings_context(request, tier_form=form)
    return render(request, "dispatch/settings.html", context, status=400)


@permission_required(CONFIGURE, raise_exception=True)
def season_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    season = get_object_or_404(SeasonPeriod, pk=pk) if pk else None
    form = SeasonForm(request.POST or None, instance=season)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_season(by=request.user, season=season, **form.cleaned_data)
        except services.DispatchError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Season saved."))
            return redirect("dispatch:settings")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "season": season}
    return render(request, "dispatch/season_form.html", context, status=status)


@require_POST
@permission_required(CONFIGURE, raise_exception=True)
def season_delete(request: HttpRequest, pk: int) -> HttpResponse:
    season = get_object_or_404(SeasonPeriod, pk=pk)
    services.delete_season(season=season, by=request.user)
    messages.success(request, _("Season deleted."))
    return redirect("dispatch:settings")


# --- champions (DISP-4) ----------------------------------------------------------------------


@board_required
def champions(request: HttpRequest) -> HttpResponse:
    return render(request, "dispatch/champions.html", _champions_context(request))


def _champions_context(request: HttpRequest, **extra) -> dict:
    listing = ListPage(
        request, queries.champion_titles(), sorts=CHAMPION_SORTS, default_sort="-period"
    )
    context = {
        "page": listing.page,
        "listing": listing,
        "compute_form": ChampionComputeForm(),
        "reject_form": RejectChampionForm(),
        **dispatch_access(request.user).context(),
    }
    context.update(extra)
    return context


@require_POST
@permission_required(CONFIRM_CHAMPION, raise_exception=True)
def champions_compute(request: HttpRequest) -> HttpResponse:
    form = ChampionComputeForm(request.POST)
    if form.is_valid():
        titles = services.propose_champions(
            kind=form.cleaned_data["kind"],
            period_start=form.cleaned_data["period_day"],
            by=request.user,
        )
        if titles:
            messages.success(request, _("Champions computed; confirm the proposed titles."))
        else:
            messages.info(request, _("Nobody signed a contract in that period."))
        return redirect("dispatch:champions")
    context = _champions_context(request, compute_form=form)
    return render(request, "dispatch/champions.html", context, status=400)


@require_POST
@permission_required(CONFIRM_CHAMPION, raise_exception=True)
def champion_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    champion = get_object_or_404(Champion, pk=pk)
    form = RejectChampionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if decision == "confirm":
            services.confirm_champion(champion=champion, by=request.user, note=note)
            messages.success(request, _("Title confirmed; the extra capacity applies."))
        else:
            services.reject_champion(champion=champion, by=request.user, note=note)
            messages.success(request, _("Title rejected."))
    except services.DispatchError as exc:
        messages.error(request, str(exc))
    return redirect("dispatch:champions")
