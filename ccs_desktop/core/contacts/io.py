"""Import and export of contacts as CSV and vCard, the two formats every CRM and phone can produce.

Imports forgive what real files contain (Excel's Windows-1254 bytes or "Unicode Text", ';' or tab separators,
Turkish headers, vCard 2.1 quoted-printable, a few broken rows): every good row is kept, and each bad row, card or
number is reported with its line. A bad number costs that number, not the contact. Re-importing a file updates
instead of duplicating, so an agent can import the same CRM export every week.
"""

from __future__ import annotations

import base64
import codecs
import csv
import io
import itertools
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import vobject

from ccs_desktop.core import bulk
from ccs_desktop.core.contacts.fold import fold
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore, cleaned
from ccs_desktop.core.errors import InvalidInput, InvalidNumber
from ccs_desktop.core.i18n import Core, group_digits, language
from ccs_desktop.core.spreadsheet import spreadsheet_safe, unguard

#: Biggest file we read whole; a contacts export of 100,000 rows is about 10 MB.
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class RowProblem:
    """A row or card that was skipped; `line` is 1-based, where the row or card starts."""

    line: int
    reason: str


@dataclass
class ImportReport:
    """What an import did, for the agent to read: nothing bad is skipped silently.

    `skipped`: rows or cards not imported. `dropped`: numbers left out of a row that was imported. `flagged`:
    numbers kept although libphonenumber does not list them as valid (see ContactNumber.flagged).
    """

    added: int = 0
    merged: int = 0
    skipped: list[RowProblem] = field(default_factory=list)
    dropped: list[RowProblem] = field(default_factory=list)
    flagged: list[RowProblem] = field(default_factory=list)

    def problems(self) -> list[RowProblem]:
        """Everything the agent should read, in file order."""
        return sorted([*self.skipped, *self.dropped, *self.flagged], key=lambda problem: problem.line)


# -- reading files ---------------------------------------------------------------------------------------------


def import_summary(added: int, merged: int, skipped: int, dropped: int = 0) -> str:
    """One line after an import, the same in the CLI and the window."""
    lang = language()
    text = Core.tr("{added} added, {merged} merged, {skipped} skipped.").format(
        added=group_digits(added, lang),
        merged=group_digits(merged, lang),
        skipped=group_digits(skipped, lang),
    )
    if dropped:
        text += " " + Core.tr("%Ln number(s) left out.", "", dropped)
    return text


# Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's). Excel's "Unicode Text" is UTF-16 LE.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _read_text(path: Path) -> list[str]:
    """The file's text, in pieces (core/bulk.py): UTF-16/32 by their BOM, UTF-8 (with or without BOM) if it
    decodes, else Windows-1254, what Excel in Turkey writes."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                Core.tr("{path} is too big to import ({size} MB).").format(path=path, size=size // 1_000_000)
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(Core.tr("{path} does not exist.").format(path=path)) from None
    except IsADirectoryError:
        raise InvalidInput(Core.tr("{path} is a folder, not a file.").format(path=path)) from None
    except OSError as exc:
        raise InvalidInput(
            Core.tr("Cannot read {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bulk.decode(data, codec, errors="replace")
    try:
        return bulk.decode(data, "utf-8-sig")
    except UnicodeDecodeError:
        return bulk.decode(data, "cp1254", errors="replace")


# -- merging ---------------------------------------------------------------------------------------------------


def _save(store: ContactStore, incoming: Contact, numbers: list[ContactNumber], report: ImportReport) -> None:
    """Add `incoming` with its normalised `numbers`, or merge it into the contact it duplicates: same external id,
    else a shared number, else (for a row without numbers) the same name and company. Merging fills empty fields
    and adds numbers."""
    existing = store.get_by_external_id(incoming.external_id) if incoming.external_id else None
    if existing is None:
        for number in numbers:
            found = store.find_by_e164(number.e164)
            if found:
                existing = found[0]
                break
    if existing is None and not numbers:
        found = store.find_by_name(incoming.name, incoming.company)
        existing = found[0] if found else None
    if existing is None:
        store.add(replace(incoming, numbers=numbers))
        report.added += 1
        return
    have = {number.e164 for number in existing.numbers}
    existing.numbers.extend(number for number in numbers if number.e164 not in have)
    for name in ("name", "company", "email", "notes", "external_id"):
        if not getattr(existing, name) and getattr(incoming, name):
            setattr(existing, name, getattr(incoming, name))
    existing.favourite = existing.favourite or incoming.favourite
    store.update(existing)
    report.merged += 1


def _numbers_in(cell: str, label: str) -> list[ContactNumber]:
    """One cell may hold several numbers: "0532 123 45 67 / 0212 555 12 12"."""
    parts = [part.strip() for part in re.split(r"[,;/|]| - ", cell) if part.strip()]
    return [ContactNumber(part, label) for part in parts]


# -- CSV -------------------------------------------------------------------------------------------------------

_FIELDS = {
    "name": {"name", "ad soyad", "adsoyad", "ad ve soyad", "isim", "isim soyisim", "full name", "fullname",
             "display name", "contact", "kisi", "musteri", "musteri adi"},
    "first": {"first name", "firstname", "given name", "ad", "adi"},
    "last": {"last name", "lastname", "surname", "family name", "soyad", "soyadi", "soyisim", "soyismi"},
    "company": {"company", "company name", "organization", "organisation", "org", "firma", "firma adi", "sirket",
                "sirket adi", "kurum", "kurum adi"},
    "email": {"email", "e mail", "mail", "e posta", "eposta", "email address"},
    "notes": {"notes", "note", "not", "notlar", "aciklama", "comments", "comment"},
    "external_id": {"external id", "id", "crm id", "musteri no", "musteri numarasi", "customer id", "uid"},
    "favourite": {"favourite", "favorite", "favori", "fav", "starred"},
}  # fmt: skip
_PHONE_LABELS = {
    "phone": "", "telefon": "", "tel": "", "telefon no": "", "telefon numarasi": "", "numara": "",
    "phone number": "", "cep": "mobile", "cep telefonu": "mobile", "cep tel": "mobile", "mobile": "mobile",
    "mobile phone": "mobile", "cell": "mobile", "gsm": "mobile", "is telefonu": "work", "is tel": "work",
    "is": "work", "work": "work", "work phone": "work", "ev telefonu": "home", "ev tel": "home", "ev": "home",
    "home": "home", "home phone": "home", "faks": "fax", "fax": "fax",
}  # fmt: skip
_NUMBERED_PHONE = re.compile(r"^(?:phone|telefon|tel)\s*(\d+)$")
_NUMBERED_LABEL = re.compile(r"^(?:phone|telefon|tel)\s*(\d+)\s*(?:label|type|etiket|tur)$")
_TRUE = {"1", "true", "yes", "y", "evet", "e", "x", "*", "✓"}


def _header_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text.strip())))


@dataclass
class _Columns:
    """Where each field sits in a CSV row, learnt from its header."""

    fields: dict[str, int] = field(default_factory=dict)
    phones: list[tuple[int, str]] = field(default_factory=list)  # (column, label)
    phone_labels: dict[int, int] = field(default_factory=dict)  # phone column -> its label column


def _map_header(header: list[str]) -> _Columns:
    columns = _Columns()
    numbered: dict[str, int] = {}
    for index, raw in enumerate(header):
        key = _header_key(raw)
        if match := _NUMBERED_LABEL.match(key):
            columns.phone_labels[numbered.get(match.group(1), -1)] = index
            continue
        if match := _NUMBERED_PHONE.match(key):
            numbered[match.group(1)] = index
            columns.phones.append((index, ""))
            continue
        if key in _PHONE_LABELS:
            columns.phones.append((index, _PHONE_LABELS[key]))
            continue
        for name, aliases in _FIELDS.items():
            if key in aliases and name not in columns.fields:
                columns.fields[name] = index
                break
    if not columns.phones and not ({"name", "first", "last"} & columns.fields.keys()):
        raise InvalidInput(
            Core.tr("The first line has no name or phone column (for example: Ad Soyad;Telefon).")
        )
    return columns


def _sniff_delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _csv_contact(row: list[str], columns: _Columns) -> Contact:
    def cell(name: str) -> str:
        index = columns.fields.get(name)
        return unguard(row[index].strip()) if index is not None else ""

    name = cell("name") or " ".join(part for part in (cell("first"), cell("last")) if part)
    numbers: list[ContactNumber] = []
    for index, header_label in columns.phones:
        label_index = columns.phone_labels.get(index)
        label = row[label_index].strip() if label_index is not None else header_label
        numbers += _numbers_in(row[index], label)
    return Contact(
        id=None,
        name=name or cell("company"),
        company=cell("company"),
        numbers=numbers,
        email=cell("email"),
        notes=cell("notes"),
        favourite=fold(cell("favourite")) in _TRUE,
        external_id=cell("external_id"),
    )


def _rows(pieces: list[str]) -> Iterator[tuple[int, list[str] | str]]:
    """(first line, cells) of each row, or (line, why it cannot be read); blank lines skipped.

    Quoted fields may span lines. A broken row costs that row only: a field over the csv module's size limit is
    reported and reading goes on. A quote that is never closed swallows the rest of the file, and one closed only
    by a later row's quote swallows the rows between (the joined row then has the wrong number of columns): either
    is reported on the quote's line, and the lines after it are read again.
    """
    lines = bulk.lines(pieces)
    delimiter = _sniff_delimiter(lines[0] if lines else "")
    width = 0  # columns of the header, the first row
    first = 0  # lines before this index have been read
    while first < len(lines):
        reader = csv.reader(itertools.islice(lines, first, None), delimiter=delimiter)
        restart = None
        while restart is None:
            start = first + reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield start, _csv_error(exc)
                continue
            end = first + reader.line_num
            if end > start:  # rare: only rows with a line break inside quotes are checked
                spanning, still_open, stray = _quotes(lines[start - 1 : end], delimiter)
                if still_open is not None and end == len(lines):
                    yield start + still_open, Core.tr("a quote opened here is never closed")
                    restart = start + still_open
                    continue
                if spanning is not None and width and (stray or len(row) != width):
                    yield (
                        start + spanning,
                        Core.tr(
                            "a quote opened here is never closed (the quote on line {end} was taken as its end)"
                        ).format(end=end),
                    )
                    restart = start + spanning
                    continue
            if any(value.strip() for value in row):
                width = width or len(row)
                yield start, row
        first = restart


def _csv_error(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return Core.tr("a field is longer than {limit} characters").format(
            limit=group_digits(csv.field_size_limit(), language())
        )
    return Core.tr("cannot be read as CSV: {error}").format(error=exc)


def _quotes(lines: list[str], delimiter: str) -> tuple[int | None, int | None, bool]:
    """Where quotes go wrong in the lines of one row: the index of the first line where a quoted field runs on
    past the line's end, the index of the line where a quote opens that is still open at the end (None when there
    is none), and whether a closing quote is followed by text (as when it was meant to open another field).

    The csv module's rules: a quote opens a field only at its start, and inside one '""' is a quote character.
    """
    quoted, opened, at_start, stray = False, 0, True, False
    spanning: int | None = None
    for index, line in enumerate(lines):
        position = 0
        while position < len(line):
            char = line[position]
            if quoted:
                if char == '"':
                    if line[position + 1 : position + 2] == '"':
                        position += 1
                    else:
                        quoted = False
                        stray = stray or line[position + 1 : position + 2] not in ("", delimiter, "\r", "\n")
            elif char == '"' and at_start:
                quoted, opened = True, index
            else:
                at_start = char in (delimiter, "\r", "\n")
            position += 1
        if quoted and spanning is None:
            spanning = index
    return spanning, (opened if quoted else None), stray


#: Seconds of writing per transaction. Readers on other connections never wait for an import (WAL); writers (the
#: call cache saving a page, a note) queue for the file (core.database.WriteQueue) and go between two batches.
#: An import that stops half-way is finished by running it again, since re-imports merge.
BATCH_SECONDS = 1.0
T = TypeVar("T")


def _in_batches(store: ContactStore, items: Iterable[T]) -> Iterator[T]:
    iterator = iter(items)
    with store.bulk_writes():
        done = False
        while not done:
            deadline = time.monotonic() + BATCH_SECONDS
            with store.transaction():
                for item in iterator:
                    yield item
                    if time.monotonic() > deadline:
                        break
                else:
                    done = True


def import_csv(store: ContactStore, path: Path) -> ImportReport:
    """Import a CSV export from a CRM, Excel or a phone, in transactions of BATCH rows."""
    path = Path(path)
    rows = _rows(_read_text(path))
    report = ImportReport()
    header: list[str] | None = None
    for line, cells in rows:
        if isinstance(cells, str):
            report.skipped.append(RowProblem(line, cells))
        else:
            header = cells
            break
    if header is None:
        raise InvalidInput(Core.tr("{path} is empty.").format(path=path))
    columns = _map_header(header)
    for line, row in _in_batches(store, rows):
        if isinstance(row, str):
            report.skipped.append(RowProblem(line, row))
        elif len(row) != len(header):
            report.skipped.append(
                RowProblem(
                    line,
                    Core.tr("expected {expected} columns, found {found}").format(
                        expected=len(header), found=len(row)
                    ),
                )
            )
        else:
            _import_one(store, _csv_contact(row, columns), line, report)
    return report


def _import_one(store: ContactStore, contact: Contact, line: int, report: ImportReport) -> None:
    """Save one row or card: a bad number costs that number (reported), not the contact."""
    contact = cleaned(contact)
    numbers: dict[str, ContactNumber] = {}
    problems: list[RowProblem] = []
    flagged: list[RowProblem] = []
    for number in contact.numbers:
        try:
            normal = store.normalise_number(number)
        except InvalidNumber as exc:
            problems.append(RowProblem(line, str(exc)))
            continue
        if normal.flagged and normal.e164 not in numbers:
            flagged.append(
                RowProblem(
                    line,
                    Core.tr(
                        "{number} was kept but flagged: it is not in a known number range (check it)"
                    ).format(number=repr(normal.typed)),
                )
            )
        numbers.setdefault(normal.e164, normal)
    if not contact.name and not numbers:
        reasons = [problem.reason for problem in problems] or [Core.tr("no name and no phone number")]
        report.skipped.append(RowProblem(line, "; ".join(reasons)))
        return
    try:
        _save(store, contact, list(numbers.values()), report)
    except InvalidInput as exc:
        report.skipped.append(RowProblem(line, str(exc)))
        return
    report.dropped.extend(problems)
    report.flagged.extend(flagged)


def export_csv(store: ContactStore, path: Path, delimiter: str = ",") -> int:
    """Write every contact as CSV (UTF-8 with BOM, so Excel shows Turkish letters); returns how many.

    ',' is the default because it is what RFC 4180, Google/Outlook contacts and CRM importers expect; Excel with
    a Turkish locale splits on ';' when the file is double-clicked, so callers targeting it can pass ';'.
    Our own import sniffs either. Numbers are E.164; labels sit in "Phone N label" columns.
    """
    contacts = list(store.all())
    width = max((len(contact.numbers) for contact in contacts), default=1) or 1
    header = ["Name", "Company", "Email", "Notes", "Favourite", "External ID"]
    for n in range(1, width + 1):
        header += [f"Phone {n}", f"Phone {n} label"]
    try:
        with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(header)
            for contact in contacts:
                row = [
                    spreadsheet_safe(value)
                    for value in (contact.name, contact.company, contact.email, contact.notes)
                ]
                row += ["1" if contact.favourite else "", spreadsheet_safe(contact.external_id)]
                for number in contact.numbers:
                    row += [number.e164, number.label]
                row += [""] * (len(header) - len(row))
                writer.writerow(row)
    except OSError as exc:
        raise InvalidInput(
            Core.tr("Cannot write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from None
    return len(contacts)


# -- vCard -----------------------------------------------------------------------------------------------------

_VCARD_TYPES = {"cell": "mobile", "mobile": "mobile", "work": "work", "home": "home", "fax": "fax"}
_EXPORT_TYPES = {"mobile": "cell", "work": "work", "home": "home", "fax": "fax"}


def _cards(text: str) -> Iterator[tuple[int, str | None]]:
    """(line where a card starts, its text), or None text for a card that never ends.

    Only the BEGIN/END lines are looked at here; each card is parsed alone, so a broken one costs that card only.
    """
    start, card = 0, None
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        bare = line.rstrip("\r\n")
        upper = bare.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                yield start, None
            start, card = number, [bare]
        elif card is not None:
            card.append(bare)
            if upper == "END:VCARD":
                yield start, "\r\n".join(card) + "\r\n"
                card = None
    if card is not None:
        yield start, None


def _unescape(value: str, version: str) -> str:
    """RFC 2426/6350 backslash escapes (\\n, \\, \\; \\\\); vCard 2.1 escapes only ';' and keeps commas as they are."""
    if version == "2.1":
        return value.replace("\\;", ";")
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _components(value: str, version: str) -> list[str]:
    """The ';'-separated parts of N or ORG, each unescaped."""
    return [_unescape(part, version).strip() for part in re.split(r"(?<!\\);", value)]


def _value(prop: Any, version: str) -> str:
    """A property's text. vobject has already joined folded lines and decoded quoted-printable with its CHARSET;
    base64 (ENCODING=b, or BASE64 in 2.1) is decoded here. Escapes are left to the caller (N and ORG split first)."""
    value = prop.value if isinstance(prop.value, str) else ""
    encoding = [e.upper() for e in prop.params.get("ENCODING", [])] + [
        s.upper() for s in prop.singletonparams
    ]
    if "B" in encoding or "BASE64" in encoding:
        charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
        value = base64.b64decode(value, validate=False).decode(charset, errors="replace")
    return value


# Binary properties (a photo is often hundreds of KB of base64): never read, so never decoded, and a corrupt one
# does not cost its card. "item1.PHOTO;ENCODING=b:..." as well as "PHOTO:...".
_UNUSED = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)


def _without_binaries(text: str) -> str:
    """The card with its binary properties blanked, keeping line numbers for errors. Their value runs on over
    folded lines (starting with a space), or in vCard 2.1's BASE64 over any lines up to a blank one."""
    lines = text.split("\r\n")
    skipping, to_blank = False, False
    for index, line in enumerate(lines):
        if _UNUSED.match(line):
            skipping, to_blank = True, "BASE64" in line.split(":", 1)[0].upper()
        elif not skipping or not (line[:1] in (" ", "\t") or (to_blank and line.strip())):
            skipping = False
            continue
        lines[index] = ""
    return "\r\n".join(lines)


def _vcard_contact(text: str) -> Contact:
    return parse_card(text)[0]


def parse_card(text: str) -> tuple[Contact, list[str]]:
    """One card's contact and its URLs, read with vobject's parser (folding, quoted-printable soft breaks and
    charsets, parameters, groups: vCard 2.1, 3.0 and 4.0). Its 3.0 value rules are not used, since they cut
    unescaped commas ("Acme, Inc.") that 2.1 cards and many 3.0 writers leave in names and notes. Raises whatever
    the card trips on (ParseError, a charset Python lacks...): the caller skips that card."""
    props = []
    for line, number in vobject.base.getLogicalLines(io.StringIO(_without_binaries(text)), allowQP=True):
        try:
            props.append(vobject.base.textLineToContentLine(line, number))
        except vobject.base.ParseError:
            raise
        except Exception as exc:  # a charset Python does not know, bad quoted-printable: name the line
            raise vobject.base.ParseError(f"{type(exc).__name__}: {exc}", number) from None
    version = next((p.value.strip() for p in props if p.name.upper() == "VERSION"), "3.0")
    contact = Contact(id=None, name="")
    structured = ""
    urls: list[str] = []
    for prop in props:
        name = prop.name.upper()
        value = _value(prop, version)
        if name == "FN":
            contact.name = _unescape(value, version).strip()
        elif name == "N":
            family, given, additional, prefix, suffix = [*_components(value, version), "", "", "", ""][:5]
            structured = " ".join(part for part in (prefix, given, additional, family, suffix) if part)
        elif name == "ORG":
            contact.company = _components(value, version)[0]
        elif name == "EMAIL" and not contact.email:
            contact.email = _unescape(value, version).strip()
        elif name == "NOTE":
            contact.notes = _unescape(value, version)
        elif name == "UID":
            contact.external_id = _unescape(value, version).strip()
        elif name == "URL" and value.strip():
            urls.append(_unescape(value, version).replace("\\:", ":").strip())  # old iOS escaped the colon
        elif name == "X-CCS-FAVOURITE":
            contact.favourite = value.strip() == "1"
        elif name == "TEL" and value.strip():
            types = [kind.lower() for param in prop.params.get("TYPE", []) for kind in param.split(",")]
            types += [kind.lower() for kind in prop.singletonparams]  # vCard 2.1: bare "CELL"
            label = next((_VCARD_TYPES[t] for t in types if t in _VCARD_TYPES), "")
            contact.numbers.append(ContactNumber(value.strip(), label))
    contact.name = contact.name or structured or contact.company
    return contact, urls


def _card_problem(start: int, exc: Exception) -> RowProblem:
    """Where and why a card could not be read, as a RowProblem."""
    offset = getattr(exc, "lineNumber", None)
    line = start + offset - 1 if isinstance(offset, int) and offset > 0 else start
    message = exc.args[0] if isinstance(exc, vobject.base.VObjectError) and exc.args else str(exc)
    return RowProblem(
        line, Core.tr("the card cannot be read: {error}").format(error=message or type(exc).__name__)
    )


def import_vcard(store: ContactStore, path: Path) -> ImportReport:
    """Import vCard 2.1/3.0/4.0 cards (phones' and Outlook's export), in transactions of about a second."""
    path = Path(path)
    cards = list(_cards("".join(_read_text(path))))
    if not cards:
        raise InvalidInput(Core.tr("{path} has no vCard in it (no BEGIN:VCARD line).").format(path=path))
    report = ImportReport()
    for line, text in _in_batches(store, cards):
        if text is None:
            report.skipped.append(RowProblem(line, Core.tr("the card has no END:VCARD")))
            continue
        try:
            contact = _vcard_contact(text)
        except Exception as exc:  # whatever the parser trips on costs this card only
            report.skipped.append(_card_problem(line, exc))
            continue
        _import_one(store, contact, line, report)
    return report


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold_line(line: str) -> str:
    """RFC 6350 line folding at 75 octets, never splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def export_vcard(store: ContactStore, path: Path) -> int:
    """Write every contact as vCard 4.0; returns how many."""
    count = 0
    try:
        with Path(path).open("w", encoding="utf-8", newline="") as handle:
            for contact in store.all():
                lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{_escape(contact.name)}"]
                if contact.company:
                    lines.append(f"ORG:{_escape(contact.company)}")
                for number in contact.numbers:
                    kind = _EXPORT_TYPES.get(number.label, "voice")
                    lines.append(f"TEL;VALUE=uri;TYPE={kind}:tel:{number.e164}")
                if contact.email:
                    lines.append(f"EMAIL:{_escape(contact.email)}")
                if contact.notes:
                    lines.append(f"NOTE:{_escape(contact.notes)}")
                if contact.external_id:
                    lines.append(f"UID:{_escape(contact.external_id)}")
                if contact.favourite:
                    lines.append("X-CCS-FAVOURITE:1")
                lines.append("END:VCARD")
                handle.write("".join(_fold_line(line) + "\r\n" for line in lines))
                count += 1
    except OSError as exc:
        raise InvalidInput(
            Core.tr("Cannot write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from None
    return count
