from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("<int:pk>/", views.staff_detail, name="detail"),
    path("delegations/", views.delegation_list, name="delegations"),
    path("delegations/new/", views.delegation_new, name="delegation_new"),
    path("delegations/<int:pk>/end/", views.delegation_end, name="delegation_end"),
]
