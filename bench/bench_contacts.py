"""Contact store figures at 100,000 contacts, all generated deterministically in a temp dir.

(a) CSV import of a 100,000-row file (Turkish headers, ';', Windows-1254, numbers in mixed formats): rows/s.
(b) find_by_number over 2,000 random known numbers in mixed formats: p50/p99/max, goal p99 <= 100 us (issue 15;
    the combined look-up with 50,000 directory entries is bench_directories.py (b)).
(c) search-as-you-type: names, companies and partial numbers typed one key at a time; p50/p99/max per keystroke,
    goal p99 <= 16 ms (issue 15: one frame).

Run: python bench/bench_contacts.py [--contacts 100000] [--lookups 2000] [--typed 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_cli import machine

from ccs_desktop.core.contacts.io import import_csv
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.core.phone import try_parse


def words(text: str) -> list[str]:
    return text.split()


FIRST = words("""Ahmet Mehmet Mustafa Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman
Abdullah Mahmut Recep Fatih Kemal Emre Burak Can Cem Çağlar Doğan Eren Gökhan Hakan Kadir Levent Onur Özgür Serkan
Tolga Uğur Volkan Yasin Zeki Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Özlem
Büşra Gülşen Şule Derya Ebru Esra Gizem İrem Nur Selin Tuğba Yeşim Ümran Dilek Pınar Sevgi Çiğdem Gül""")
LAST = words("""Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç
Kurt Özkan Şimşek Polat Özer Erdoğan Güler Ünal Aksoy Korkmaz Bulut Keskin Tekin Kaplan Turan Ateş Güneş Acar
Bozkurt Işık Avcı Sarı Uçar Erdem Aktaş Karaca Tunç Çakır Bayram Akın Sönmez Bilgin Gündoğdu Ekinci Uysal Başaran""")
COMPANY_HEAD = words("""Anadolu Ege Marmara Karadeniz Akdeniz Boğaziçi Başkent Güneydoğu Yeşil Mavi Altın Demir Çınar Işıkpark
Özgür Birlik Güven Umut Yıldız Doruk Kartal Toros Kapadokya Trakya Çukurova Fırat Dicle Erciyes Uludağ""")
COMPANY_KIND = words("""Gıda İnşaat Tekstil Lojistik Enerji Sigorta Otomotiv Yazılım Turizm Mobilya Kimya Tarım Medikal
Elektrik Matbaa Danışmanlık Pazarlama Ticaret Madencilik Plastik""")
COMPANY_FORM = ["A.Ş.", "Ltd. Şti.", "San. ve Tic. A.Ş.", "Holding", "Koop."]
MOBILE_PREFIXES = [*range(530, 540), *range(541, 550), 505, 506, 507, 551, 552, 553, 554, 555, 559]
LAND_PREFIXES = [212, 216, 312, 232, 224, 242, 322, 332, 352, 262]


def national_digits(rng: random.Random) -> str:
    """Ten national digits of a valid Turkish number: mostly mobiles, some landlines."""
    while True:
        if rng.random() < 0.8:
            digits = f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9999999):07d}"
        else:
            digits = f"{rng.choice(LAND_PREFIXES)}{rng.randint(2000000, 9999999)}"
        if try_parse(digits, "TR") is not None:
            return digits


FORMATS = [
    lambda d: f"0{d[:3]} {d[3:6]} {d[6:8]} {d[8:]}",  # 0532 123 45 67
    lambda d: f"+90 ({d[:3]}) {d[3:6]}-{d[6:]}",  # +90 (532) 123-4567
    lambda d: f"90{d}",  # 905321234567
    lambda d: d,  # 5321234567
    lambda d: f"0090 {d[:3]} {d[3:6]} {d[6:8]} {d[8:]}",  # 0090 532 123 45 67
    lambda d: f"0{d}",  # 05321234567
]


def generate(rng: random.Random, count: int) -> list[tuple[str, str, list[str]]]:
    people: list[tuple[str, str, list[str]]] = []
    used: set[str] = set()
    for _ in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        company = ""
        if rng.random() < 0.6:
            company = f"{rng.choice(COMPANY_HEAD)} {rng.choice(COMPANY_KIND)} {rng.choice(COMPANY_FORM)}"
        numbers: list[str] = []
        for _ in range(1 if rng.random() < 0.7 else 2):
            digits = national_digits(rng)
            while digits in used:
                digits = national_digits(rng)
            used.add(digits)
            numbers.append(digits)
        people.append((name, company, numbers))
    return people


def write_csv(path: Path, people: list[tuple[str, str, list[str]]], rng: random.Random) -> None:
    lines = ["Ad Soyad;Firma;Cep Telefonu;İş Telefonu;E-posta;Müşteri No"]
    for index, (name, company, numbers) in enumerate(people):
        phones = [rng.choice(FORMATS)(d) for d in numbers] + ["", ""]
        lines.append(f"{name};{company};{phones[0]};{phones[1]};;M{index:06d}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1254"))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--typed", type=int, default=300, help="how many strings to type key by key")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        people = generate(rng, args.contacts)
        csv_path = Path(tmp) / "crm.csv"
        write_csv(csv_path, people, rng)
        print(f"machine: {machine()}")
        print(f"generated {args.contacts:,} contacts in {time.perf_counter() - started:.1f} s")

        with ContactStore(Path(tmp) / "contacts.db") as store:
            started = time.perf_counter()
            report = import_csv(store, csv_path)
            elapsed = time.perf_counter() - started
            print(
                f"(a) CSV import: {args.contacts:,} rows in {elapsed:.1f} s = {args.contacts / elapsed:,.0f} rows/s"
                f" (added {report.added:,}, merged {report.merged:,}, skipped {len(report.skipped):,})"
            )
            db_mb = (Path(tmp) / "contacts.db").stat().st_size / 1e6
            print(f"    store file: {db_mb:.1f} MB (+ WAL)")

            asked = []
            for _ in range(args.lookups):
                name, _company, numbers = rng.choice(people)
                asked.append((rng.choice(FORMATS)(rng.choice(numbers)), name))
            # First: each number parsed (its first look-up); again: its parse memoised, as when the card, the call
            # list and the clipboard card ask in turn.
            for label in ("first look-up of each number", "again (parse memoised)"):
                lookups: list[float] = []
                misses = 0
                for typed, name in asked:
                    started = time.perf_counter()
                    found = store.find_by_number(typed)
                    lookups.append((time.perf_counter() - started) * 1000)
                    misses += len(found) != 1 or found[0].name != name
                p99 = percentile(lookups, 99)
                print(
                    f"(b) number lookup, {label}, {args.lookups:,} mixed formats:"
                    f" p50 {percentile(lookups, 50) * 1000:.0f} us, p99 {p99 * 1000:.0f} us,"
                    f" max {max(lookups) * 1000:.0f} us (goal p99 <= 100 us: {'met' if p99 <= 0.1 else 'NOT met'});"
                    f" wrong/missing: {misses}"
                )

            keystrokes: list[float] = []
            by_kind: dict[str, list[float]] = {"name": [], "company": [], "number": []}
            for _ in range(args.typed):
                name, company, numbers = rng.choice(people)
                kind = rng.choice(["name", "name", "company", "number"])
                if kind == "company" and not company:
                    kind = "name"
                text = {
                    "name": name.lower() if rng.random() < 0.5 else name,
                    "company": company.split(" ")[0] + " " + company.split(" ")[1] if company else "",
                    "number": FORMATS[0](numbers[0]),
                }[kind]
                for end in range(1, len(text) + 1):
                    started = time.perf_counter()
                    store.search(text[:end])
                    took = (time.perf_counter() - started) * 1000
                    keystrokes.append(took)
                    by_kind[kind].append(took)
            p99 = percentile(keystrokes, 99)
            print(
                f"(c) search-as-you-type, {len(keystrokes):,} keystrokes: p50 {percentile(keystrokes, 50):.2f} ms,"
                f" p99 {p99:.2f} ms, max {max(keystrokes):.2f} ms (goal p99 <= 16 ms: {'met' if p99 <= 16 else 'NOT met'})"
            )
            for kind, values in by_kind.items():
                if values:
                    print(
                        f"    {kind:8s}: {len(values):5,} keys, p50 {percentile(values, 50):.2f} ms,"
                        f" p99 {percentile(values, 99):.2f} ms"
                    )


if __name__ == "__main__":
    main()
