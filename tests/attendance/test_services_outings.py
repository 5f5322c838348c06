"""ATT-6: business outings need the supervisor's approval and an entry in the register."""

import datetime as dt

import pytest
from django.utils import translation

from attendance import services
from attendance.models import OutingStatus
from attendance.services import AttendanceError
from staff.models import Notification
from tests.attendance.conftest import beijing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = dt.date(2026, 3, 11)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def request(person, **extra):
    values = {
        "day": TODAY,
        "planned_out": dt.time(14),
        "planned_back": dt.time(16),
        "destination": "望京西园三区",
        "purpose": "量房",
        **extra,
    }
    return services.request_outing(staff=person, by=person, **values)


def test_att6_outing_goes_to_the_direct_supervisor(chain, frozen):
    outing = request(chain.clerk)
    assert (outing.status, outing.approver) == (OutingStatus.PENDING, chain.lead)
    assert Notification.objects.filter(recipient=chain.lead).count() == 1


def test_att6_register_refuses_an_outing_not_yet_approved(chain, frozen, front_desk):
    outing = request(chain.clerk)
    with pytest.raises(AttendanceError, match="^The supervisor has not approved this outing.$"):
        services.register_out(outing=outing, by=front_desk)


def test_att6_approved_outing_is_registered_out_and_back(chain, frozen, front_desk):
    outing = request(chain.clerk)
    services.decide_outing(outing=outing, by=chain.lead, approve=True)
    services.register_out(outing=outing, by=front_desk, at=beijing(2026, 3, 11, 14, 5))
    outing = services.register_back(outing=outing, by=front_desk, at=beijing(2026, 3, 11, 15, 50))
    assert (outing.out_at, outing.back_at, outing.registered_by) == (
        beijing(2026, 3, 11, 14, 5),
        beijing(2026, 3, 11, 15, 50),
        front_desk,
    )
    assert outing.history.count() == 4


def test_att6_back_before_out_is_refused(chain, frozen, front_desk):
    outing = request(chain.clerk)
    services.decide_outing(outing=outing, by=chain.lead, approve=True)
    with pytest.raises(AttendanceError, match="^Record the departure first.$"):
        services.register_back(outing=outing, by=front_desk)
    services.register_out(outing=outing, by=front_desk, at=beijing(2026, 3, 11, 14, 5))
    with pytest.raises(AttendanceError, match="^The return must be after the departure.$"):
        services.register_back(outing=outing, by=front_desk, at=beijing(2026, 3, 11, 14, 0))


def test_att6_only_the_direct_supervisor_decides(chain, frozen):
    outing = request(chain.clerk)
    with pytest.raises(AttendanceError, match="^This outing is not waiting for your decision.$"):
        services.decide_outing(outing=outing, by=chain.manager, approve=True)


def test_att6_refused_outing_cannot_be_registered(chain, frozen, front_desk):
    outing = request(chain.clerk)
    services.decide_outing(outing=outing, by=chain.lead, approve=False, comment="改天")
    with pytest.raises(AttendanceError):
        services.register_out(outing=outing, by=front_desk)


def test_att6_only_front_desk_or_hr_keep_the_register(chain, frozen):
    outing = request(chain.clerk)
    services.decide_outing(outing=outing, by=chain.lead, approve=True)
    with pytest.raises(
        AttendanceError, match="^Only the front desk or HR keeps the outing register.$"
    ):
        services.register_out(outing=outing, by=chain.lead)


def test_att6_top_of_the_firm_needs_no_approval(chain, frozen):
    assert request(chain.gm).status == OutingStatus.APPROVED


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"planned_back": dt.time(13)}, "The planned return must be after the departure."),
        ({"day": dt.date(2026, 3, 10)}, "An outing cannot be requested for a past day."),
    ],
)
def test_att6_request_refusals(chain, frozen, extra, message):
    with pytest.raises(AttendanceError, match=f"^{message}$"):
        request(chain.clerk, **extra)
