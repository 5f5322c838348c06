"""Lead intake rules: LEAD-1 completeness, LEAD-2 duplicates, LEAD-4 size, LEAD-5 lists/credit."""

from datetime import datetime
from decimal import Decimal

import pytest

from leads.rules.intake import (
    CreditReason,
    DetailField,
    DuplicateMatch,
    MatchField,
    OpenLeadSnapshot,
    PhoneListStatus,
    SizeClass,
    SizeThresholds,
    find_duplicate,
    marketing_credit,
    missing_details,
    normalize_address,
    phone_list_status,
    size_class,
)

# --- LEAD-4 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        ("0", SizeClass.SMALL),
        ("29999", SizeClass.SMALL),
        ("29999.99", SizeClass.SMALL),
        ("30000", SizeClass.MEDIUM),
        ("49999", SizeClass.MEDIUM),
        ("50000", SizeClass.LARGE),
        ("1200000", SizeClass.LARGE),
    ],
)
def test_lead4_size_class_by_default_thresholds(budget: str, expected: SizeClass) -> None:
    assert size_class(Decimal(budget)) == expected


@pytest.mark.parametrize(
    ("budget", "expected"),
    [("19999", SizeClass.SMALL), ("20000", SizeClass.MEDIUM), ("80000", SizeClass.LARGE)],
)
def test_lead4_size_thresholds_are_configurable(budget: str, expected: SizeClass) -> None:
    thresholds = SizeThresholds(medium_from=Decimal(20000), large_from=Decimal(80000))
    assert size_class(Decimal(budget), thresholds) == expected


def test_lead4_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="medium_from < large_from"):
        SizeThresholds(medium_from=Decimal(50000), large_from=Decimal(30000))


def test_lead4_negative_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        size_class(Decimal(-1))


# --- LEAD-2 address key -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("community", "building"),
    [
        ("阳光小区", "3号楼2单元501"),
        ("阳光小区 ", " 3号楼 2单元 501"),
        ("阳光小区", "3-2-501"),
        ("阳光小区", "3#2单元501室"),
        ("阳光小区", "3栋2单元501"),
        ("阳光小区", "３号楼２单元５０１"),  # full-width digits
        ("阳光小区3号楼", "2单元501"),  # split differently between the two fields
        (" 阳光 小区", "3 - 2 - 501"),
    ],
)
def test_lead2_address_variants_give_the_same_key(community: str, building: str) -> None:
    assert normalize_address(community, building) == "阳光小区-3-2-501"


def test_lead2_address_letters_are_lowercased_and_half_width() -> None:
    assert normalize_address("Ｓｕｎ Garden", "Ａ座1201") == normalize_address(
        "sun garden", "a-1201"
    )
    assert normalize_address("sun garden", "a-1201") == "sungarden-a-1201"


@pytest.mark.parametrize(
    ("building_a", "building_b"),
    [
        ("3号楼2单元501", "3号楼2单元502"),
        ("3号楼2单元501", "32-501"),
        ("3号楼2单元501", "3楼2单元501"),  # 楼 alone may be a floor: not merged
    ],
)
def test_lead2_different_addresses_keep_different_keys(building_a: str, building_b: str) -> None:
    assert normalize_address("阳光小区", building_a) != normalize_address("阳光小区", building_b)


@pytest.mark.parametrize(
    ("community", "building"), [("阳光小区", ""), ("", "3-2-501"), ("  ", "号楼单元"), ("", "")]
)
def test_lead2_incomplete_address_gives_empty_key(community: str, building: str) -> None:
    assert normalize_address(community, building) == ""


# --- LEAD-2 duplicate match ---------------------------------------------------------------------

OPEN_LEADS = [
    OpenLeadSnapshot(id=7, phone="13900000000", address_key="阳光小区-3-2-501"),
    OpenLeadSnapshot(id=3, phone="13812345678", address_key="月亮湾-1-1-101"),
    OpenLeadSnapshot(id=9, phone="13812345678", address_key="星河苑-5-1-202"),
    OpenLeadSnapshot(id=4, phone="", address_key=""),
]


def test_lead2_phone_match_finds_oldest_open_lead() -> None:
    match = find_duplicate("13812345678", "", OPEN_LEADS)
    assert match == DuplicateMatch(lead_id=3, matched_on=MatchField.PHONE)


def test_lead2_address_match_when_phone_differs() -> None:
    match = find_duplicate("13700000000", "阳光小区-3-2-501", OPEN_LEADS)
    assert match == DuplicateMatch(lead_id=7, matched_on=MatchField.ADDRESS)


def test_lead2_phone_match_wins_over_address_match() -> None:
    match = find_duplicate("13812345678", "阳光小区-3-2-501", OPEN_LEADS)
    assert match == DuplicateMatch(lead_id=3, matched_on=MatchField.PHONE)


def test_lead2_no_match_returns_none() -> None:
    assert find_duplicate("13700000000", "别处-1-1-1", OPEN_LEADS) is None


def test_lead2_blank_phone_and_address_never_match() -> None:
    assert find_duplicate("", "", OPEN_LEADS) is None


# --- LEAD-1 completeness ------------------------------------------------------------------------


def test_lead1_complete_details_miss_nothing() -> None:
    assert missing_details("王先生", "138 1234 5678", "阳光小区3-2-501", Decimal(95)) == []


def test_lead1_everything_missing_lists_all_fields_in_order() -> None:
    assert missing_details(" ", "", "", None) == [
        DetailField.NAME,
        DetailField.PHONE,
        DetailField.ADDRESS,
        DetailField.AREA,
    ]


@pytest.mark.parametrize(
    ("phone", "area", "expected"),
    [
        ("62345678", Decimal(95), [DetailField.PHONE]),  # no area code: not usable
        ("13812345678", Decimal(0), [DetailField.AREA]),
        ("13812345678", Decimal(-5), [DetailField.AREA]),
        ("010-62345678", Decimal("0.5"), []),
    ],
)
def test_lead1_invalid_phone_or_area_counts_as_missing(
    phone: str, area: Decimal, expected: list[DetailField]
) -> None:
    assert missing_details("王先生", phone, "阳光小区3-2-501", area) == expected


# --- LEAD-5 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("13800000001", PhoneListStatus.NEW),
        ("13800000002", PhoneListStatus.VISITED),
        ("13800000003", PhoneListStatus.SIGNED),
        ("13800000004", PhoneListStatus.SIGNED),  # visited and signed: signed
    ],
)
def test_lead5_phone_list_marks_visited_and_signed(phone: str, expected: PhoneListStatus) -> None:
    visited = {"13800000002", "13800000004"}
    signed = {"13800000003", "13800000004"}
    assert phone_list_status(phone, visited, signed) == expected


FILED = datetime(2026, 3, 10, 9, 0)


@pytest.mark.parametrize(
    ("first_visit_at", "allowed", "reason"),
    [
        (None, True, CreditReason.NO_VISIT_YET),
        (datetime(2026, 3, 10, 9, 1), True, CreditReason.FILED_BEFORE_VISIT),
        (datetime(2026, 3, 10, 9, 0), False, CreditReason.FILED_AFTER_VISIT),  # same instant
        (datetime(2026, 3, 9, 15, 0), False, CreditReason.FILED_AFTER_VISIT),
    ],
)
def test_lead5_marketing_credit_only_if_filed_before_first_visit(
    first_visit_at: datetime | None, allowed: bool, reason: CreditReason
) -> None:
    decision = marketing_credit(FILED, first_visit_at)
    assert (decision.allowed, decision.reason) == (allowed, reason)
