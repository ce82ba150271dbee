"""The calls panel's view as CSV: what the agent saw, their notes, then every field CCS sent."""

from __future__ import annotations

import csv
from pathlib import Path

from ccs_desktop.core.api.records import CallRecord, cell_text, field_order
from ccs_desktop.core.calls.rows import CallRow, Note, direction_text, result_text
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.spreadsheet import spreadsheet_safe

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
