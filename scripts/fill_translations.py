"""Write translations into a .ts from a Python mapping (source text -> translation, or a list of plural forms).

For bulk work only: `python scripts/fill_translations.py resources/i18n/ccs_desktop_tr.ts mapping.py` fills
every unfinished message whose source is in the mapping's `TRANSLATIONS` dict and marks it finished; Qt Linguist
does the same by hand.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def fill(ts: Path, translations: dict[str, str | list[str]]) -> int:
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished" or source not in translations:
            continue
        value = translations[source]
        if message.get("numerus") == "yes":
            forms = translation.findall("numerusform")
            wanted = value if isinstance(value, list) else [value]
            if len(wanted) != len(forms):
                raise SystemExit(f"{source!r}: {len(forms)} plural forms needed, {len(wanted)} given")
            for form, text in zip(forms, wanted, strict=True):
                form.text = text
        else:
            translation.text = value if isinstance(value, str) else value[0]
        del translation.attrib["type"]
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


if __name__ == "__main__":
    mapping = runpy.run_path(sys.argv[2])["TRANSLATIONS"]
    print(f"{fill(Path(sys.argv[1]), mapping)} messages filled")
