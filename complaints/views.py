from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from staff.access import role_required

from .navigation import AREA_ROLES


@role_required(*AREA_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/index.html")
