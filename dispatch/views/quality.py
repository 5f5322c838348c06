"""The quality gate's pages (QG-1..3): the holds history with lifting and evaluation on demand,
and 我的业绩 for designers and the design manager's team view."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leads.queries.performance import open_callbacks_on_leads_of
from staff.access import role_required
from staff.models import Role

from .. import services
from ..forms.quality import LiftHoldForm
from ..models import QualityHold
from ..queries import quality as quality_queries
from .access import CONFIGURE, LIFT_HOLD, board_required

HOLDS_SHOWN = 100


@board_required
def holds(request: HttpRequest) -> HttpResponse:
    """Every hold, lift and override (QG-2), newest first."""
    context = {
        "holds": quality_queries.holds()[:HOLDS_SHOWN],
        "today": timezone.localdate(),
        "can_lift": request.user.has_perm(LIFT_HOLD),
        "can_evaluate": request.user.has_perm(CONFIGURE) or request.user.has_perm(LIFT_HOLD),
        "form": LiftHoldForm(),
    }
    return render(request, "dispatch/holds.html", context)


@require_POST
@permission_required(LIFT_HOLD, raise_exception=True)
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    hold = get_object_or_404(QualityHold, pk=pk)
    form = LiftHoldForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.lift_hold(hold=hold, by=request.user, reason=reason)
    except services.DispatchError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Hold of %(name)s lifted.") % {"name": hold.designer.get_full_name()}
        )
    return redirect("dispatch:holds")


@require_POST
@board_required
def evaluate(request: HttpRequest) -> HttpResponse:
    """Run the nightly evaluation now (idempotent): for a manager who wants today's answer."""
    if not (request.user.has_perm(CONFIGURE) or request.user.has_perm(LIFT_HOLD)):
        raise PermissionDenied
    started = services.evaluate_quality_holds(today=timezone.localdate(), by=request.user)
    messages.success(request, _("Evaluated: %(n)d new holds.") % {"n": len(started)})
    return redirect("dispatch:holds")


# --- 我的业绩 ------------------------------------------------------------------------------------


@role_required(Role.DESIGNER)
def my_record(request: HttpRequest) -> HttpResponse:
    """The designer's own record: this month and quarter against the tier, holds, callbacks."""
    today = timezone.localdate()
    records = quality_queries.team_records(today, ids=[request.user.pk])
    context = {
        "record": records[0] if records else None,
        "holds": quality_queries.holds(designer=request.user)[:20],
        "callbacks": list(open_callbacks_on_leads_of(request.user.pk)[:50]),
        "today": today,
    }
    return render(request, "dispatch/my_record.html", context)


@role_required(Role.DESIGN_MANAGER, Role.GM)
def team_record(request: HttpRequest) -> HttpResponse:
    """The design manager's view of every designer's record (the same figures)."""
    today = timezone.localdate()
    context = {"records": quality_queries.team_records(today), "today": today}
    return render(request, "dispatch/team_record.html", context)
