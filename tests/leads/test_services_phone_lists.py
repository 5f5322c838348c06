"""Marketing phone lists: imported whole, marked visited / signed / new (LEAD-5)."""

import pytest
from django.utils import timezone

from leads.models import LeadState, PhoneListEntry
from leads.queries.phone_lists import marked_entries, status_counts
from leads.services.errors import LeadError
from leads.services.filing import FilingError
from leads.services.phone_lists import PhoneRow, import_phone_list
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def test_lead5_import_normalizes_and_merges_repeats(marketing_manager):
    rows = [PhoneRow("138 1111 2222"), PhoneRow("+8613811112222"), PhoneRow("010-62345678")]
    result = import_phone_list(name="望京", rows=rows, by=marketing_manager)
    assert sorted(result.phone_list.entries.values_list("phone", flat=True)) == [
        "010-62345678",
        "13811112222",
    ]
    assert result.message == "2 numbers imported; 1 repeated number(s) were merged."


def test_lead5_one_bad_number_imports_nothing(marketing_manager):
    rows = [PhoneRow("13811112222"), PhoneRow("123")]
    with pytest.raises(FilingError) as refused:
        import_phone_list(name="望京", rows=rows, by=marketing_manager)
    assert str(refused.value.rows[0]).startswith("Row 2: ")
    assert not PhoneListEntry.objects.exists()


def test_lead5_only_the_marketing_manager_imports(marketing_sales):
    with pytest.raises(LeadError, match="Only the marketing manager imports phone lists."):
        import_phone_list(name="x", rows=[PhoneRow("13811112222")], by=marketing_sales)


def test_lead5_numbers_marked_visited_signed_or_new(marketing_manager):
    LeadFactory(phone="13800000001", first_visit_at=timezone.now())
    LeadFactory(phone="13800000002", state=LeadState.SIGNED, first_visit_at=timezone.now())
    LeadFactory(phone="13800000004")  # registered by phone, never came in
    rows = [PhoneRow(f"1380000000{n}") for n in (1, 2, 3, 4)]
    phone_list = import_phone_list(name="x", rows=rows, by=marketing_manager).phone_list
    assert dict(marked_entries(phone_list).values_list("phone", "status")) == {
        "13800000001": "VISITED",
        "13800000002": "SIGNED",
        "13800000003": "NEW",
        "13800000004": "NEW",
    }
    assert status_counts(phone_list) == {"NEW": 2, "VISITED": 1, "SIGNED": 1}
    assert [e.phone for e in marked_entries(phone_list, "SIGNED")] == ["13800000002"]
