"""The nightly jobs page (RPT-3): the runs, newest first, and running a night again by hand."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage
from core.params import choice_param, date_param

from ..models import JobRun
from ..roles import RUN_JOBS, SEE_JOBS
from ..services.jobs import JobError, job_labels, run_nightly
from .common import report_context, require

# The runs' sorts, each answered by an index of JobRun (six runs a night, never pruned).
JOB_SORTS = {
    "started": ("started_at", "id"),  # jobrun_started
    "date": ("for_date", "job", "id"),  # jobrun_date_job
    "job": ("job", "for_date", "id"),  # jobrun_job_date
}


def jobs(request: HttpRequest) -> HttpResponse:
    """RPT-3: the runs of the nightly jobs, newest first (filter by job)."""
    require(request.user, SEE_JOBS)
    labels = job_labels()
    runs = JobRun.objects.all()
    job = choice_param(request, "job", labels)
    if job:
        runs = runs.filter(job=job)
    listing = ListPage(request, runs, sorts=JOB_SORTS, default_sort="-started")
    return render(
        request,
        "reports/jobs.html",
        report_context(
            request,
            "jobs",
            page=listing.page,
            listing=listing,
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
        return redirect("reports:jobs")
    try:
        runs = run_nightly(day=day)
    except JobError as exc:
        messages.error(request, str(exc))
        return redirect("reports:jobs")
    failed = sum(run.outcome != "OK" for run in runs)
    if failed:
        messages.warning(request, _("The night was run; some jobs failed (see below)."))
    else:
        messages.success(request, _("The night was run; every job succeeded."))
    return redirect("reports:jobs")
