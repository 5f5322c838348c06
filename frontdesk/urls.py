from django.urls import path

from .views import (
    appointments,
    documents,
    handover,
    home,
    logs,
    quality,
    review,
    team,
)

app_name = "frontdesk"

urlpatterns = [
    path("", home.index, name="index"),
    # FD-1, FD-2
    path("reception/", logs.reception_log, name="reception_log"),
    path("reception/new/", logs.reception_new, name="reception_new"),
    path("calls/", logs.phone_log, name="phone_log"),
    path("calls/new/", logs.phone_new, name="phone_new"),
    path("phone-check/", logs.phone_check, name="phone_check"),
    # FD-3
    path("appointments/", appointments.appointment_day, name="appointments"),
    path("appointments/week/", appointments.appointment_week, name="appointment_week"),
    path("appointments/new/", appointments.appointment_new, name="appointment_new"),
    path("appointments/<int:pk>/", appointments.appointment_detail, name="appointment"),
    path(
        "appointments/<int:pk>/came/",
        appointments.appointment_outcome,
        {"outcome": "came"},
        name="appointment_came",
    ),
    path(
        "appointments/<int:pk>/no-show/",
        appointments.appointment_outcome,
        {"outcome": "no_show"},
        name="appointment_no_show",
    ),
    path(
        "appointments/<int:pk>/reminded/",
        appointments.appointment_reminded,
        name="appointment_reminded",
    ),
    path(
        "appointments/<int:pk>/cancel/", appointments.appointment_cancel, name="appointment_cancel"
    ),
    # FD-6
    path("handover/", handover.handover, name="handover"),
    path("handover/new/", handover.handover_new, name="handover_new"),
    path("handover/<int:pk>/take-over/", handover.handover_take_over, name="handover_take_over"),
    # FD-7, FD-9
    path("quality/", quality.quality, name="quality"),
    path("quality/agents/<int:pk>/", quality.quality_agent, name="quality_agent"),
    path("quality/calls/", quality.call_list, name="calls"),
    path("quality/calls/import/", quality.call_import, name="call_import"),
    path("quality/calls/template/", quality.call_template, name="call_template"),
    path("quality/alerts/<int:pk>/handle/", quality.alert_handle, name="alert_handle"),
    path("mood/", quality.mood_check_in, name="mood"),
    # FD-10
    path("review/", review.my_review, name="review"),
    path("review/team/", review.team_reviews, name="review_team"),
    path("good-cases/", team.good_case_list, name="good_cases"),
    path("good-cases/new/", team.good_case_new, name="good_case_new"),
    # FD-8
    path("documents/", documents.document_list, name="documents"),
    path("documents/new/", documents.document_new, name="document_new"),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
    path("documents/<int:pk>/edit/", documents.document_edit, name="document_edit"),
]
