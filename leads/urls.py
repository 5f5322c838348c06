from django.urls import path

from . import views

app_name = "leads"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.lead_detail, name="detail"),
    path("slips/<int:pk>/", views.slip_detail, name="slip_detail"),
]
