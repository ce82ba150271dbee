"""The one spreadsheet guard for every CSV ccs-desktop writes (contacts, call records, the CLI's `calls`).

Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ as a formula (CSV injection: a caller ID of
`=HYPERLINK(...)` or `+cmd|...` becomes a live link or command), and treat a leading TAB or CR the same way once
they trim it. A leading apostrophe makes the cell plain text and is not shown.
"""

from __future__ import annotations

#: Leading characters a spreadsheet may read as the start of a formula.
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """`value`, with a leading apostrophe if a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_LEAD) else value


def unguard(value: str) -> str:
    """Undo spreadsheet_safe on import: "'=SUM(1)" was written for "=SUM(1)"."""
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_LEAD else value


def excel_delimiter(decimal_point: str) -> str:
    """The field separator Excel expects when it opens a CSV in a locale with this decimal separator: `;` where
    the decimal separator is a comma (Turkish, German, French...), since the comma is then taken by numbers; `,`
    elsewhere. (Excel reads the list separator from the system's regional settings, which follow this rule.)"""
    return ";" if decimal_point == "," else ","
