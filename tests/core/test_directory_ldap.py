"""The LDAP source against a real OpenLDAP slapd on loopback (tests/support/ldap_server.py): binds, TLS, mapping,
paging past the server's size limit, bad entries and failures in words."""

from __future__ import annotations

from dataclasses import replace

import ldap3
import pytest

from ccs_desktop.core.directories.ldap import (
    AD_ATTRIBUTES,
    INET_ORG_PERSON_ATTRIBUTES,
    LdapConfig,
    LdapSource,
)
from ccs_desktop.core.directories.numbers import directory_number, split_extension
from ccs_desktop.core.directories.source import (
    DirectoryAuthFailed,
    DirectoryError,
    DirectoryNumber,
    DirectoryUnreachable,
)
from tests.support.ldap_server import BIG_COUNT, SIZE_LIMIT, SUFFIX, free_port, make_ca

PEOPLE = f"ou=people,{SUFFIX}"
AYSE = f"uid=ayse,{PEOPLE}"
PASSWORD = "ayse-password"


def config(server, **overrides) -> LdapConfig:
    return LdapConfig(
        **{"url": server.url, "base_dn": PEOPLE, "ca_file": str(server.ca.ca_file), **overrides}
    )


def by_uid(result):
    return {entry.uid: entry for entry in result.entries}


def test_anonymous_starttls_reads_people_with_numbers_and_maps_ad_names_first(slapd):
    result = LdapSource("corp", config(slapd)).fetch({})
    assert result.full and not result.skipped
    entries = by_uid(result)
    assert set(entries) == {
        AYSE,
        f"uid=mehmet,{PEOPLE}",
        f"uid=svc-backup,{PEOPLE}",
    }  # no number: not asked for
    ayse = entries[AYSE]
    assert (ayse.name, ayse.company, ayse.email) == ("Ayşe Yılmaz", "Koç Holding A.Ş.", "ayse@example.com")
    assert ayse.numbers == (
        DirectoryNumber("+90 212 555 00 00", "work ext. 123"),
        DirectoryNumber("0532 123 45 67", "mobile"),
        DirectoryNumber("0216 444 00 00", "home"),
        DirectoryNumber("1234", "ipPhone"),
    )
    mehmet = entries[f"uid=mehmet,{PEOPLE}"]  # no displayName or company: inetOrgPerson's cn and o
    assert (mehmet.name, mehmet.company) == ("Mehmet Demir", "Arçelik")
    assert mehmet.numbers == (DirectoryNumber("0312 444 55 66", "work ext. 12"),)


def test_inet_org_person_mapping(slapd):
    result = LdapSource("corp", config(slapd, attributes=INET_ORG_PERSON_ATTRIBUTES)).fetch({})
    ayse = by_uid(result)[AYSE]
    assert (ayse.name, ayse.company) == ("Ayşe Yılmaz", "Koç Holding")
    assert [n.label for n in ayse.numbers] == [
        "work ext. 123",
        "mobile",
        "home",
    ]  # no ipPhone in inetOrgPerson


def test_an_entry_the_mapping_cannot_name_costs_that_entry_only(slapd):
    result = LdapSource("corp", config(slapd, attributes=AD_ATTRIBUTES)).fetch({})
    assert set(by_uid(result)) == {AYSE}  # the others have no displayName, company (AD's, not o) or mail
    assert sorted(dn for dn, _ in result.skipped) == [f"uid=mehmet,{PEOPLE}", f"uid=svc-backup,{PEOPLE}"]
    assert "displayName" in result.skipped[0][1]


def test_a_filter_of_our_own_and_a_prefix_to_strip(slapd):
    source = LdapSource("corp", config(slapd, filter="(uid=ayse)", strip_prefix="+90"))
    (ayse,) = source.fetch({}).entries
    assert ayse.numbers[0] == DirectoryNumber("212 555 00 00", "work ext. 123")
    assert ayse.numbers[1].number == "0532 123 45 67"  # no "+90" there: untouched
    trunk = LdapSource("corp", config(slapd, filter="uid=ayse", strip_prefix="0")).fetch({}).entries[0]
    assert [n.number for n in trunk.numbers] == [
        "+90 212 555 00 00",
        "532 123 45 67",
        "216 444 00 00",
        "1234",
    ]


def test_simple_bind_and_a_wrong_password(slapd):
    good = LdapSource("corp", config(slapd, bind_dn=AYSE), password=PASSWORD)
    assert "uid=ayse" in good.test()
    assert len(good.fetch({}).entries) == 3
    bad = LdapSource("corp", config(slapd, bind_dn=AYSE), password="not-" + PASSWORD)
    with pytest.raises(DirectoryAuthFailed) as caught:
        bad.fetch({})
    assert "password" in str(caught.value) and PASSWORD not in str(caught.value)
    with pytest.raises(DirectoryAuthFailed):
        bad.test()


def test_ldaps_with_the_test_ca(slapd):
    source = LdapSource("corp", config(slapd, url=slapd.ldaps_url, bind_dn=AYSE), password=PASSWORD)
    assert "is there" in source.test()
    assert AYSE in by_uid(source.fetch({}))


@pytest.mark.parametrize("scheme", ["ldaps", "starttls"])
def test_a_certificate_from_another_ca_fails_with_words(slapd, tmp_path, scheme):
    other = make_ca(tmp_path / "other", name="Someone else's CA")
    url = slapd.ldaps_url if scheme == "ldaps" else slapd.url
    source = LdapSource("corp", config(slapd, url=url, ca_file=str(other.ca_file)))
    with pytest.raises(DirectoryError) as caught:
        source.fetch({})
    assert type(caught.value) is DirectoryError
    assert "certificate is not trusted" in str(caught.value)


def test_plain_ldap_when_starttls_is_turned_off(slapd):
    assert len(LdapSource("corp", config(slapd, starttls=False, ca_file=None)).fetch({}).entries) == 3


def test_server_down_and_bad_settings(slapd):
    down = LdapSource("corp", config(slapd, url=f"ldap://127.0.0.1:{free_port()}", timeout=2))
    with pytest.raises(DirectoryUnreachable, match="cannot be reached"):
        down.fetch({})
    with pytest.raises(DirectoryUnreachable):
        down.test()
    with pytest.raises(DirectoryError, match="check the base DN"):
        LdapSource("corp", config(slapd, base_dn=f"ou=nobody,{SUFFIX}")).fetch({})
    with pytest.raises(DirectoryError, match="filter"):
        LdapSource("corp", config(slapd, filter="(uid=ayse")).fetch({})
    with pytest.raises(DirectoryError, match="ldap://host"):
        LdapSource("corp", config(slapd, url="http://127.0.0.1")).fetch({})


def test_paging_reads_50000_entries_past_the_size_limit(big_slapd):
    base = f"ou=big,{SUFFIX}"
    # The server really stops an unpaged search at its limit...
    conn = ldap3.Connection(ldap3.Server("127.0.0.1", port=big_slapd.port), auto_bind=True)
    conn.search(base, "(objectClass=person)", attributes=["cn"])
    assert conn.result["description"] == "sizeLimitExceeded" and len(conn.entries) == SIZE_LIMIT
    conn.unbind()
    # ...and the source pages its way past it.
    source = LdapSource(
        "big", LdapConfig(big_slapd.url, base, ca_file=str(big_slapd.ca.ca_file), page_size=500)
    )
    result = source.fetch({})
    assert len(result.entries) == BIG_COUNT and not result.skipped
    assert len({entry.uid for entry in result.entries}) == BIG_COUNT
    last = by_uid(result)[f"uid=u{BIG_COUNT - 1},{base}"]
    assert last.numbers == (DirectoryNumber(f"+90 212 {BIG_COUNT - 1:07d}", "work"),)


@pytest.mark.parametrize(
    ("written", "main", "extension"),
    [
        ("+90 212 555 00 00 ext. 123", "+90 212 555 00 00", "123"),
        ("0212 555 0000 x123", "0212 555 0000", "123"),
        ("0212 555 0000x 45", "0212 555 0000", "45"),
        ("+902125550000;ext=7", "+902125550000", "7"),
        ("(0212) 555-0000 dahili 4411", "(0212) 555-0000", "4411"),
        ("0212 555 00 00 #9", "0212 555 00 00", "9"),
        ("0532 123 45 67", "0532 123 45 67", ""),
        ("1234", "1234", ""),
    ],
)
def test_extensions_are_set_apart(written, main, extension):
    assert split_extension(written) == (main, extension)


def test_directory_number():
    assert directory_number("9,0212 555 00 00", "work", "9,") == DirectoryNumber("0212 555 00 00", "work")
    assert directory_number("0212 555 00 00 ext 5", "", "0") == DirectoryNumber("212 555 00 00", "ext. 5")
    assert directory_number("call reception", "work") is None


def test_the_password_is_not_in_the_repr(slapd):
    source = LdapSource("corp", config(slapd, bind_dn=AYSE), password=PASSWORD)
    assert PASSWORD not in repr(source) and PASSWORD not in repr(source.config)
    assert replace(source.config, page_size=10).page_size == 10
