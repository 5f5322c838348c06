"""Reports: customer segments (RPT-4) and the nightly jobs page (RPT-3)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from staff.params import choice_param, date_param

from ..access import require
from ..forms.reports import MonthForm
from ..models import JobRun
from ..queries.reports_segments import DIMENSIONS, segment_leads, segment_rows
from ..services.jobs import JobError, job_labels, run_nightly
from .common import paginate
from .reports import SEE_JOBS, SEE_SEGMENTS, report_context

RUN_JOBS = "frontdesk.add_jobrun"


def _dimension(request: HttpRequest) -> str:
    return choice_param(request, "by", DIMENSIONS, "community")


def segments(request: HttpRequest) -> HttpResponse:
    """RPT-4: the month's leads and signings by one segment dimension, against last month."""
    require(request.user, SEE_SEGMENTS)
    form = MonthForm(request.GET or None)
    month = form.value()
    dimension = _dimension(request)
    return render(
        request,
        "frontdesk/reports/segments.html",
        report_context(
            request,
            "segments",
            month=month,
            dimension=dimension,
            dimensions=[(key, str(label)) for key, label in DIMENSIONS.items()],
            rows=segment_rows(dimension, month),
        ),
    )


def segment_lead_list(request: HttpRequest) -> HttpResponse:
    """The leads of one segment in the month (what a segment row opens to)."""
    require(request.user, SEE_SEGMENTS)
    month = MonthForm(request.GET or None).value()
    dimension = _dimension(request)
    key = request.GET.get("key", "")
    if not key:
        raise Http404
    page = paginate(request, segment_leads(dimension, key, month))
    return render(
        request,
        "frontdesk/reports/segment_leads.html",
        report_context(
            request,
            "segments",
            month=month,
            dimension_label=DIMENSIONS[dimension],
            key=key,
            page=page,
        ),
    )


def jobs(request: HttpRequest) -> HttpResponse:
    """RPT-3: the runs of the nightly jobs, newest first (filter by job)."""
    require(request.user, SEE_JOBS)
    labels = job_labels()
    runs = JobRun.objects.all()
    job = choice_param(request, "job", labels)
    if job:
        runs = runs.filter(job=job)
    return render(
        request,
        "frontdesk/reports/jobs.html",
        report_context(
            request,
            "jobs",
            page=paginate(request, runs),
            labels=labels,
            job=job,
            can_run=request.user.has_perm(RUN_JOBS),
        ),
    )


@require_POST
def jobs_run(request: HttpRequest) -> HttpResponse:
    """Run (or re-run) the night of a date now; the jobs are idempotent."""
    require(request.user, RUN_JOBS)
    day = date_param(request, "day", source="POST")
    if day is None:
        messages.error(request, _("Give a date."))
        return redirect("frontdesk:jobs")
    try:
        runs = run_nightly(day=day)
    except JobError as exc:
        messages.error(request, str(exc))
        return redirect("frontdesk:jobs")
    failed = sum(run.outcome != "OK" for run in runs)
    if failed:
        messages.warning(request, _("The night was run; some jobs failed (see below)."))
    else:
        messages.success(request, _("The night was run; every job succeeded."))
    return redirect("frontdesk:jobs")
