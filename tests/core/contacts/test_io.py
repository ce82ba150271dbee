from __future__ import annotations

import pytest

from ccs_desktop.core.contacts.io import (
    RowProblem,
    export_csv,
    export_vcard,
    import_csv,
    import_vcard,
)
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.core.errors import InvalidInput


@pytest.fixture
def store(tmp_path):
    with ContactStore(tmp_path / "contacts.db") as opened:
        yield opened


MESSY_CSV = (
    "Ad Soyad;Firma;Cep Telefonu;İş Telefonu;E-posta;Açıklama;Müşteri No\n"  # 1
    "Ahmet Yılmaz;Koç Holding;0532 123 45 67;0212 555 12 12;ahmet@example.com;VIP;C-1\n"  # 2
    ";;;;someone@example.com;;\n"  # 3: no name, no number
    "Şule Çağlar;;+90 (533) 765-4321;;;;C-2\n"  # 4
    "Bozuk Numara;;12ab;;;;C-3\n"  # 5: invalid number: the contact is kept without it
    "Eksik Sütun;;0534\n"  # 6: wrong column count
    "\n"  # blank line: ignored, not a problem
    ';Ünal A.Ş.;0535 000 11 22;;;"two\nline note";C-4\n'  # 8-9: no name, company stands in
    "İsmail Öztürk;Öz Gıda;0536 111 22 33;;;;\n"  # 10
)


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def names(store):
    return [c.name for c in store.all()]  # display order: folded, so "İ" sorts with "i"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1254"])
def test_messy_csv_keeps_good_rows_and_names_bad_lines(store, tmp_path, encoding):
    path = write(tmp_path / "crm.csv", MESSY_CSV, encoding)
    report = import_csv(store, path)
    assert (report.added, report.merged) == (5, 0)
    assert [p.line for p in report.skipped] == [3, 6]
    assert "no name" in report.skipped[0].reason
    assert "columns" in report.skipped[1].reason
    assert [(p.line, "12ab" in p.reason) for p in report.dropped] == [(5, True)]
    assert [p.line for p in report.problems()] == [3, 5, 6]
    assert names(store) == ["Ahmet Yılmaz", "Bozuk Numara", "İsmail Öztürk", "Şule Çağlar", "Ünal A.Ş."]
    assert store.get_by_external_id("C-3").numbers == []
    ahmet = store.find_by_number("05321234567")[0]
    assert ahmet.company == "Koç Holding"
    assert ahmet.email == "ahmet@example.com"
    assert ahmet.notes == "VIP"
    assert ahmet.external_id == "C-1"
    assert ahmet.numbers == [ContactNumber("+905321234567", "mobile"), ContactNumber("+902125551212", "work")]
    assert store.find_by_number("0535 000 11 22")[0].notes == "two\nline note"


def test_cp1254_bytes_really_are_not_utf8(tmp_path):
    raw = MESSY_CSV.encode("cp1254")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_comma_csv_with_first_and_last_name_and_favourite(store, tmp_path):
    path = write(
        tmp_path / "c.csv",
        "First Name,Last Name,Company,Mobile,Home,Favorite\n"
        'Ayşe,Kaya,"Acme, Inc.",0532 123 45 67,0216 444 00 00,yes\n'
        "Can,Ak,,,,\n",
    )
    report = import_csv(store, path)
    assert (report.added, report.skipped) == (2, [])
    ayse = store.search("ayse kaya")[0]
    assert ayse.company == "Acme, Inc."
    assert ayse.favourite
    assert [n.label for n in ayse.numbers] == ["mobile", "home"]


def test_reimport_merges_instead_of_duplicating(store, tmp_path):
    path = write(tmp_path / "crm.csv", MESSY_CSV)
    import_csv(store, path)
    before = store.count()
    again = import_csv(store, path)
    assert (again.added, again.merged) == (0, 5)
    assert store.count() == before


def test_merge_on_number_fills_empty_fields_and_adds_numbers(store, tmp_path):
    store.add(Contact(None, "Ahmet Yılmaz", numbers=[ContactNumber("0532 123 45 67")], notes="keep me"))
    path = write(
        tmp_path / "c.csv",
        "name,company,phone,work,notes\nA. Yılmaz,Koç,+905321234567,0212 555 12 12,new note\n",
    )
    report = import_csv(store, path)
    assert (report.added, report.merged) == (0, 1)
    [ahmet] = list(store.all())
    assert (ahmet.name, ahmet.company, ahmet.notes) == ("Ahmet Yılmaz", "Koç", "keep me")
    assert [n.e164 for n in ahmet.numbers] == ["+905321234567", "+902125551212"]


def test_merge_on_external_id(store, tmp_path):
    write(tmp_path / "a.csv", "crm id;ad;soyad;tel\n42;Ali;Veli;0532 123 45 67\n")
    write(tmp_path / "b.csv", "crm id;ad;soyad;tel\n42;Ali;Veli;0533 000 00 00\n")
    import_csv(store, tmp_path / "a.csv")
    report = import_csv(store, tmp_path / "b.csv")
    assert (report.added, report.merged) == (0, 1)
    assert [n.e164 for n in store.get_by_external_id("42").numbers] == ["+905321234567", "+905330000000"]


def test_csv_without_known_columns_or_file_is_invalid_input(store, tmp_path):
    with pytest.raises(InvalidInput, match="does not exist"):
        import_csv(store, tmp_path / "missing.csv")
    with pytest.raises(InvalidInput, match="folder"):
        import_csv(store, tmp_path)
    with pytest.raises(InvalidInput, match="no name or phone column"):
        import_csv(store, write(tmp_path / "x.csv", "foo,bar\n1,2\n"))
    with pytest.raises(InvalidInput, match="empty"):
        import_csv(store, write(tmp_path / "e.csv", ""))


VCARDS = (
    "BEGIN:VCARD\r\n"  # 1
    "VERSION:3.0\r\n"
    "N:Yılmaz;Ahmet;;;\r\n"
    "ORG:Koç Holding;Satış\r\n"
    "TEL;TYPE=CELL:+90 532 123 45 67\r\n"
    "TEL;TYPE=WORK,VOICE:0212 555 12 12\r\n"
    "EMAIL;TYPE=INTERNET:ahmet@example.com\r\n"
    "NOTE:Line one\\nline two\\, with a very long text that was folded by the\r\n"
    "  phone that wrote it\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"  # 11: no name, no number
    "VERSION:4.0\r\n"
    "EMAIL:nobody@example.com\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"  # 15
    "VERSION:4.0\r\n"
    "FN:Şule Çağlar\r\n"
    "TEL;VALUE=uri;TYPE=work:tel:+90-533-765-4321\r\n"
    "item1.TEL;TYPE=home:0216 444 00 00\r\n"
    "UID:urn:uuid:abc\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"  # 22: invalid number: the card is kept without it
    "VERSION:3.0\r\n"
    "FN:Bozuk\r\n"
    "TEL:123\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"  # 27: never ends
    "FN:Yarım\r\n"
)


def test_vcard_import_keeps_good_cards_and_names_bad_ones(store, tmp_path):
    report = import_vcard(store, write(tmp_path / "c.vcf", VCARDS))
    assert (report.added, report.merged) == (3, 0)
    assert [p.line for p in report.skipped] == [11, 27]
    assert [(p.line, "123" in p.reason) for p in report.dropped] == [(22, True)]
    ahmet = store.find_by_number("0532 123 45 67")[0]
    assert (ahmet.name, ahmet.company, ahmet.email) == ("Ahmet Yılmaz", "Koç Holding", "ahmet@example.com")
    assert (
        ahmet.notes == "Line one\nline two, with a very long text that was folded by the phone that wrote it"
    )
    assert ahmet.numbers == [ContactNumber("+905321234567", "mobile"), ContactNumber("+902125551212", "work")]
    sule = store.get_by_external_id("urn:uuid:abc")
    assert sule.numbers == [ContactNumber("+905337654321", "work"), ContactNumber("+902164440000", "home")]
    again = import_vcard(store, tmp_path / "c.vcf")
    assert (again.added, again.merged) == (0, 3)


def test_vcard_file_without_cards_is_invalid_input(store, tmp_path):
    with pytest.raises(InvalidInput, match="no vCard"):
        import_vcard(store, write(tmp_path / "x.vcf", "hello\n"))
    with pytest.raises(InvalidInput, match="does not exist"):
        import_vcard(store, tmp_path / "nope.vcf")


def fill(store):
    store.add(
        Contact(
            None,
            "Ahmet Yılmaz",
            "Koç; Holding, A.Ş.",
            [ContactNumber("0532 123 45 67", "mobile"), ContactNumber("0212 555 12 12", "work")],
            email="ahmet@example.com",
            notes="=HYPERLINK(1)\nsecond line; ünlü",
            favourite=True,
            external_id="C-1",
        )
    )
    store.add(
        Contact(None, "İsmail Öztürk " + "uzun " * 20, numbers=[ContactNumber("+49 30 1234567", "office")])
    )
    store.add(Contact(None, "Sadece İsim"))


@pytest.mark.parametrize(("export", "import_"), [(export_csv, import_csv), (export_vcard, import_vcard)])
def test_export_import_round_trip(tmp_path, export, import_):
    with ContactStore(tmp_path / "a.db") as source:
        fill(source)
        assert export(source, tmp_path / "out") == 3
        original = list(source.all())
    with ContactStore(tmp_path / "b.db") as target:
        report = import_(target, tmp_path / "out")
        assert (report.added, report.skipped) == (3, [])
        copied = list(target.all())
        again = import_(target, tmp_path / "out")
        assert (again.added, again.merged) == (0, 3)
        assert target.count() == 3
    strip = [(c.name, c.company, c.email, c.notes, c.favourite, c.external_id) for c in original]
    assert [(c.name, c.company, c.email, c.notes, c.favourite, c.external_id) for c in copied] == strip
    assert [[n.e164 for n in c.numbers] for c in copied] == [[n.e164 for n in c.numbers] for c in original]
    assert copied[0].numbers[0].label == "mobile"


def test_csv_export_is_excel_friendly(store, tmp_path):
    fill(store)
    export_csv(store, tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "+905321234567" in text
    assert "'=HYPERLINK" in text  # formula guard
    export_csv(store, tmp_path / "semi.csv", delimiter=";")
    assert (tmp_path / "semi.csv").read_text(encoding="utf-8-sig").startswith("Name;Company;")


def test_vcard_export_is_4_0_with_tel_uris_and_folded_lines(store, tmp_path):
    fill(store)
    export_vcard(store, tmp_path / "out.vcf")
    text = (tmp_path / "out.vcf").read_bytes().decode("utf-8")
    assert "VERSION:4.0\r\n" in text
    assert "TEL;VALUE=uri;TYPE=cell:tel:+905321234567\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r\n " in text  # the long name was folded


def test_row_problem_is_plain_data():
    assert RowProblem(3, "x") == RowProblem(3, "x")


def test_imports_commit_in_batches_so_other_connections_read_meanwhile(tmp_path, monkeypatch):
    from ccs_desktop.core.contacts import io as contacts_io

    path = tmp_path / "c.db"
    source = tmp_path / "in.csv"
    source.write_text(
        "Name,Phone\n" + "".join(f"Kişi {i},0212 300 {i:04d}\n" for i in range(25)), encoding="utf-8"
    )
    monkeypatch.setattr(contacts_io, "BATCH_SECONDS", 0.0)  # a commit after every row
    seen: dict[int, int] = {}
    with ContactStore(path) as store, ContactStore(path) as other:
        original = contacts_io._import_one

        def watching(store_, contact, line, report):
            seen[line] = other.count()  # what a lookup on another connection sees during the import
            original(store_, contact, line, report)

        monkeypatch.setattr(contacts_io, "_import_one", watching)
        report = contacts_io.import_csv(store, source)
        assert report.added == 25 and other.count() == 25
    assert [seen[line] for line in (2, 3, 12, 26)] == [0, 1, 10, 24]  # each batch committed as it finished
