"""FD-8: document numbers run per year and category with no gaps; search by number, category and
text; corrections never touch the number."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdesk.models import Document, DocumentCounter
from frontdesk.queries.documents import register
from frontdesk.rules.documents import document_number
from frontdesk.services import documents as services
from frontdesk.services.errors import FrontDeskError

pytestmark = pytest.mark.django_db

BEIJING = timezone.get_fixed_timezone(8 * 60)


def data(handler, **overrides) -> services.DocumentData:
    fields = {
        "category": "CONTRACT",
        "direction": "INCOMING",
        "document_date": timezone.localdate(),
        "title": "阳光小区3-501施工合同",
        "sender": "王先生",
        "recipient": "客服部",
        "handler": handler,
        "filing_location": "档案柜A-3",
        "summary": "",
    }
    return services.DocumentData(**{**fields, **overrides})


def test_fd8_number_format():
    assert document_number("HT", 2026, 7) == "HT2026-0007"
    with pytest.raises(ValueError):
        document_number("HT", 2026, 0)


def test_fd8_numbers_run_per_category_without_gaps(front_desk):
    with time_machine.travel(datetime(2026, 5, 6, 10, tzinfo=BEIJING), tick=False):
        numbers = [
            services.register_document(data=data(front_desk, category=c), by=front_desk).number
            for c in ["CONTRACT", "CONTRACT", "FAX", "CONTRACT", "LETTER"]
        ]
    assert numbers == ["HT2026-0001", "HT2026-0002", "CZ2026-0001", "HT2026-0003", "XH2026-0001"]


def test_fd8_a_new_year_starts_again_at_one(front_desk):
    with time_machine.travel(datetime(2026, 12, 31, 17, tzinfo=BEIJING), tick=False):
        services.register_document(data=data(front_desk), by=front_desk)
    with time_machine.travel(datetime(2027, 1, 4, 9, tzinfo=BEIJING), tick=False):
        document = services.register_document(data=data(front_desk), by=front_desk)
    assert (document.number, document.year, document.seq) == ("HT2027-0001", 2027, 1)


def test_fd8_a_refused_registration_uses_no_number(front_desk):
    with pytest.raises(FrontDeskError) as exc:
        services.register_document(data=data(front_desk, filing_location=" "), by=front_desk)
    assert str(exc.value) == "Fill in the title, both parties and where the paper is filed."
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(FrontDeskError) as exc:
        services.register_document(data=data(front_desk, document_date=tomorrow), by=front_desk)
    assert str(exc.value) == "The document date cannot be in the future."
    document = services.register_document(data=data(front_desk), by=front_desk)
    assert document.seq == 1
    assert DocumentCounter.objects.get().last_seq == 1


def test_fd8_only_the_front_desk_registers(cs_agent, front_desk):
    with pytest.raises(FrontDeskError) as exc:
        services.register_document(data=data(front_desk), by=cs_agent)
    assert str(exc.value) == "Only the front desk registers documents."


def test_fd8_correction_keeps_the_number_and_is_audited(front_desk, customer_manager):
    document = services.register_document(data=data(front_desk), by=front_desk)
    services.update_document(
        document=document,
        by=customer_manager,
        filing_location="档案柜B-1",
        handler=customer_manager,
    )
    document.refresh_from_db()
    assert (document.number, document.filing_location, document.handler) == (
        f"HT{document.year}-0001",
        "档案柜B-1",
        customer_manager,
    )
    assert document.history.count() == 2
    assert document.history.first().history_user == customer_manager
    with pytest.raises(ValueError):
        services.update_document(document=document, by=front_desk, category="FAX")


def test_fd8_search_by_number_category_direction_and_text(front_desk):
    contract = services.register_document(data=data(front_desk), by=front_desk)
    fax = services.register_document(
        data=data(
            front_desk,
            category="FAX",
            direction="OUTGOING",
            title="材料报价",
            recipient="东方建材",
            summary="瓷砖报价单",
        ),
        by=front_desk,
    )
    assert list(register(q=contract.number)) == [contract]
    assert list(register(q=contract.number.lower())) == [contract]
    assert list(register(category="FAX")) == [fax]
    assert list(register(direction="INCOMING")) == [contract]
    assert list(register(q="瓷砖")) == [fax]
    assert list(register(q="东方")) == [fax]
    assert set(register(q="档案柜A")) == {fax, contract}
    assert list(register(year=contract.year + 1)) == []
    assert Document.objects.count() == 2
