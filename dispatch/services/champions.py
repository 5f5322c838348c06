"""Signing champions (DISP-4): computed from signed contracts, confirmed by a manager.

Only a CONFIRMED title raises the caps, within its window: a quarterly title in the next
quarter, an annual title in every quarter of the next year. A tie shares the title.
"""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff
from staff.services import notify_many

from .. import queries, rules
from ..models import Champion
from .errors import DispatchError, require_perm

CONFIRM = "dispatch.confirm_champion"


@transaction.atomic
def propose_champions(*, kind: str, period_start: date, by: Staff | None = None) -> list[Champion]:
    """(Re)compute the champions of the period holding `period_start` and propose them.

    Idempotent: decided titles are never touched; proposals that are no longer the top are
    withdrawn. Managers who confirm titles are told about new proposals. `by` None: the
    nightly job.
    """
    if by is not None:
        require_perm(by, CONFIRM, _("Only managers compute signing champions."))
    kind = rules.ChampionKind(kind)
    start, end = rules.period_bounds(kind, period_start)
    counts = queries.signed_counts(start, end)
    winners = rules.pick_champions(counts)
    period = Champion.objects.filter(kind=kind, period_start=start)
    period.filter(status=Champion.Status.PROPOSED).exclude(designer_id__in=winners).delete()
    decided = set(
        period.exclude(status=Champion.Status.PROPOSED).values_list("designer_id", flat=True)
    )
    grants_from, grants_until = rules.grant_window(kind, start)
    created = []
    for designer_id in sorted(winners - decided):
        champion, is_new = Champion.objects.update_or_create(
            kind=kind,
            period_start=start,
            designer_id=designer_id,
            defaults={
                "period_end": end,
                "signed_count": counts[designer_id],
                "grants_from": grants_from,
                "grants_until": grants_until,
                "computed_at": timezone.now(),
            },
        )
        if is_new:
            created.append(champion)
    if created:
        _ask_for_confirmation(created)
    return list(period.select_related("designer"))


def _ask_for_confirmation(titles: list[Champion]) -> None:
    confirmers = Staff.objects.filter(
        is_active=True, groups__permissions__codename="confirm_champion"
    ).distinct()
    for title in titles:
        text = _("%(designer)s is proposed as %(title)s (%(count)s signed); please confirm.") % {
            "designer": title.designer.get_full_name(),
            "title": title.get_kind_display(),
            "count": title.signed_count,
        }
        notify_many(recipients=confirmers, text=text, link=reverse("dispatch:champions"))


@transaction.atomic
def propose_due_champions(*, today: date) -> int:
    """The nightly job: propose the champions of the last complete quarter and year."""
    proposed = 0
    for kind in rules.ChampionKind:
        start, _end = rules.previous_period(kind, today)
        titles = propose_champions(kind=kind, period_start=start)
        proposed += sum(1 for title in titles if title.is_proposed)
    return proposed


def _decide(champion: Champion, by: Staff, status: str, note: str) -> Champion:
    require_perm(by, CONFIRM, _("Only managers confirm or reject signing champions."))
    champion = Champion.objects.select_for_update().get(pk=champion.pk)
    if not champion.is_proposed:
        raise DispatchError(_("This title has already been decided."))
    champion.status = status
    champion.decided_by = by
    champion.decided_at = timezone.now()
    champion.decision_note = note.strip()
    champion._history_user = by
    champion.save()
    return champion


@transaction.atomic
def confirm_champion(*, champion: Champion, by: Staff, note: str = "") -> Champion:
    """From now on the title raises the designer's caps in its window (DISP-4)."""
    return _decide(champion, by, Champion.Status.CONFIRMED, note)


@transaction.atomic
def reject_champion(*, champion: Champion, by: Staff, note: str) -> Champion:
    """A manager does not accept the computed title (e.g. a contract later refunded)."""
    if not note.strip():
        raise DispatchError(_("Say why the title is rejected."))
    return _decide(champion, by, Champion.Status.REJECTED, note)
