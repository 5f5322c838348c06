"""Team mood and good cases (情绪晴雨表, 典型案例, FD-9)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint
from leads.models import Callback
from staff.models import Staff

from ..models import CallRecord, GoodCase, MoodCheckIn
from .common import require_perm
from .errors import FrontDeskError

MOOD_PERMISSION = "frontdesk.add_moodcheckin"


@transaction.atomic
def check_in_mood(*, by: Staff, mood: int, note: str = "") -> MoodCheckIn:
    """Today's mood of the signed-in agent, 1 to 5; a second check-in the same day replaces it."""
    require_perm(by, MOOD_PERMISSION, _("Only agents and the front desk check in their mood."))
    if mood not in range(1, 6):
        raise FrontDeskError(_("Choose a mood from 1 to 5."))
    today = timezone.localdate()
    values = {"mood": mood, "note": (note or "").strip()[:200]}
    try:
        with transaction.atomic():
            checkin, _created = MoodCheckIn.objects.update_or_create(
                agent=by, day=today, defaults=values
            )
    except IntegrityError:
        # Race: a double click created the row in between; update the one that exists.
        MoodCheckIn.objects.filter(agent=by, day=today).update(**values)
        checkin = MoodCheckIn.objects.get(agent=by, day=today)
    return checkin


def _credited(call: CallRecord | None, complaint: Complaint | None, callback: Callback | None):
    """Whose good work it is, unless the manager names someone."""
    if call is not None:
        return call.agent
    if complaint is not None:
        return complaint.replied_by or complaint.handled_by or complaint.registered_by
    return callback.done_by or callback.assignee


@transaction.atomic
def mark_good_case(
    *,
    by: Staff,
    note: str,
    call_record: CallRecord | None = None,
    complaint: Complaint | None = None,
    callback: Callback | None = None,
    staff: Staff | None = None,
) -> GoodCase:
    """Hold a call, complaint or callback up as a good case for the monthly meeting (FD-9)."""
    require_perm(by, "frontdesk.add_goodcase", _("Only managers mark good cases."))
    subjects = [s for s in (call_record, complaint, callback) if s is not None]
    if len(subjects) != 1:
        raise FrontDeskError(_("Choose one call, complaint or callback."))
    if not (note or "").strip():
        raise FrontDeskError(_("Say why it is a good case."))
    if callback is not None and callback.done_at is None:
        raise FrontDeskError(_("Only a callback that was made can be a good case."))
    subject = {"call_record": call_record, "complaint": complaint, "callback": callback}
    if GoodCase.objects.filter(**{k: v for k, v in subject.items() if v is not None}).exists():
        raise FrontDeskError(_("This is already a good case."))
    return GoodCase.objects.create(
        staff=staff or _credited(call_record, complaint, callback),
        note=note.strip(),
        marked_by=by,
        marked_at=timezone.now(),
        **subject,
    )
