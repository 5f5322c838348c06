"""The report pages' old addresses under /frontdesk/ (before issue 17), kept as permanent
redirects so bookmarks and links in old messages still land, with their query string."""

from django.urls import path
from django.views.generic import RedirectView


def _moved(name: str) -> RedirectView:
    return RedirectView.as_view(pattern_name=name, permanent=True, query_string=True)


urlpatterns = [
    path("reports/tables/", _moved("reports:tables")),
    path("reports/monthly/", _moved("reports:monthly")),
    path("reports/segments/", _moved("reports:segments")),
    path("reports/segments/leads/", _moved("reports:segment_leads")),
    path("jobs/", _moved("reports:jobs")),
]
