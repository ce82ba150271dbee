"""English and Turkish, from one Qt catalogue, without Qt in the core or the CLI.

Design: `ccs_desktop/i18n/ccs_desktop_tr.ts` is the one catalogue of every user-visible string (extracted by
`pyside6-lupdate`, see scripts/update_translations.py); `ccs_desktop_en.ts` holds only English plural forms
(`lupdate -pluralonly`: "%n contact(s)" needs "contact"/"contacts", Turkish has one form). Each is compiled to
`.qm` by our pure-Python `core.qm.compile_ts` - at build time by setup.py, or, in a source checkout or an
editable install, on first use into the user cache. Either way the file is named after the .ts checksum, so an
edited .ts is never served by an old .qm.
The GUI installs a real `QTranslator` on that same .qm; the core and the CLI read it with `core.qm.Catalogue`,
so `ccs-desktop --help` and the non-GUI commands never load Qt, yet speak the same Turkish as the window.

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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ccs_desktop.core.qm import Catalogue

LANGUAGES = ("en", "tr")
LANGUAGE_NAMES = {"en": "English", "tr": "Türkçe"}
CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "i18n"
PREFIX = "ccs_desktop_"

_language: str | None = None
_catalogues: dict[str, Catalogue | None] = {}


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


def qm_file(language: str) -> Path | None:
    """A compiled catalogue for the current .ts: the one the build put beside it, else one compiled now into the
    user cache (a source checkout or an editable install has no build step)."""
    try:
        data = (CATALOGUE_DIR / f"{PREFIX}{language}.ts").read_bytes()
    except OSError:
        return None
    name = qm_name(language, data)
    for folder in (CATALOGUE_DIR, _cache_dir()):
        if (folder / name).is_file():
            return folder / name
    import tempfile  # noqa: PLC0415 - only to compile, once per catalogue version

    from ccs_desktop.core.qm import compile_ts  # noqa: PLC0415

    compiled = compile_ts(data)
    for folder in (_cache_dir(), Path(tempfile.gettempdir()) / "ccs-desktop-i18n"):
        if (folder / name).is_file():
            return folder / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = folder / f"{name}.{os.getpid()}.part"
            partial.write_bytes(compiled)
            return partial.replace(folder / name)  # atomic: a concurrent start sees all of it or none
        except OSError:
            continue
    return None


def _cache_dir() -> Path:
    from ccs_desktop.core.paths import cache_dir  # noqa: PLC0415 - platformdirs, only for a Turkish start

    return cache_dir() / "i18n"


def catalogue(language: str) -> Catalogue | None:
    if language not in _catalogues:
        from ccs_desktop.core.qm import Catalogue, QmError  # noqa: PLC0415

        path = qm_file(language)
        try:
            _catalogues[language] = Catalogue(path.read_bytes()) if path else None
        except (OSError, QmError):
            _catalogues[language] = None
    return _catalogues[language]


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`QCoreApplication.translate` without Qt: the text in the current language, `%n`/`%Ln` replaced."""
    lang = language()
    found = None
    if lang != "en" or n >= 0:  # English needs its catalogue only for plural forms
        book = catalogue(lang)
        found = book.lookup(context, text, disambiguation or "", n) if book else None
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
