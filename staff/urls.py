from django.urls import path

from . import views, views_lists

app_name = "staff"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("<int:pk>/", views.staff_detail, name="detail"),
    path("delegations/", views.delegation_list, name="delegations"),
    path("delegations/new/", views.delegation_new, name="delegation_new"),
    path("delegations/<int:pk>/end/", views.delegation_end, name="delegation_end"),
    path("faults/", views.fault_list, name="faults"),
    path("faults/new/", views.fault_new, name="fault_new"),
    path("faults/<int:pk>/withdraw/", views.fault_withdraw, name="fault_withdraw"),
    path("reports/", views.report_list, name="reports"),
    path("reports/awaiting/", views.reports_awaiting, name="reports_awaiting"),
    path("reports/passed/", views.reports_passed, name="reports_passed"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/forward/", views.report_forward, name="report_forward"),
    path("reports/<int:pk>/instruct/", views.report_instruct, name="report_instruct"),
    path("reports/<int:pk>/execute/", views.report_execute, name="report_execute"),
    path("views/", views_lists.panel, name="saved_views"),
    path("views/new/", views_lists.create, name="saved_view_create"),
    path("views/<int:pk>/delete/", views_lists.delete, name="saved_view_delete"),
]
