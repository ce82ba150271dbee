"""The calls panel's view as CSV: what the agent saw, their notes, then every field CCS sent."""

from __future__ import annotations

import csv
from pathlib import Path

from ccs_desktop.core.api.records import CallRecord, cell_text, field_order
from ccs_desktop.core.calls.cache import CallRow, Note
from ccs_desktop.core.contacts.io import spreadsheet_safe
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

HEADER = [
    "Time",
    "Direction",
    "Number",
    "Contact",
    "Result",
    "Talk (s)",
    "Wait (s)",
    "Queue",
    "Agent",
    "Recording",
    "Outcome",
    "Note",
]


def direction_text(inbound: bool | None) -> str:
    return {True: Core.tr("in"), False: Core.tr("out"), None: ""}[inbound]


def status_text(status: str) -> str:
    """A provisional row's state (see services.call_history) in the agent's language."""
    return {
        "ringing": Core.tr("ringing"),
        "in progress": Core.tr("in progress"),
        "awaiting record": Core.tr("awaiting record"),
        "no record": Core.tr("no record"),
        "open": Core.tr("following"),
        "done": Core.tr("done"),
        "failed": Core.tr("failed"),
    }.get(status, status)


def result_text(row: CallRow) -> str:
    if row.status:
        return status_text(row.status)
    return Core.tr("answered") if row.answered else Core.tr("missed")


def describe_row(row: CallRow, *, last: bool = False) -> str:
    """'2026-11-24 14:03, outgoing, answered, 3:12' (`last`: 'Last call …'), for cards and popups."""
    direction = {True: Core.tr("incoming"), False: Core.tr("outgoing"), None: ""}[row.inbound]
    date = row.calldate[:16]
    parts = [Core.tr("Last call {date}").format(date=date) if last else date]
    if direction:
        parts.append(direction)
    parts.append(result_text(row))
    if row.duration:
        parts.append(f"{row.duration // 60}:{row.duration % 60:02d}")
    return ", ".join(parts)


def export_calls_csv(
    path: Path,
    rows: list[CallRow],
    records: dict[str, CallRecord],
    names: dict[str, str],
    notes: dict[str, Note],
    delimiter: str = ",",
) -> int:
    """Write the rows in the order given (UTF-8 with BOM for Excel); returns how many were written."""
    full = [records[row.callid] for row in rows if row.callid in records]
    extra = field_order(full)
    try:
        with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(HEADER + extra)
            for row in rows:
                note = notes.get(row.callid)
                record = records.get(row.callid)
                shown = [
                    row.calldate,
                    direction_text(row.inbound),
                    row.number,
                    names.get(row.party, ""),
                    result_text(row),
                    "" if row.duration is None else str(row.duration),
                    "" if row.wait is None else str(row.wait),
                    row.queue,
                    row.agent,
                    row.recording,
                    note.outcome if note else "",
                    note.note if note else "",
                ]
                raw = [cell_text(record.raw.get(name)) if record else "" for name in extra]
                writer.writerow([spreadsheet_safe(value) for value in shown + raw])
    except OSError as exc:
        raise InvalidInput(
            Core.tr("Cannot write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from None
    return len(rows)
