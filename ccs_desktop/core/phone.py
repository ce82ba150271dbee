"""Phone numbers: every format agents paste in, one E.164 form inside, and the form CCS should dial.

Agents copy numbers out of CRMs, e-mails and chats as "0532 123 45 67", "+90 (532) 123-4567", "905321234567" or
"5321234567"; all of them are the same customer and must compare equal. phonenumbers (Google's libphonenumber)
knows every region's trunk prefixes and lengths, which hand-written rules get wrong.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import phonenumbers
from phonenumbers import PhoneNumberFormat

from ccs_desktop.core.digits import digits_suffix  # noqa: F401 - its home; re-exported for callers
from ccs_desktop.core.errors import InvalidInput, InvalidNumber
from ccs_desktop.core.i18n import Core

if TYPE_CHECKING:
    from ccs_desktop.core.settings import Settings

DIAL_FORMATS = ("national", "e164", "digits")
DEFAULT_REGION = "TR"
#: Clipboard and free text are scanned only this far: a pasted e-mail thread must not stall anything.
SCAN_LIMIT = 2000

_MAX_INPUT = 64
#: A number libphonenumber does not list is kept if it has the length of a landline or mobile of its region: the
#: region's shortest numbers (7-digit service numbers in TR) would let a cut-off mobile number through.
_POSSIBLE_TYPES = (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE)
_NON_DIGITS = re.compile(r"\D+")
_LETTER = re.compile(r"[^\W\d_]")  # any letter, in any script


@dataclass(frozen=True, order=True)
class PhoneNumber:
    """A parsed number; equality is E.164 equality."""

    e164: str
    country_code: int
    national_number: str  # national significant number, no trunk prefix: 5321234567
    region: str  # ISO region the number belongs to ("TR"), "001" for non-geographic
    #: False for a number of possible length that libphonenumber's metadata does not list (see parse_possible)
    valid: bool = field(default=True, compare=False)

    @property
    def digits(self) -> str:
        return self.e164[1:]

    def national(self) -> str:
        """Formatted the way people of its region write it: 0532 123 45 67."""
        return phonenumbers.format_number(self._parsed(), PhoneNumberFormat.NATIONAL)

    def international(self) -> str:
        return phonenumbers.format_number(self._parsed(), PhoneNumberFormat.INTERNATIONAL)

    def display(self, home_region: str = DEFAULT_REGION) -> str:
        """National form for numbers of the agent's region, international for the rest."""
        return self.national() if self.region == home_region.upper() else self.international()

    def _parsed(self) -> phonenumbers.PhoneNumber:
        return phonenumbers.parse(self.e164, None)


def check_region(region: str) -> str:
    code = (region or "").strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput(
            Core.tr("{region} is not a known region code (examples: TR, DE, GB, US).").format(
                region=repr(region)
            )
        )
    return code


def _wrap(parsed: phonenumbers.PhoneNumber) -> PhoneNumber:
    return PhoneNumber(
        e164=phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
        country_code=parsed.country_code,
        national_number=str(parsed.national_number),
        region=phonenumbers.region_code_for_number(parsed)
        or phonenumbers.region_code_for_country_code(parsed.country_code),
    )


def parse_number(text: str, region: str = DEFAULT_REGION, *, letters: bool = False) -> PhoneNumber:
    """Parse what an agent typed or pasted; raise InvalidNumber with a message fit to show them.

    Letters are an error ("0532 ABC 45 67" would otherwise dial 0532 222 45 67) unless `letters` (the
    keypad_letters setting) asks for them to be read as keypad digits.
    """
    parsed, shown, valid = _parse(text, region, letters)
    if not valid:
        raise InvalidNumber(
            Core.tr("{number} is not a valid phone number for {region}.").format(
                number=repr(shown), region=_region_of(parsed, region)
            )
        )
    return _wrap(parsed)


def parse_possible(text: str, region: str = DEFAULT_REGION, *, letters: bool = False) -> PhoneNumber:
    """Like parse_number, but also accept a number of a possible length that libphonenumber's metadata does not
    (yet) list as valid: numbering plans change before the metadata does. Such a number has `valid` False."""
    parsed, shown, valid = _parse(text, region, letters)
    if valid:
        return _wrap(parsed)
    if any(
        phonenumbers.is_possible_number_for_type_with_reason(parsed, kind)
        == phonenumbers.ValidationResult.IS_POSSIBLE
        for kind in _POSSIBLE_TYPES
    ):
        return replace(_wrap(parsed), valid=False)
    raise InvalidNumber(
        Core.tr("{number} is not a valid phone number for {region}.").format(
            number=repr(shown), region=_region_of(parsed, region)
        )
    )


@functools.lru_cache(maxsize=4096)
def lookup_number(text: str, region: str) -> PhoneNumber | None:
    """parse_possible for "who is this number?" (and a directory's number keys), None for what is no number.

    Memoised (thread-safe, about 1.5 MB when full): parsing is most of a look-up's time (~30 µs of ~70) and a
    ringing number is asked about by the card, the call list and the clipboard card in turn. Keyed by region
    too, so a region change reads numbers anew."""
    try:
        return parse_possible(text, region)
    except InvalidInput:
        return None


def _region_of(parsed: phonenumbers.PhoneNumber, region: str) -> str:
    """The region an error should name: the number's own when it carries another country code (+44 is GB)."""
    if parsed.country_code == phonenumbers.country_code_for_region(region):
        return region
    return phonenumbers.region_code_for_country_code(parsed.country_code) or region


def _parse(text: str, region: str, letters: bool) -> tuple[phonenumbers.PhoneNumber, str, bool]:
    """(parsed number, the text as shown in messages, valid?); InvalidNumber for what is no number at all."""
    region = check_region(region)
    raw = (text or "").strip()
    for prefix in ("tel:", "callto:", "sip:"):
        if raw.lower().startswith(prefix):
            raw = raw[len(prefix) :].split(";")[0].split("@")[0].strip()
            break
    if not raw:
        raise InvalidNumber(Core.tr("No phone number given."))
    shown = raw if len(raw) <= _MAX_INPUT else raw[:_MAX_INPUT] + "…"
    if len(raw) > _MAX_INPUT:
        raise InvalidNumber(Core.tr("{number} is too long to be a phone number.").format(number=repr(shown)))
    if _LETTER.search(raw):
        if not letters:
            raise InvalidNumber(
                Core.tr(
                    "{number} has letters in it; a phone number is digits only"
                    " (the keypad_letters setting dials letters as keypad digits)."
                ).format(number=repr(shown))
            )
        raw = phonenumbers.convert_alpha_characters_in_number(raw)
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidNumber(Core.tr("{number} is not a phone number.").format(number=repr(shown))) from None
    if phonenumbers.is_valid_number(parsed):
        return parsed, shown, True
    # "905321234567" without a plus: libphonenumber tries it as a national number first.
    digits = _NON_DIGITS.sub("", raw)
    retry = _try_international(digits) if digits and not raw.startswith("+") else None
    return (retry, shown, True) if retry is not None else (parsed, shown, False)


def _try_international(digits: str) -> phonenumbers.PhoneNumber | None:
    try:
        parsed = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_valid_number(parsed) else None


def try_parse(
    text: str, region: str = DEFAULT_REGION, *, letters: bool = False, possible: bool = False
) -> PhoneNumber | None:
    """parse_number (or parse_possible) that answers None instead of raising."""
    try:
        return (parse_possible if possible else parse_number)(text, region, letters=letters)
    except InvalidInput:
        return None


def shown(text: str, region: str = DEFAULT_REGION, *, possible: bool = False) -> str:
    """A number as the agent reads it (national at home, international abroad); the text as written when it is
    not one."""
    parsed = try_parse(text, region, possible=possible) if text else None
    return parsed.display(region) if parsed is not None else text


def extract_numbers(text: str, region: str = DEFAULT_REGION, limit: int = SCAN_LIMIT) -> list[PhoneNumber]:
    """Valid numbers in free text, in order of appearance, each once; only the first `limit` characters are read."""
    region = check_region(region)
    found: dict[str, PhoneNumber] = {}
    for match in phonenumbers.PhoneNumberMatcher(text[:limit], region, leniency=phonenumbers.Leniency.VALID):
        number = _wrap(match.number)
        found.setdefault(number.e164, number)
    return list(found.values())


def check_prefix(prefix: str) -> str:
    """An outside-line prefix is what a PBX wants before the number: digits, * and # only ("0", "9", "*71")."""
    text = (prefix or "").strip()
    if text and not re.fullmatch(r"[0-9*#]{1,8}", text):
        raise InvalidInput(
            Core.tr("The outside-line prefix may hold only digits, * and # (at most 8), not {value}.").format(
                value=repr(text)
            )
        )
    return text


def dial_string(
    number: PhoneNumber, dial_format: str, home_region: str = DEFAULT_REGION, prefix: str = ""
) -> str:
    """The string CCS dials: the outside-line prefix, then the number in the dial format.

    `national` is what a PBX in the agent's country expects: 05321234567 for a Turkish number; a foreign number
    gets the international access code instead (00 1 650 ... from Turkey), since a national form would reach
    the wrong line. `e164` is +905321234567 and `digits` is 905321234567.
    """
    return check_prefix(prefix) + _formatted(number, dial_format, home_region)


def prepare_dial(text: str, settings: Settings, dial_format: str | None = None) -> tuple[PhoneNumber, str]:
    """What the agent typed or clicked, read as the settings say (region, keypad letters), and the string CCS
    dials for it (dial format unless `dial_format` is given, outside-line prefix): the CLI and the window dial
    alike. Raises InvalidInput (nothing is sent) for a bad number, region or prefix."""
    region = check_region(settings.get_str("region"))
    number = parse_number(text, region, letters=settings.get_bool("keypad_letters"))
    dialed = dial_string(
        number,
        dial_format or settings.get_str("dial_format"),
        region,
        settings.get_str("outside_line_prefix"),
    )
    return number, dialed


def _formatted(number: PhoneNumber, dial_format: str, home_region: str) -> str:
    if dial_format == "e164":
        return number.e164
    if dial_format == "digits":
        return number.digits
    if dial_format != "national":
        raise InvalidInput(
            Core.tr("Dial format must be one of {choices}, not {value}.").format(
                choices=", ".join(DIAL_FORMATS), value=repr(dial_format)
            )
        )
    home = check_region(home_region)
    parsed = phonenumbers.parse(number.e164, None)
    if number.region == home or number.country_code == phonenumbers.country_code_for_region(home):
        text = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
    else:
        text = phonenumbers.format_out_of_country_calling_number(parsed, home)
    return _NON_DIGITS.sub("", text)
