from django.urls import path

from .views import boards, dashboard, designer, quality, readiness, settings

app_name = "dispatch"

urlpatterns = [
    path("", dashboard.index, name="index"),
    path("leads/<int:pk>/panel/", dashboard.lead_panel, name="panel"),
    path("leads/<int:pk>/dispatch/", dashboard.dispatch_view, name="dispatch"),
    path("leads/<int:pk>/force/", dashboard.force_view, name="force"),
    path("leads/<int:pk>/decline/", dashboard.decline_view, name="decline"),
    path("leads/<int:pk>/levels/", dashboard.confirm_levels_view, name="confirm_levels"),
    path("leads/<int:pk>/complete/", readiness.complete_view, name="complete"),
    path("board/", boards.load_board, name="board"),
    path("my-leads/", boards.my_leads, name="my_leads"),
    path("my-leads/<int:pk>/", designer.my_lead, name="my_lead"),
    path("my-record/", quality.my_record, name="my_record"),
    path("team-record/", quality.team_record, name="team_record"),
    path("holds/", quality.holds, name="holds"),
    path("holds/evaluate/", quality.evaluate, name="holds_evaluate"),
    path("holds/<int:pk>/lift/", quality.lift, name="hold_lift"),
    path("log/", boards.dispatch_log, name="log"),
    path("settings/", settings.settings_page, name="settings"),
    path("settings/caps/", settings.save_caps, name="save_caps"),
    path("settings/tiers/", settings.save_tiers, name="save_tiers"),
    path("settings/seasons/new/", settings.season_form, name="season_add"),
    path("settings/seasons/<int:pk>/", settings.season_form, name="season_edit"),
    path("settings/seasons/<int:pk>/delete/", settings.season_delete, name="season_delete"),
    path("champions/", settings.champions, name="champions"),
    path("champions/compute/", settings.champions_compute, name="champions_compute"),
    path(
        "champions/<int:pk>/confirm/",
        settings.champion_decide,
        {"decision": "confirm"},
        name="champion_confirm",
    ),
    path(
        "champions/<int:pk>/reject/",
        settings.champion_decide,
        {"decision": "reject"},
        name="champion_reject",
    ),
]
