"""The front desk's home page (frontdesk:index): the working page of the desk."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from staff.access import role_required

from ..forms.quality import MoodForm
from ..navigation import AREA_ROLES
from ..queries.appointments import appointments_on
from ..queries.handover import to_take_over
from ..queries.home import today_counts
from ..queries.quality import open_alerts
from ..queries.team import mood_today
from .common import context, maybe_url, outing_register_url

HOME_APPOINTMENTS = 20


@role_required(*AREA_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = context(request, "home", today=today, counts=today_counts(today))
    desk = page["desk"]
    page.update(
        appointments=list(appointments_on(today)[:HOME_APPOINTMENTS])
        if desk.see_appointments
        else [],
        handover=to_take_over(request.user) if desk.hand_over else None,
        mood=mood_today(request.user) if desk.check_in_mood else None,
        mood_form=MoodForm(),
        alerts=list(open_alerts()[:5]) if desk.see_quality else [],
        outing_register_url=outing_register_url(request),
        callbacks_url=maybe_url("leads:callbacks"),
    )
    return render(request, "frontdesk/index.html", page)
