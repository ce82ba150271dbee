"""Import and export of contacts as CSV and vCard, the two formats every CRM and phone can produce.

Imports forgive what real files contain (Excel's Windows-1254 bytes, ';' separators, Turkish headers, a few broken
rows): good rows are kept, bad ones are reported by line. Re-importing a file updates instead of duplicating, so an
agent can import the same CRM export every week.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from ccs_desktop.core.contacts.fold import fold
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core, group_digits, language

#: Biggest file we read whole; a contacts export of 100,000 rows is about 10 MB.
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class RowProblem:
    """A row or card that was skipped; `line` is 1-based, where the row or card starts."""

    line: int
    reason: str


@dataclass
class ImportReport:
    """What an import did, for the agent to read: nothing bad is skipped silently."""

    added: int = 0
    merged: int = 0
    skipped: list[RowProblem] = field(default_factory=list)


# -- reading files ---------------------------------------------------------------------------------------------


def import_summary(added: int, merged: int, skipped: int) -> str:
    """One line after an import, the same in the CLI and the window."""
    lang = language()
    return Core.tr("{added} added, {merged} merged, {skipped} skipped.").format(
        added=group_digits(added, lang),
        merged=group_digits(merged, lang),
        skipped=group_digits(skipped, lang),
    )


def _read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM) if it decodes, else Windows-1254, what Excel in Turkey writes."""
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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1254", errors="replace")


# -- merging ---------------------------------------------------------------------------------------------------


def _save(store: ContactStore, incoming: Contact, report: ImportReport) -> None:
    """Add `incoming`, or merge it into the contact it duplicates: same external id, else a shared number,
    else (for a row without numbers) the same name and company. Merging fills empty fields and adds numbers."""
    numbers = store.normalise_numbers(incoming.numbers)
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
_FORMULA_LEAD = ("=", "+", "-", "@")


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


def _unguard(value: str) -> str:
    """Undo export's spreadsheet-formula guard ("'=SUM" was written for "=SUM")."""
    return value[1:] if value[:1] == "'" and value[1:2] in _FORMULA_LEAD else value


def _csv_contact(row: list[str], columns: _Columns) -> Contact:
    def cell(name: str) -> str:
        index = columns.fields.get(name)
        return _unguard(row[index].strip()) if index is not None else ""

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


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the row, cells), blank lines skipped; quoted fields may span lines."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line))
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInput(
                Core.tr("Line {line} cannot be read as CSV: {error}.").format(line=start, error=exc)
            ) from None
        if any(value.strip() for value in row):
            yield start, row


#: Seconds of writing per transaction. Readers on other connections never wait for an import (WAL), but writers
#: (the call cache saving a page, a note) wait for the file up to its busy timeout (5 s): a commit every second
#: lets them in. An import that stops half-way is finished by running it again, since re-imports merge.
BATCH_SECONDS = 1.0
BATCH_PAUSE = 0.15
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
            if not done:
                # SQLite does not queue writers: one that waits retries every few tens of ms, and would lose every
                # race to a loop that begins its next batch at once
                time.sleep(BATCH_PAUSE)


def import_csv(store: ContactStore, path: Path) -> ImportReport:
    """Import a CSV export from a CRM, Excel or a phone, in transactions of BATCH rows."""
    path = Path(path)
    rows = _rows(_read_text(path))
    try:
        _, header = next(rows)
    except StopIteration:
        raise InvalidInput(Core.tr("{path} is empty.").format(path=path)) from None
    columns = _map_header(header)
    report = ImportReport()
    for line, row in _in_batches(store, rows):
        if len(row) != len(header):
            report.skipped.append(
                RowProblem(
                    line,
                    Core.tr("expected {expected} columns, found {found}").format(
                        expected=len(header), found=len(row)
                    ),
                )
            )
            continue
        _import_one(store, _csv_contact(row, columns), line, report)
    return report


def _import_one(store: ContactStore, contact: Contact, line: int, report: ImportReport) -> None:
    if not contact.name and not contact.numbers:
        report.skipped.append(RowProblem(line, Core.tr("no name and no phone number")))
        return
    try:
        _save(store, contact, report)
    except InvalidInput as exc:
        report.skipped.append(RowProblem(line, str(exc)))


def spreadsheet_safe(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; a leading quote makes them plain text."""
    return "'" + value if value.startswith(_FORMULA_LEAD) else value


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


def _unfold(text: str) -> list[tuple[int, str]]:
    """Logical vCard lines with the physical line each starts on; continuation lines begin with space or tab."""
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + line[1:])
        elif line.strip():
            lines.append((number, line))
    return lines


def _split_property(line: str) -> tuple[str, dict[str, list[str]], str]:
    """'item1.TEL;TYPE=work,voice;VALUE=uri:tel:+90…' -> ('TEL', {'TYPE': ['work', 'voice'], …}, 'tel:+90…')."""
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = line[:index], line[index + 1 :]
            break
    else:
        return "", {}, ""
    name, *raw_params = head.split(";")
    params: dict[str, list[str]] = {}
    for param in raw_params:
        key, _, values = param.partition("=")
        if not values:  # vCard 2.1: bare "CELL"
            key, values = "TYPE", key
        params.setdefault(key.strip().upper(), []).extend(v.strip('"').lower() for v in values.split(","))
    return name.rsplit(".", 1)[-1].strip().upper(), params, value


def _unescape(value: str) -> str:
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _components(value: str) -> list[str]:
    return [_unescape(part) for part in re.split(r"(?<!\\);", value)]


def _cards(text: str) -> Iterator[tuple[int, list[str] | None]]:
    """(line where the card starts, its property lines), or None lines for a card that never ends."""
    start, card = 0, None
    for number, line in _unfold(text):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                yield start, None
            start, card = number, []
        elif upper == "END:VCARD":
            if card is not None:
                yield start, card
            card = None
        elif card is not None:
            card.append(line)
    if card is not None:
        yield start, None


def _vcard_contact(lines: list[str]) -> Contact:
    contact = Contact(id=None, name="")
    structured = ""
    for line in lines:
        name, params, value = _split_property(line)
        if name == "FN":
            contact.name = _unescape(value).strip()
        elif name == "N":
            parts = [*_components(value), "", "", ""]
            structured = " ".join(
                p.strip() for p in (parts[3], parts[1], parts[2], parts[0], parts[4]) if p.strip()
            )
        elif name == "ORG":
            contact.company = _components(value)[0].strip()
        elif name == "EMAIL" and not contact.email:
            contact.email = _unescape(value).strip()
        elif name == "NOTE":
            contact.notes = _unescape(value)
        elif name == "UID":
            contact.external_id = _unescape(value).strip()
        elif name == "X-CCS-FAVOURITE":
            contact.favourite = value.strip() == "1"
        elif name == "TEL" and value.strip():
            types = params.get("TYPE", [])
            label = next((_VCARD_TYPES[t] for t in types if t in _VCARD_TYPES), "")
            contact.numbers.append(ContactNumber(value.strip(), label))
    contact.name = contact.name or structured or contact.company
    return contact


def import_vcard(store: ContactStore, path: Path) -> ImportReport:
    """Import vCard 2.1/3.0/4.0 cards (phones' and Outlook's export), in transactions of BATCH cards."""
    path = Path(path)
    cards = list(_cards(_read_text(path)))
    if not cards:
        raise InvalidInput(Core.tr("{path} has no vCard in it (no BEGIN:VCARD line).").format(path=path))
    report = ImportReport()
    for line, lines in _in_batches(store, cards):
        if lines is None:
            report.skipped.append(RowProblem(line, Core.tr("the card has no END:VCARD")))
            continue
        _import_one(store, _vcard_contact(lines), line, report)
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
