"""Phone normalisation (LEAD-1), masking (SEC-1)."""

import pytest

from staff.phones import InvalidPhone, PhoneError, is_mobile, mask_phone, normalize_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        (" 138 1234 5678 ", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("138.1234.5678", "13812345678"),
        ("(138)12345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-13812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),  # full-width digits
        ("013812345678", "13812345678"),  # trunk 0 dialled from a landline
        ("19912345678", "19912345678"),
    ],
)
def test_lead1_mobile_numbers_normalise_to_eleven_digits(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010-62345678", "010-62345678"),
        ("01062345678", "010-62345678"),
        ("(010) 6234 5678", "010-62345678"),
        ("010 6234-5678", "010-62345678"),
        ("021-52345678", "021-52345678"),
        ("0755-2345678", "0755-2345678"),
        ("0755 82345678", "0755-82345678"),
        ("+86 10 62345678", "010-62345678"),
        ("0086-755-82345678", "0755-82345678"),
        ("+86 010 62345678", "010-62345678"),
        ("０１０－６２３４５６７８", "010-62345678"),  # full-width
        ("010—62345678", "010-62345678"),  # em dash
    ],
)
def test_lead1_landlines_normalise_with_area_code(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010-62345678-123", "010-62345678-123"),
        ("010-62345678转123", "010-62345678-123"),
        ("010 62345678 转 8", "010-62345678-8"),
        ("010-62345678 ext 4567", "010-62345678-4567"),
        ("010-62345678 ext.45", "010-62345678-45"),
        ("01062345678-123", "010-62345678-123"),
        ("0755-2345678分机12", "0755-2345678-12"),
    ],
)
def test_lead1_landline_extension_is_kept(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", PhoneError.EMPTY),
        ("   ", PhoneError.EMPTY),
        ("62345678", PhoneError.NEEDS_AREA_CODE),
        ("6234-5678", PhoneError.NEEDS_AREA_CODE),
        ("2345678", PhoneError.NEEDS_AREA_CODE),
        ("1381234567", PhoneError.BAD_MOBILE),  # 10 digits
        ("138123456789", PhoneError.BAD_MOBILE),  # 12 digits
        ("12812345678", PhoneError.BAD_MOBILE),  # 12x is not a mobile prefix
        ("13812345678转12", PhoneError.BAD_MOBILE),  # mobiles have no extension
        ("010-12345678", PhoneError.BAD_LANDLINE),  # local starts with 1
        ("010-02345678", PhoneError.BAD_LANDLINE),  # local starts with 0
        ("010-623456", PhoneError.BAD_LANDLINE),  # local too short
        ("010-623456789", PhoneError.BAD_LANDLINE),  # local too long
        ("011-62345678", PhoneError.UNRECOGNISED),  # 011 is no area code
        ("phone me", PhoneError.UNRECOGNISED),
        ("138abc45678", PhoneError.UNRECOGNISED),
        ("12345", PhoneError.BAD_MOBILE),
        ("99999", PhoneError.UNRECOGNISED),
    ],
)
def test_lead1_bad_phone_numbers_are_refused_with_reason(raw: str, reason: PhoneError) -> None:
    with pytest.raises(InvalidPhone) as caught:
        normalize_phone(raw)
    assert caught.value.reason == reason


def test_lead1_invalid_phone_is_a_value_error() -> None:
    with pytest.raises(ValueError) as caught:
        normalize_phone("62345678")
    assert caught.value.raw == "62345678"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("13812345678", True),
        ("+86 138 1234 5678", True),
        ("010-62345678", False),
        ("62345678", False),
        ("", False),
    ],
)
def test_lead1_is_mobile(phone: str, expected: bool) -> None:
    assert is_mobile(phone) is expected


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("13812345678", "138****5678"),
        ("010-62345678", "010-****5678"),
        ("0755-2345678", "0755-***5678"),
        ("010-62345678-123", "010-****5678-123"),
        ("62345678", "****5678"),
        ("abc12345", "****2345"),
        ("1234", "****"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_sec1_mask_phone_keeps_last_four_digits(phone: str, expected: str) -> None:
    assert mask_phone(phone) == expected
