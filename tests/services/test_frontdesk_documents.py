"""FD-8 on PostgreSQL: documents registered at the same moment get gapless, unique numbers per
year and category (the counter row is locked while a number is given out)."""

from collections import Counter

import pytest
from django.utils import timezone

from frontdesk.models import Document
from frontdesk.services import documents
from staff.models import Role
from tests.factories import StaffFactory
from tests.services.threads import errors_of

PARALLEL = 12


@pytest.mark.django_db(transaction=True)
def test_fd8_parallel_registrations_get_gapless_numbers_per_category():
    clerks = [StaffFactory(roles=[Role.FRONT_DESK]) for _ in range(PARALLEL)]
    categories = ["CONTRACT", "FAX"]

    def register(index: int) -> None:
        data = documents.DocumentData(
            category=categories[index % 2],
            direction="INCOMING",
            document_date=timezone.localdate(),
            title=f"并发登记{index}",
            sender="物业",
            recipient="客服部",
            handler=clerks[index],
            filing_location="A-1",
        )
        documents.register_document(data=data, by=clerks[index])

    assert errors_of(register, PARALLEL) == []
    year = timezone.localdate().year
    rows = Document.objects.values_list("category", "seq", "number")
    by_category = Counter(category for category, _, _ in rows)
    assert by_category == {"CONTRACT": PARALLEL // 2, "FAX": PARALLEL // 2}
    for category, prefix in (("CONTRACT", "HT"), ("FAX", "CZ")):
        numbers = sorted(number for cat, _, number in rows if cat == category)
        assert numbers == [f"{prefix}{year}-{seq:04d}" for seq in range(1, PARALLEL // 2 + 1)]


@pytest.mark.django_db(transaction=True)
def test_fd8_a_failed_registration_leaves_no_gap_under_concurrency():
    clerk = StaffFactory(roles=[Role.FRONT_DESK])

    def register(index: int) -> None:
        data = documents.DocumentData(
            category="LETTER",
            direction="OUTGOING",
            document_date=timezone.localdate(),
            title=f"信函{index}",
            sender="客服部",
            recipient="客户",
            handler=clerk,
            filing_location="" if index % 3 == 0 else "发文夹",  # every third one is refused
        )
        documents.register_document(data=data, by=clerk)

    errors = errors_of(register, PARALLEL)
    assert len(errors) == PARALLEL // 3
    seqs = sorted(Document.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, PARALLEL - PARALLEL // 3 + 1))
