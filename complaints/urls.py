from django.urls import path

from .views import care, complaints

app_name = "complaints"

urlpatterns = [
    path("", complaints.index, name="index"),
    path("new/", complaints.create, name="create"),
    path("mine/", complaints.department_list, name="mine"),
    path("print/", complaints.print_register, name="print_register"),
    path("care/<int:pk>/", care.from_care_feedback, name="from_care_feedback"),
    path("<int:pk>/", complaints.detail, name="detail"),
    path("<int:pk>/print/", complaints.print_form, name="print_form"),
    path("<int:pk>/<slug:action>/", complaints.take_step, name="step"),
]
