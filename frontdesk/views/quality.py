"""Hotline quality (FD-7) and team mood (FD-9): the quality page, an agent's page, call records,
the import, alerts, the mood check-in."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage
from core.params import int_param
from core.spreadsheets import export_filename, file_response
from staff.imports import StageError, clear_stage, stage_upload, staged_upload
from staff.models import ColumnPreset, Staff

from ..access import require
from ..forms.appointments import DayForm
from ..forms.quality import AlertNoteForm, CallImportForm, MoodForm
from ..models import QualityAlert
from ..queries import quality as queries
from ..queries.team import mood_history
from ..resources import call_template as call_template_file
from ..resources import import_call_file
from ..services import quality as services
from ..services import team
from ..services.errors import FrontDeskError
from .common import context, safe_next

SEE = "frontdesk.view_agentdailymetric"
CHART_DAYS = 30
# The call list's sorts, each answered by an index of CallRecord.
CALL_SORTS = {
    "number": ("id",),  # the primary key
    "started": ("started_at", "id"),  # call_started
    "talk": ("talk_seconds", "id"),  # call_talk
}
# The quality page's sorts: one row per agent, computed in Python (no index needed). The agent
# column goes by employee number: Python has no pinyin order (the database's, core.collation),
# and code point order means nothing to a reader.
QUALITY_SORTS = {
    "agent": ("agent__employee_no",),
    "calls": ("recent__calls", "agent__employee_no"),
    "talk": ("avg_talk_seconds", "agent__employee_no"),
    "in_time": ("in_time_pct", "agent__employee_no"),
    "satisfaction": ("satisfaction", "agent__employee_no"),
    "first_contact": ("first_contact_pct", "agent__employee_no"),
    "complaints": ("recent__complaints", "agent__employee_no"),
}
# An agent's days: one person's rows, where the day is unique (metric_agent_day_unique).
AGENT_METRIC_SORTS = {
    "day": ("day",),
    "calls": ("calls", "day"),
    "complaints": ("complaints", "day"),
}


def _day(request: HttpRequest):
    """The day the windows end on: the chosen one, or yesterday (the last computed night)."""
    form = DayForm(request.GET or None)
    day = form.cleaned_data.get("day") if form.is_valid() else None
    return day or timezone.localdate() - timedelta(days=1)


def quality(request: HttpRequest) -> HttpResponse:
    require(request.user, SEE)
    day = _day(request)
    config = queries.policy_on(day)
    listing = ListPage(
        request, queries.agent_rows(day, config), sorts=QUALITY_SORTS, default_sort="agent"
    )
    start, end = queries.chart_window(day, CHART_DAYS)
    charts = queries.trends([row.agent.pk for row in listing.page], start, end)
    return render(
        request,
        "frontdesk/quality.html",
        context(
            request,
            "quality",
            day=day,
            page=listing.page,
            listing=listing,
            charts=charts,
            config=config,
            alerts=queries.alert_rows(config),
            alert_form=AlertNoteForm(),
        ),
    )


def _agent_viewer(request: HttpRequest, agent: Staff) -> None:
    """Managers see every agent; an agent sees their own page."""
    if request.user.pk != agent.pk and not request.user.has_perm(SEE):
        raise PermissionDenied


def quality_agent(request: HttpRequest, pk: int) -> HttpResponse:
    agent = get_object_or_404(Staff, pk=pk)
    _agent_viewer(request, agent)
    day = _day(request)
    start, end = queries.chart_window(day, CHART_DAYS)
    rows = [row for row in queries.agent_rows(day) if row.agent.pk == agent.pk]
    metrics = ListPage(
        request, queries.agent_metrics(agent), sorts=AGENT_METRIC_SORTS, default_sort="-day"
    )
    page = context(
        request,
        "quality",
        agent=agent,
        day=day,
        row=rows[0] if rows else None,
        charts=queries.trends([agent.pk], start, end),
        page=metrics.page,
        listing=metrics,
        moods=mood_history(agent, start),
    )
    return render(request, "frontdesk/quality_agent.html", page)


def call_list(request: HttpRequest) -> HttpResponse:
    """Call records, by agent and day; an agent without the quality view sees their own."""
    sees_all = request.user.has_perm("frontdesk.view_callrecord")
    agent_id = int_param(request, "agent", minimum=1) if sees_all else request.user.pk
    form = DayForm(request.GET or None)
    day = form.cleaned_data.get("day") if form.is_valid() else None
    rows = queries.call_records(agent_id=agent_id, day=day)
    listing = ListPage(request, rows, sorts=CALL_SORTS, default_sort="-started")
    page = context(
        request,
        "quality",
        page=listing.page,
        listing=listing,
        day=day,
        agents=Staff.objects.filter(call_records__isnull=False).distinct() if sees_all else [],
        agent_id=str(agent_id or ""),
    )
    return render(request, "frontdesk/call_list.html", page)


CALL_STAGE = "calls"


def call_import(request: HttpRequest) -> HttpResponse:
    """The phone system's export in two steps (issue 19): upload shows a preview (new calls,
    calls already there, every bad row), nothing written; confirm checks the same file again
    and imports it all or nothing."""
    require(request.user, "frontdesk.add_callrecord")
    if request.method == "POST" and "confirm" in request.POST:
        return _call_confirm(request)
    form = CallImportForm(request.POST or None, request.FILES or None)
    result, digest = None, ""
    if request.method == "POST" and form.is_valid():
        upload, preset = form.cleaned_data["file"], form.cleaned_data["preset"]
        result = import_call_file(upload, by=request.user, preset=preset, dry_run=True)
        if result.ok:
            digest = stage_upload(
                request.session, CALL_STAGE, upload, preset=preset.pk if preset else None
            )
    page = context(request, "quality", form=form, result=result, digest=digest)
    return render(request, "frontdesk/call_import.html", page)


def _call_confirm(request: HttpRequest) -> HttpResponse:
    try:
        upload, stage = staged_upload(request.session, CALL_STAGE, request.POST.get("digest", ""))
    except StageError as exc:
        messages.error(request, str(exc))
        return redirect("frontdesk:call_import")
    preset = ColumnPreset.objects.filter(pk=stage.get("preset")).first()
    result = import_call_file(upload, by=request.user, preset=preset)
    if not result.ok:  # the data changed since the preview: nothing was imported
        page = context(request, "quality", form=CallImportForm(), result=result, digest="")
        return render(request, "frontdesk/call_import.html", page)
    clear_stage(request.session, CALL_STAGE)
    messages.success(
        request,
        _("%(new)s calls imported; %(skipped)s already there were skipped.")
        % {"new": result.imported, "skipped": result.skipped},
    )
    return redirect("frontdesk:calls")


def call_template(request: HttpRequest) -> HttpResponse:
    """The import template: headers, an example row and a note on each column (issue 19)."""
    require(request.user, "frontdesk.add_callrecord")
    return file_response(call_template_file(), export_filename(_("Call records template"), "xlsx"))


@require_POST
def alert_handle(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(QualityAlert, pk=pk)
    form = AlertNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.acknowledge_alert(alert=alert, by=request.user, note=note)
    except FrontDeskError as exc:
        messages.error(request, str(exc))
    return redirect("frontdesk:quality")


@require_POST
def mood_check_in(request: HttpRequest) -> HttpResponse:
    form = MoodForm(request.POST)
    if form.is_valid():
        try:
            team.check_in_mood(by=request.user, **form.cleaned_data)
        except FrontDeskError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you; your mood for today is noted."))
    else:
        messages.error(request, _("Choose how you feel today."))
    return redirect(safe_next(request, reverse("frontdesk:index")))
