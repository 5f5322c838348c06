"""Signing champions: computed from signings, confirmed by a manager (DISP-4)."""

import datetime
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from dispatch import queries
from dispatch.models import Champion
from dispatch.services import (
    DispatchError,
    confirm_champion,
    propose_champions,
    propose_due_champions,
    reject_champion,
)
from dispatch.tasks import propose_champions as propose_task
from leads.models import Contract, LeadState
from staff.models import Notification
from tests.dispatch.factories import ChampionFactory, ReadyLeadFactory

pytestmark = pytest.mark.django_db

Q2 = datetime.date(2026, 4, 1)
NUMBERS = count(1)


def signed(designer, on: datetime.date, n: int = 1, **contract) -> None:
    """`n` leads of `designer`, each with a contract signed on `on`."""
    for _i in range(n):
        lead = ReadyLeadFactory(state=LeadState.SIGNED, designer=designer)
        Contract.objects.create(
            lead=lead,
            number=f"HT-{next(NUMBERS)}",
            contract_type="DESIGN",
            amount=Decimal(60000),
            signed_on=on,
            designer=designer,
            recorded_by=designer,
            **contract,
        )


def test_disp4_signed_counts_per_designer_in_the_period(make_designer):
    a, b = make_designer(), make_designer()
    signed(a, datetime.date(2026, 4, 1), 2)
    signed(b, datetime.date(2026, 6, 30))
    signed(b, datetime.date(2026, 7, 1))  # next quarter
    assert queries.signed_counts(Q2, datetime.date(2026, 6, 30)) == {a.pk: 2, b.pk: 1}


def test_disp4_refunded_contracts_do_not_count(make_designer):
    a = make_designer()
    signed(a, datetime.date(2026, 4, 2), 2)
    signed(a, datetime.date(2026, 4, 3), refunded_at=timezone.now())
    assert queries.signed_counts(Q2, datetime.date(2026, 6, 30)) == {a.pk: 2}


def test_disp4_quarterly_champion_proposed_for_the_next_quarter(make_designer, gm):
    top, other = make_designer(), make_designer()
    signed(top, datetime.date(2026, 5, 5), 3)
    signed(other, datetime.date(2026, 5, 6), 1)

    titles = propose_champions(kind="QUARTERLY", period_start=datetime.date(2026, 5, 20), by=gm)

    assert [(t.designer, t.signed_count, t.status) for t in titles] == [
        (top, 3, Champion.Status.PROPOSED)
    ]
    title = titles[0]
    assert (title.period_start, title.period_end) == (Q2, datetime.date(2026, 6, 30))
    assert (title.grants_from, title.grants_until) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )
    assert Notification.objects.filter(recipient=gm).count() == 1


def test_disp4_annual_champion_grants_every_quarter_of_next_year(make_designer, gm):
    top = make_designer()
    signed(top, datetime.date(2025, 11, 3), 4)
    (title,) = propose_champions(kind="ANNUAL", period_start=datetime.date(2025, 1, 1), by=gm)
    assert (title.grants_from, title.grants_until) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )


def test_disp4_tie_shares_the_title(make_designer, gm):
    a, b = make_designer(), make_designer()
    signed(a, datetime.date(2026, 5, 5), 2)
    signed(b, datetime.date(2026, 5, 6), 2)
    titles = propose_champions(kind="QUARTERLY", period_start=Q2, by=gm)
    assert {t.designer for t in titles} == {a, b}


def test_disp4_recomputing_is_idempotent_and_keeps_decisions(make_designer, gm):
    top = make_designer()
    signed(top, datetime.date(2026, 5, 5), 2)
    (title,) = propose_champions(kind="QUARTERLY", period_start=Q2, by=gm)
    confirm_champion(champion=title, by=gm)
    again = propose_champions(kind="QUARTERLY", period_start=Q2, by=gm)
    assert [(t.pk, t.status) for t in again] == [(title.pk, Champion.Status.CONFIRMED)]


def test_disp4_proposal_withdrawn_when_no_longer_top(make_designer, gm):
    a, b = make_designer(), make_designer()
    signed(a, datetime.date(2026, 5, 5), 1)
    propose_champions(kind="QUARTERLY", period_start=Q2, by=gm)
    signed(b, datetime.date(2026, 5, 6), 2)
    titles = propose_champions(kind="QUARTERLY", period_start=Q2, by=gm)
    assert [t.designer for t in titles] == [b]


def test_disp4_title_counts_only_once_confirmed(make_designer, gm):
    title = ChampionFactory(
        status=Champion.Status.PROPOSED,
        grants_from=datetime.date(2026, 7, 1),
        grants_until=datetime.date(2026, 9, 30),
    )
    day = datetime.date(2026, 7, 15)
    assert queries.champion_ids(day) == frozenset()
    confirm_champion(champion=title, by=gm)
    assert queries.champion_ids(day) == {title.designer_id}
    title.refresh_from_db()
    assert (title.decided_by, title.status) == (gm, Champion.Status.CONFIRMED)


def test_disp4_reject_needs_a_note_and_decides_once(gm):
    title = ChampionFactory(status=Champion.Status.PROPOSED)
    with pytest.raises(DispatchError, match="Say why the title is rejected."):
        reject_champion(champion=title, by=gm, note="")
    reject_champion(champion=title, by=gm, note="一单已退单")
    with pytest.raises(DispatchError, match="This title has already been decided."):
        confirm_champion(champion=title, by=gm)


def test_disp4_only_managers_confirm(designer):
    title = ChampionFactory(status=Champion.Status.PROPOSED)
    with pytest.raises(DispatchError, match="Only managers confirm or reject signing champions."):
        confirm_champion(champion=title, by=designer)


def test_disp4_nightly_job_proposes_last_quarter_and_year(make_designer, eager_celery):
    top = make_designer()
    signed(top, datetime.date(2026, 3, 3), 2)  # Q1 2026
    signed(top, datetime.date(2025, 12, 3), 1)  # 2025
    assert propose_task.delay("2026-04-01").get() == 2
    assert propose_due_champions(today=datetime.date(2026, 4, 2)) == 2  # idempotent
    kinds = set(Champion.objects.values_list("kind", "period_start"))
    assert kinds == {
        ("QUARTERLY", datetime.date(2026, 1, 1)),
        ("ANNUAL", datetime.date(2025, 1, 1)),
    }
