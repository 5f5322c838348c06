"""/api/: the versioned endpoints (v1), the OpenAPI schema and the administrator's doc page."""

from django.urls import include, path

from . import views
from .schema import SchemaView

app_name = "api"

v1 = [
    path("leads/", views.api_view(views.LeadCreateView), name="leads"),
    path("leads/<str:reference>", views.api_view(views.LeadProgressView), name="lead-progress"),
    path("calls/", views.api_view(views.CallBatchView), name="calls"),
    path("clock-records/", views.api_view(views.ClockBatchView), name="clock-records"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", views.api_view(SchemaView), name="schema"),
    path("docs/", views.docs, name="docs"),
]
