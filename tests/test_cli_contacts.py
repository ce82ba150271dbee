"""`ccs-desktop contacts ...` as scripts use it: real processes, a real SQLite file under the test's data dir."""

from __future__ import annotations

import json

from tests.helpers import cli_env, run_cli
from tests.test_cli import assert_one_line_error

CSV = (
    "Ad Soyad;Firma;Cep Telefonu;İş Telefonu;E-posta;Müşteri No\n"
    "Ahmet Yılmaz;Yılmaz Tekstil;0532 123 45 67;0212 555 12 34;ahmet@example.com;C-1\n"
    "Şule Çağlar;;+90 (533) 765-4321;;;C-2\n"
    "Bozuk Satır;;12;;;C-3\n"  # the contact is kept, its number "12" left out
    "İsmail Öztürk;Öztürk Gıda;905447654321;;;C-4\n"
)


def test_import_find_export_round_trip(tmp_path, user_dirs):
    env = cli_env(None)
    source = tmp_path / "musteriler.csv"
    source.write_bytes(CSV.encode("cp1254"))  # as Excel in Turkey saves it
    result = run_cli("contacts", "import", str(source), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "4 added, 0 merged, 0 skipped. 1 number left out."
    assert "line 4" in result.stderr and "'12'" in result.stderr

    found = json.loads(run_cli("contacts", "find", "yilmaz", "--json", env=env).stdout)
    assert [c["name"] for c in found] == ["Ahmet Yılmaz"]
    assert found[0]["numbers"] == ["+905321234567", "+902125551234"]
    shown = run_cli("contacts", "find", "yilmaz", env=env).stdout
    assert shown == "Ahmet Yılmaz (Yılmaz Tekstil): +905321234567, +902125551234\n"
    assert found[0]["company"] == "Yılmaz Tekstil"
    for written in ("0532 123 45 67", "+90 (532) 123-4567", "905321234567", "5321234567"):
        by_number = json.loads(run_cli("contacts", "find", written, "--json", env=env).stdout)
        assert [c["name"] for c in by_number] == ["Ahmet Yılmaz"], written
    assert [
        c["name"] for c in json.loads(run_cli("contacts", "find", "ISMAIL", "--json", env=env).stdout)
    ] == ["İsmail Öztürk"]

    exported = tmp_path / "out.vcf"
    result = run_cli("contacts", "export", str(exported), env=env)
    assert result.returncode == 0, result.stderr
    assert "BEGIN:VCARD" in exported.read_text(encoding="utf-8")
    again = run_cli("contacts", "import", str(exported), env=env)
    assert again.stdout.strip() == "0 added, 4 merged, 0 skipped."
    assert (
        run_cli("contacts", "import", str(source), env=env).stdout.strip()
        == "0 added, 4 merged, 0 skipped. 1 number left out."
    )
    assert (user_dirs.data / "ccs-desktop" / "ccs-desktop.sqlite3").is_file()


def test_missing_or_unreadable_files_exit_2(tmp_path):
    env = cli_env(None)
    assert "No such file" in assert_one_line_error(
        run_cli("contacts", "import", str(tmp_path / "nope.csv"), env=env), 2
    )
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    assert_one_line_error(run_cli("contacts", "import", str(folder), env=env), 2)
    assert_one_line_error(run_cli("contacts", "export", str(tmp_path / "missing" / "x.csv"), env=env), 2)


def test_find_with_a_thousand_words_exits_0(tmp_path):
    env = cli_env(None)
    source = tmp_path / "c.csv"
    source.write_text("Name,Phone\nAhmet Yılmaz,0532 123 45 67\n", encoding="utf-8")
    assert run_cli("contacts", "import", str(source), env=env).returncode == 0
    result = run_cli("contacts", "find", " ".join(f"kelime{i}" for i in range(1000)), "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    result = run_cli("contacts", "find", "ahmet " * 1000, "--json", env=env)
    assert [c["name"] for c in json.loads(result.stdout)] == ["Ahmet Yılmaz"]


def test_import_reports_every_problem_with_its_line(tmp_path):
    env = cli_env(None)
    source = tmp_path / "excel.txt"  # Excel's "Unicode Text": UTF-16 LE with a BOM, tab-separated
    text = (
        "Ad Soyad\tTelefon\tNot\r\n"
        "Ayşe Yılmaz\t0532 123 45 67\tok\r\n"
        "Jane Doe\t+44 7700 900123\tflagged\r\n"
        'Banu İki\t0532 100 00 02\t"never closed\r\n'
        "Cem Üç\t0532 100 00 03\tafter\r\n"
    )
    source.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = run_cli("contacts", "import", str(source), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3 added, 0 merged, 1 skipped."
    assert result.stderr.splitlines() == [
        "excel.txt, line 3: '+44 7700 900123' was kept but flagged: it is not in a known number range (check it)",
        "excel.txt, line 4: a quote opened here is never closed",
    ]


def test_export_to_a_path_that_cannot_be_written_is_one_line_and_exit_2(tmp_path):
    env = cli_env(None)
    folder = tmp_path / "contacts.csv"
    folder.mkdir()  # a folder where the file should go: open() fails even for root
    line = assert_one_line_error(run_cli("contacts", "export", str(folder), env=env), 2)
    assert line == f"ccs-desktop: Cannot write {folder}: Is a directory."
