from django.urls import path

from .views import jobs, monthly, segments, tables

app_name = "reports"

urlpatterns = [
    # RPT-1, RPT-2
    path("tables/", tables.tables, name="tables"),
    path("monthly/", monthly.monthly, name="monthly"),
    # RPT-4
    path("segments/", segments.segments, name="segments"),
    path("segments/leads/", segments.segment_lead_list, name="segment_leads"),
    # RPT-3
    path("jobs/", jobs.jobs, name="jobs"),
    path("jobs/run/", jobs.jobs_run, name="jobs_run"),
]
