"""English and Turkish, from one Qt catalogue, without Qt in the core or the CLI.

Design: `resources/i18n/ccs_desktop_tr.ts` is the one catalogue of every user-visible string (extracted by
`pyside6-lupdate`, see scripts/update_translations.py); `ccs_desktop_en.ts` holds only English plural forms
(`lupdate -pluralonly`: "%n contact(s)" needs "contact"/"contacts", Turkish has one form).
The GUI loads them compiled to `.qm` by Qt's `lrelease` into a `QTranslator` (services/translation.py): setup.py
builds the .qm into the package, and a source checkout or an editable install compiles them into the user cache
on first use. The core and the CLI read the same .ts directly (XML, parsed only when a translation is needed),
so `ccs-desktop --help` and the non-GUI commands never load Qt, yet speak the same Turkish as the window; the
plural form a count takes comes from `PLURAL_FORMS`, gettext expressions evaluated by the standard library.

How code marks a string (lupdate extracts exactly these forms; keep the text a literal):
- in QObject subclasses (ui/, services/, app.py): `self.tr("Hang up")`, plurals `self.tr("%n call(s)", "", n)`;
- elsewhere: `Core.tr(...)` / `Cli.tr(...)` (contexts declared below) or `QCoreApplication.translate("Ctx", ...)`
  in the GUI; a plural's count goes in third place: `Cli.tr("%Ln contact(s) exported.", "", count)`.
Placeholders are `str.format` names (`{host}`), formatted after translation; `%n` (`%Ln`: grouped digits) is the
count of a plural. Log messages stay English.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable

LANGUAGES = ("en", "tr")
LANGUAGE_NAMES = {"en": "English", "tr": "Türkçe"}
# Which of a message's plural forms a count takes: gettext's Plural-Forms expression per language, the same rule
# Qt applies to the .qm (tests/core/test_i18n.py compares the two): English "1 contact"/"2 contacts"; Qt gives
# Turkish a single form.
PLURAL_FORMS = {"en": "n != 1", "tr": "0"}
PACKAGE = Path(__file__).resolve().parent.parent
# The GUI's resources: built into the package by setup.py (a wheel, the PyInstaller bundle), else the source
# checkout's top-level resources/ (a checkout or an editable install, which has no build step).
RESOURCES = PACKAGE / "resources" if (PACKAGE / "resources").is_dir() else PACKAGE.parent / "resources"
CATALOGUE_DIR = RESOURCES / "i18n"
PREFIX = "ccs_desktop_"

_language: str | None = None
_catalogues: dict[str, dict[tuple[str, str, str], tuple[str, ...]]] = {}
_plurals: dict[str, Callable[[int], int]] = {}


class TsMessage(NamedTuple):  # (not a dataclass: importing dataclasses costs the CLI ~10 ms)
    context: str
    source: str
    comment: str  # the disambiguation
    numerus: bool
    translations: tuple[str, ...]  # one, or one per plural form
    finished: bool


def system_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The language of the POSIX locale (LC_ALL, LC_MESSAGES, LANG; GNU's LANGUAGE list first), else English."""
    env = os.environ if environ is None else environ
    locale_name = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    if locale_name.split(".")[0] in ("", "C", "POSIX"):
        return "en"  # GNU ignores LANGUAGE under the C locale, and so do we
    for candidate in [*env.get("LANGUAGE", "").split(":"), locale_name]:
        code = candidate.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def resolve(setting: str, system: str | None = None) -> str:
    """The language to use for the `language` setting: `auto` follows the system (or `system` when given)."""
    if setting in LANGUAGES:
        return setting
    return system if system in LANGUAGES else system_language()  # type: ignore[return-value]


def configured_language(config: Path) -> str:
    """The `language` setting, for the CLI that chooses its language before anything else is loaded."""
    from ccs_desktop.core.settings import read_setting  # noqa: PLC0415 - settings imports this module

    return str(read_setting(config, "language"))


def set_language(language: str) -> None:
    global _language  # noqa: PLW0603 - one process speaks one language
    _language = language if language in LANGUAGES else "en"


def language() -> str:
    if _language is None:
        set_language(system_language())
    return _language or "en"


def qm_name(language: str, ts_data: bytes) -> str:
    """Compiled catalogues are named after their source's checksum: a stale one is never picked up."""
    return f"{PREFIX}{language}-{zlib.crc32(ts_data):08x}.qm"


def ts_file(language: str) -> Path:
    return CATALOGUE_DIR / f"{PREFIX}{language}.ts"


def read_ts(data: bytes) -> tuple[str, list[TsMessage]]:
    """The language and every message of a .ts file (obsolete and vanished ones left out)."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - only when a translation is needed

    root = ET.fromstring(data)
    if root.tag != "TS":
        raise ValueError("not a Qt .ts file")
    messages: list[TsMessage] = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ()
            elif numerus:
                forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            source, comment = message.findtext("source") or "", message.findtext("comment") or ""
            messages.append(TsMessage(name, source, comment, numerus, forms, kind != "unfinished"))
    return root.get("language", ""), messages


def catalogue(language: str) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(context, source, disambiguation) -> the finished translation's forms, as lrelease would keep them."""
    if language not in _catalogues:
        try:
            _, messages = read_ts(ts_file(language).read_bytes())
        except (OSError, ValueError, SyntaxError):  # (ElementTree's ParseError is a SyntaxError)
            messages = []
        _catalogues[language] = {
            (m.context, m.source, m.comment): m.translations
            for m in messages
            if m.finished and any(m.translations)
        }
    return _catalogues[language]


def plural_form(language: str, n: int) -> int:
    """The index of the plural form `n` takes in `language` (gettext's evaluator on PLURAL_FORMS)."""
    if language not in _plurals:
        from gettext import c2py  # noqa: PLC0415 - argparse has imported gettext already

        _plurals[language] = c2py(PLURAL_FORMS.get(language, "n != 1"))
    return _plurals[language](n)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`QCoreApplication.translate` without Qt: the text in the current language, `%n`/`%Ln` replaced."""
    lang = language()
    found = None
    if lang != "en" or n >= 0:  # English needs its catalogue only for plural forms
        book = catalogue(lang)
        # like QTranslator: a miss with a disambiguation retries without it
        forms = book.get((context, text, disambiguation or "")) or book.get((context, text, ""))
        if forms:
            found = forms[min(plural_form(lang, n) if n >= 0 else 0, len(forms) - 1)]
    result = found or text
    if n >= 0:
        result = result.replace("%Ln", group_digits(n, lang)).replace("%n", str(n))
    return result


def group_digits(n: int, language: str) -> str:
    """12,345 in English, 12.345 in Turkish (what QLocale's %Ln gives)."""
    grouped = f"{n:,}"
    return grouped.replace(",", ".") if language == "tr" else grouped


class Context:
    """`Q_DECLARE_TR_FUNCTIONS` for plain Python. lupdate takes the context from the variable's name, so the
    name and the string must be the same (a test checks): `Cli = Context("Cli")`, then `Cli.tr("...")`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translate(self.name, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # lupdate knows it by this name
    """Marks a string for the catalogue without translating it (for texts translated later, by key)."""
    del context
    return text


Core = Context("Core")  # errors and texts of ccs_desktop.core
Cli = Context("Cli")  # what the `ccs-desktop` command prints
