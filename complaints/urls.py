from django.urls import path

from . import views, views_care

app_name = "complaints"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("mine/", views.department_list, name="mine"),
    path("print/", views.print_register, name="print_register"),
    path("care/<int:pk>/", views_care.from_care_feedback, name="from_care_feedback"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/print/", views.print_form, name="print_form"),
    path("<int:pk>/<slug:action>/", views.take_step, name="step"),
]
