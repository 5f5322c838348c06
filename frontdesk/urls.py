from django.urls import path

from . import views

app_name = "frontdesk"

urlpatterns = [
    path("", views.index, name="index"),
]
