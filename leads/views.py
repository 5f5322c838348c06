from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from staff.access import role_required

from .models import Lead, TransferSlip
from .navigation import AREA_ROLES


@role_required(*AREA_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "leads/index.html")


@role_required(*AREA_ROLES)
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(Lead, pk=pk)
    return render(request, "leads/index.html", {"lead": lead})


@role_required(*AREA_ROLES)
def slip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    slip = get_object_or_404(TransferSlip, pk=pk)
    return render(request, "leads/index.html", {"slip": slip})
