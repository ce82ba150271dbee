from __future__ import annotations

import pytest

from ccs_desktop.core.errors import InvalidInput, InvalidNumber
from ccs_desktop.core.phone import (
    check_region,
    dial_string,
    digits_suffix,
    extract_numbers,
    lookup_number,
    parse_number,
    parse_possible,
    prepare_dial,
    try_parse,
)
from ccs_desktop.core.settings import Settings

SAME_MOBILE = [
    "0532 123 45 67",
    "+90 (532) 123-4567",
    "905321234567",
    "5321234567",
    "05321234567",
    "0090 532 123 45 67",
    "+90 532 123 45 67",
    "tel:+905321234567",
    "  (0532) 123 4567 ",
]


@pytest.mark.parametrize("text", SAME_MOBILE)
def test_common_formats_parse_to_one_e164(text):
    number = parse_number(text, "TR")
    assert number.e164 == "+905321234567"
    assert number.region == "TR"
    assert number.national_number == "5321234567"


def test_landline_and_foreign_numbers():
    assert parse_number("0212 555 12 34").e164 == "+902125551234"
    us = parse_number("+1 650 253 0000")
    assert us.e164 == "+16502530000"
    assert us.region == "US"
    # a German number written nationally with region DE
    assert parse_number("030 12345678", "DE").e164 == "+493012345678"


def test_country_code_without_plus_for_other_regions():
    # Agents paste international numbers without '+' from CRMs; when the national reading is invalid, try it.
    assert parse_number("4930123456789", "TR").e164 == "+4930123456789"


@pytest.mark.parametrize("text", ["", "   ", "abc", "123", "0532 123", "+90 532 123 45 67 89 12", "5" * 80])
def test_invalid_numbers_raise_a_clear_error(text):
    with pytest.raises(InvalidNumber) as info:
        parse_number(text)
    message = str(info.value)
    assert message
    assert "Traceback" not in message
    assert isinstance(info.value, InvalidInput)
    assert try_parse(text) is None


def test_long_garbage_is_shortened_in_the_message():
    with pytest.raises(InvalidNumber) as info:
        parse_number("9" * 500)
    assert len(str(info.value)) < 150


def test_unknown_region_is_invalid_input():
    with pytest.raises(InvalidInput, match="region"):
        parse_number("0532 123 45 67", "XX")
    assert check_region(" tr ") == "TR"


def test_dial_formats():
    number = parse_number("0532 123 45 67")
    assert dial_string(number, "national") == "05321234567"
    assert dial_string(number, "e164") == "+905321234567"
    assert dial_string(number, "digits") == "905321234567"
    with pytest.raises(InvalidInput):
        dial_string(number, "weird")


def test_national_dialing_of_a_foreign_number_uses_the_international_prefix():
    us = parse_number("+1 650 253 0000")
    assert dial_string(us, "national", "TR") == "0016502530000"
    # the same number dialed from the US is national there
    assert dial_string(us, "national", "US") == "6502530000"


def test_display_forms():
    number = parse_number("905321234567")
    assert number.display("TR") == "0532 123 45 67"
    assert number.display("DE") == "+90 532 123 45 67"


def test_extract_numbers_from_free_text():
    text = (
        "Müşteri Ahmet Yılmaz aradı, cep: 0532 123 45 67, iş: +90 212 555 12 34. "
        "Sipariş no 20241125 ve tutar 1.250,00 TL. Yine cep: 905321234567"
    )
    found = extract_numbers(text, "TR")
    assert [n.e164 for n in found] == ["+905321234567", "+902125551234"]


def test_extract_reads_only_the_first_2000_characters():
    text = "x" * 2100 + " 0532 123 45 67"
    assert extract_numbers(text) == []
    assert [n.e164 for n in extract_numbers("y" * 1900 + " 0532 123 45 67")] == ["+905321234567"]


def test_digits_suffix():
    assert digits_suffix("+90 (532) 123-4567") == "5321234567"
    assert digits_suffix("05321234567") == "5321234567"
    assert digits_suffix("12", 10) == "12"


def test_outside_line_prefix():
    number = parse_number("0532 123 45 67")
    assert dial_string(number, "national", "TR", "9") == "905321234567"
    assert dial_string(number, "e164", "TR", "*71") == "*71+905321234567"
    for bad in ("9a", "+0", "123456789"):
        with pytest.raises(InvalidInput, match="prefix"):
            dial_string(number, "national", "TR", bad)


def test_letters_are_an_error_unless_keypad_letters_is_on():
    with pytest.raises(InvalidNumber, match="letters") as info:
        parse_number("0532 ABC 45 67")  # libphonenumber alone dials 05322224567
    assert "keypad_letters" in str(info.value)
    assert try_parse("0532 ABC 45 67") is None
    with pytest.raises(InvalidNumber, match="letters"):
        parse_number("tel:0850AB12345")
    assert parse_number("0532 ABC 45 67", letters=True).e164 == "+905322224567"
    assert parse_number("0850 ALO TECH", letters=True).e164 == "+908502568324"
    assert parse_number("tel:+905321234567").e164 == "+905321234567"  # the scheme is no letter


def test_errors_name_the_numbers_own_region():
    with pytest.raises(InvalidNumber, match="for GB"):
        parse_number("+44 7700 900123", "TR")
    with pytest.raises(InvalidNumber, match="for TR"):
        parse_number("0532 123", "TR")
    with pytest.raises(InvalidNumber, match="for GB"):
        parse_possible("+44 12", "TR")


def test_possible_numbers_are_kept_but_marked_not_valid():
    number = parse_possible("+44 7700 900123", "TR")
    assert (number.e164, number.region, number.national_number, number.valid) == (
        "+447700900123",
        "GB",
        "7700900123",
        False,
    )
    assert number == parse_possible("+447700900123")  # equality is E.164 equality
    assert parse_possible("0532 123 45 67").valid
    for text in ("123", "0532 123", "12ab"):
        with pytest.raises(InvalidNumber):
            parse_possible(text)


def test_prepare_dial_reads_the_settings_as_the_cli_and_the_window_do(tmp_path):
    settings = Settings(tmp_path / "config.ini")
    assert prepare_dial("0532 123 45 67", settings) == (parse_number("+905321234567"), "05321234567")
    settings.set("outside_line_prefix", "9")
    settings.set("keypad_letters", True)
    number, dialed = prepare_dial("0850 ABC 12 34", settings)
    assert (number.e164, dialed) == ("+908502221234", "908502221234")
    assert (
        prepare_dial("+1 650 253 0000", settings, "e164")[1] == "9+16502530000"
    )  # the flag beats the setting
    settings.set("region", "DE")
    assert prepare_dial("030 1234567", settings)[0].e164 == "+49301234567"
    settings.set("keypad_letters", False)
    with pytest.raises(InvalidNumber):
        prepare_dial("0850 ABC 12 34", settings)  # nothing is sent
    settings.set("region", "XX")
    with pytest.raises(InvalidInput, match="not a known region"):
        prepare_dial("030 1234567", settings)


def test_lookup_number_is_parse_possible_or_none_read_in_the_region_asked():
    assert lookup_number("0532 123 45 67", "TR") == parse_possible("0532 123 45 67", "TR")
    assert lookup_number("650 253 0000", "US").e164 == "+16502530000"
    assert lookup_number("650 253 0000", "TR").e164 == "+906502530000"  # not the memo of the other region
    assert lookup_number("12", "TR") is None
    assert lookup_number("abc", "TR") is None
