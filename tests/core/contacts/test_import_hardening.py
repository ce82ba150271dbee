"""Imports keep every good row: the files of issue 10, built byte for byte as phones and Excel write them."""

from __future__ import annotations

import csv

import pytest

from ccs_desktop.core.contacts.io import export_csv, import_csv, import_summary, import_vcard
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore


@pytest.fixture
def store(tmp_path):
    with ContactStore(tmp_path / "contacts.db") as opened:
        yield opened


def names(store):
    return [c.name for c in store.all()]


# What Android's contacts app (and Outlook 2003) export: vCard 2.1, quoted-printable UTF-8, a soft line break
# ("=" at the end of a line), bare TYPE parameters, an ISO-8859-9 company, a base64 photo folded over lines.
VCARD_21 = (
    b"BEGIN:VCARD\r\n"  # 1
    b"VERSION:2.1\r\n"
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Y=C4=B1lmaz;Ay=C5=9Fe;;;\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ay=C5=9Fe Y=C4=B1lmaz\r\n"  # the "Ay=C5=9Fe"
    b"ORG;CHARSET=ISO-8859-9;ENCODING=QUOTED-PRINTABLE:Ko=E7 Holding;Sat=FD=FE\r\n"
    b"TEL;CELL;PREF:0532 123 45 67\r\n"
    b"TEL;WORK:+44 7700 900123\r\n"  # possible, but libphonenumber does not list it: kept, flagged
    b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=B6nemli m=C3=BC=C5=9Fteri, uzun bir not sat=C4=B1=\r\n"
    b"r=C4=B1\r\n"
    b"PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD\r\n"
    b" AAAAAAAA\r\n"
    b"\r\n"
    b"END:VCARD\r\n"
    b"BEGIN:VCARD\r\n"  # 14: a line no parser can read costs this card only
    b"VERSION:3.0\r\n"
    b"FN:Bozuk Kart\r\n"
    b"this line has no colon\r\n"  # 17
    b"TEL:0533 111 22 33\r\n"
    b"END:VCARD\r\n"
    b"BEGIN:VCARD\r\n"  # 20: one bad number costs that number
    b"VERSION:3.0\r\n"
    b"N:Demir;Ali;;;\r\n"
    b"TEL;TYPE=HOME:+44 12\r\n"
    b"TEL;TYPE=CELL:0534 111 22 33\r\n"
    b"END:VCARD\r\n"
)


def test_vcard_21_quoted_printable_is_decoded_and_one_bad_card_or_number_costs_only_itself(store, tmp_path):
    path = tmp_path / "android.vcf"
    path.write_bytes(VCARD_21)
    report = import_vcard(store, path)
    assert (report.added, report.merged) == (2, 0)
    assert [(p.line, "no colon" in p.reason) for p in report.skipped] == [(17, True)]
    assert [p.line for p in report.dropped] == [20]
    assert "+44 12" in report.dropped[0].reason
    assert "for GB" in report.dropped[0].reason  # the number's own region, not the store's TR
    assert [p.line for p in report.flagged] == [1]
    assert [p.line for p in report.problems()] == [1, 17, 20]
    ayse = store.find_by_number("0532 123 45 67")[0]
    assert (ayse.name, ayse.company) == ("Ayşe Yılmaz", "Koç Holding")
    assert ayse.notes == "önemli müşteri, uzun bir not satırı"
    assert ayse.numbers == [
        ContactNumber("+905321234567", "mobile"),
        ContactNumber("+447700900123", "work", flagged=True, typed="+44 7700 900123"),
    ]
    ali = store.find_by_number("0534 111 22 33")[0]
    assert (ali.name, [n.e164 for n in ali.numbers]) == ("Ali Demir", ["+905341112233"])
    assert names(store) == ["Ali Demir", "Ayşe Yılmaz"]  # not "Bozuk Kart"


def test_flagged_number_is_stored_as_typed_and_found_by_its_digits(store, tmp_path):
    path = tmp_path / "uk.csv"
    path.write_text("Name,Phone,Mobile\nJane Doe,+44 7700 900123,0532 765 43 21\n", encoding="utf-8")
    report = import_csv(store, path)
    assert (report.added, report.skipped, report.dropped) == (1, [], [])
    assert len(report.flagged) == 1 and "+44 7700 900123" in report.flagged[0].reason
    for typed in ("+44 7700 900123", "+447700900123", "7700 900123", "0900123"):
        assert names_of(store.find_by_number(typed)) == ["Jane Doe"], typed
    for typed in ("7700 900", "+44 7700", "900123"):
        assert names_of(store.search(typed)) == ["Jane Doe"], typed
    [jane] = store.all()
    assert jane.numbers[0] == ContactNumber("+447700900123", "", flagged=True, typed="+44 7700 900123")
    assert jane.numbers[1] == ContactNumber("+905327654321", "mobile")
    # the flag and the typed text survive an edit
    jane.notes = "edited"
    assert store.update(jane).numbers == jane.numbers
    assert store.get(jane.id).numbers == jane.numbers


def names_of(contacts):
    return [c.name for c in contacts]


def test_an_oversize_field_costs_one_row(store, tmp_path):
    limit = csv.field_size_limit()
    rows = ["Ad Soyad;Telefon;Not"]
    rows += [f"Kişi {i};0212 300 {i:04d};kısa" for i in range(5)]
    rows.append("Dev Not;0212 300 9999;" + "x" * (limit + 1))  # line 7
    rows += [f"Kişi {i};0212 300 {i:04d};kısa" for i in range(5, 10)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = import_csv(store, path)
    assert report.added == 10
    assert [p.line for p in report.skipped] == [7]
    assert "131,072" in report.skipped[0].reason
    assert "Dev Not" not in names(store)


EXCEL_UNICODE_TEXT = (
    "Ad Soyad\tCep Telefonu\tFirma\r\nAyşe Yılmaz\t0532 123 45 67\tKoç\r\nİsmail Öztürk\t0533 000 00 00\t\r\n"
)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xff\xfe", "utf-16-le"),  # Excel: Save as "Unicode Text"
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_utf16_and_utf32_are_read_by_their_bom(store, tmp_path, bom, codec):
    path = tmp_path / "excel.txt"
    path.write_bytes(bom + EXCEL_UNICODE_TEXT.encode(codec))
    report = import_csv(store, path)
    assert (report.added, report.skipped) == (2, [])
    assert names(store) == ["Ayşe Yılmaz", "İsmail Öztürk"]
    assert store.find_by_number("05321234567")[0].company == "Koç"


def test_a_quote_never_closed_to_the_end_of_the_file(store, tmp_path):
    path = tmp_path / "eof.csv"
    path.write_text(
        'Ad Soyad;Telefon;Not\nAli Bir;0532 100 00 01;tamam\nBanu İki;0532 100 00 02;"açık\nCem Üç;0532 100 00 03;x\n',
        encoding="utf-8",
    )
    report = import_csv(store, path)
    assert [(p.line, p.reason) for p in report.skipped] == [(3, "a quote opened here is never closed")]
    assert names(store) == ["Ali Bir", "Cem Üç"]


def test_an_unterminated_quote_is_reported_on_its_line_and_the_rows_around_it_kept(store, tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(
        "Ad Soyad;Telefon;Not\n"
        "Ali Bir;0532 100 00 01;tamam\n"
        'Banu İki;0532 100 00 02;"açık kalan tırnak\n'  # 3: never closed
        "Cem Üç;0532 100 00 03;tamam\n"
        'Deniz Dört;0532 100 00 04;"iki\nsatır"\n'  # a real two-line note after it
        "Ece Beş;0532 100 00 05;son\n",
        encoding="utf-8",
    )
    report = import_csv(store, path)
    # csv takes line 5's opening quote as the end of line 3's: the problem is still named on line 3
    assert [p.line for p in report.skipped] == [3]
    assert report.skipped[0].reason.startswith("a quote opened here is never closed")
    assert names(store) == ["Ali Bir", "Cem Üç", "Deniz Dört", "Ece Beş"]
    assert store.find_by_number("0532 100 00 04")[0].notes == "iki\nsatır"


def test_a_stray_quote_closed_by_a_later_row_is_reported_and_the_rows_between_kept(store, tmp_path):
    path = tmp_path / "pair.csv"
    path.write_text(
        "Ad Soyad;Telefon;Not;Firma\n"
        'Banu İki;0532 100 00 02;"yarım;\n'  # 2: its quote is "closed" by line 4's
        "Cem Üç;0532 100 00 03;tamam;\n"
        'Deniz Dört;0532 100 00 04;"iki\nsatır";\n',
        encoding="utf-8",
    )
    report = import_csv(store, path)
    assert [p.line for p in report.skipped] == [2]
    assert report.skipped[0].reason.startswith("a quote opened here is never closed")
    assert "line 4" in report.skipped[0].reason
    assert names(store) == ["Cem Üç", "Deniz Dört"]


def test_control_characters_never_reach_names(store, tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes("Name,Company,Phone\nAh\x00met\x1b Yıl\tmaz,Ko\x00ç,0532 123 45 67\n\x00,,\n".encode())
    report = import_csv(store, path)
    assert report.added == 1
    assert [p.line for p in report.skipped] == [3]  # a name of only a NUL is no name
    [ahmet] = store.all()
    assert (ahmet.name, ahmet.company) == ("Ahmet Yıl maz", "Koç")
    assert store.search("ahmet")[0].id == ahmet.id
    typed = store.add(Contact(None, "Zeynep\x00 Kaya", notes="satır 1\nsatır\x002"))
    assert (typed.name, typed.notes) == ("Zeynep Kaya", "satır 1\nsatır2")
    assert store.get(typed.id).name == "Zeynep Kaya"


def test_summary_counts_numbers_left_out():
    assert import_summary(1, 2, 3) == "1 added, 2 merged, 3 skipped."
    assert import_summary(1, 2, 3, 4) == "1 added, 2 merged, 3 skipped. 4 numbers left out."


def test_contacts_export_guards_tab_and_cr_and_import_undoes_it(tmp_path):
    with ContactStore(tmp_path / "a.db") as source:
        source.add(Contact(None, "=HYPERLINK(1)", company="@SUM(1)", email="-1+1", external_id="+cmd|x"))
        source.add(Contact(None, "Tab", notes="\tstarts with a tab", external_id="t"))
        source.add(Contact(None, "Cr", notes="\rstarts with a CR", external_id="r"))
        export_csv(source, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows[1:] for cell in row if cell]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'\tstarts with a tab" in cells and "'\rstarts with a CR" in cells
    with ContactStore(tmp_path / "b.db") as target:
        import_csv(target, tmp_path / "out.csv")
        assert target.get_by_external_id("+cmd|x").company == "@SUM(1)"
        assert target.get_by_external_id("t").notes == "\tstarts with a tab"


def test_vcard_values_keep_commas_decode_base64_text_and_name_a_bad_charset_line(store, tmp_path):
    path = tmp_path / "mixed.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\n"  # 1: an unescaped comma (as many writers leave it) is kept
        b"FN:Acme, Inc.\r\nNOTE:one\\, two\\nthree, four\r\nTEL;TYPE=WORK,VOICE:0212 555 12 12\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"  # 7: 2.1 keeps commas and backslashes; a photo in raw base64 lines
        b"FN:Veli, Deli\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n/9j/4AAQSkZJRgAB\r\nAQEASABIAAD\r\n\r\n"
        b"TEL;HOME:0216 444 00 00\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\n"  # 16: a base64 text value
        b"FN;ENCODING=b;CHARSET=UTF-8:" + __import__("base64").b64encode("Şule Çağlar".encode()) + b"\r\n"
        b"TEL:0533 765 43 21\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"  # 21: an unknown charset costs this card, named on line 24
        b"N:Ok;Ali\r\nFN;CHARSET=X-NOPE;ENCODING=QUOTED-PRINTABLE:Ay=C5=9Fe\r\nEND:VCARD\r\n"
    )
    report = import_vcard(store, path)
    assert (report.added, [p.line for p in report.skipped]) == (3, [24])
    assert names(store) == ["Acme, Inc.", "Şule Çağlar", "Veli, Deli"]
    acme = store.find_by_number("0212 555 12 12")[0]
    assert (acme.notes, acme.numbers[0].label) == ("one, two\nthree, four", "work")
    assert store.find_by_number("0216 444 00 00")[0].numbers[0].label == "home"
