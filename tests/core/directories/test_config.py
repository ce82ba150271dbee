"""Directory sources in the settings file: one section each, no secret in it, kept across another process's save,
and built into sources by kind."""

from __future__ import annotations

import pytest

from ccs_desktop.core.directories.config import (
    DirectoryConfig,
    build_source,
    build_tester,
    check_config,
    find_config,
    load_configs,
    remove_config,
    save_config,
)
from ccs_desktop.core.directories.crm import CrmLookup
from ccs_desktop.core.directories.url import UrlSource
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.settings import Settings

AD = DirectoryConfig(
    "Active Directory",
    "ldap",
    "ldaps://dc1.corp.example.com",
    priority=5,
    user="CN=ccs,OU=Service,DC=corp,DC=example,DC=com",
    base="DC=corp,DC=example,DC=com",
    filter="(&(objectClass=user)(telephoneNumber=*))",
    options={"strip_prefix": "+90"},
)


def test_sources_round_trip_through_the_file_and_survive_another_processs_save(tmp_path):
    path = tmp_path / "config.ini"
    settings = Settings(path)
    save_config(settings, AD)
    save_config(settings, DirectoryConfig("Spam", "url", "https://it.example.com/spam.json", blocklist=True))
    settings.save()
    text = path.read_text(encoding="utf-8")
    assert "[directory:Active Directory]" in text and "password" not in text.lower()

    other = Settings(path)  # the window, started before, saves its own change afterwards
    other.set("region", "DE")
    mine = Settings(path)
    remove_config(mine, "Spam")
    mine.save()
    other.save()
    again = Settings(path)
    assert [c.name for c in load_configs(again)] == ["Active Directory"]
    assert again.get_str("region") == "DE"
    assert find_config(again, "Active Directory") == check_config(AD)


def test_bad_configs_are_refused_in_words():
    with pytest.raises(InvalidInput, match="name"):
        check_config(DirectoryConfig("local", "url", "https://x.example.com/d.json"))
    with pytest.raises(InvalidInput, match="must start with ldap:// or ldaps://"):
        check_config(DirectoryConfig("AD", "ldap", "http://dc1", base="DC=x"))
    with pytest.raises(InvalidInput, match="base DN"):
        check_config(DirectoryConfig("AD", "ldap", "ldap://dc1"))
    with pytest.raises(InvalidInput, match="user name"):
        check_config(DirectoryConfig("Nextcloud", "carddav", "https://cloud.example.com"))
    with pytest.raises(InvalidInput, match="one of ldap, carddav, url, crm"):
        check_config(DirectoryConfig("X", "ftp", "ftp://x"))
    with pytest.raises(InvalidInput, match="keyring"):
        check_config(DirectoryConfig("X", "url", "https://x.example.com/d", options={"api_password": "p"}))
    with pytest.raises(InvalidInput, match="no user or password in the address"):
        check_config(DirectoryConfig("X", "url", "https://it:s3cret@x.example.com/d.json"))


def test_the_registry_builds_by_kind():
    url = build_source(DirectoryConfig("R", "url", "https://it.example.com/d.json", user="u"), "p")
    assert isinstance(url, UrlSource) and url.auth == ("u", "p")
    crm = build_tester(
        DirectoryConfig(
            "CRM",
            "crm",
            "https://crm.example.com/api/lookup?phone={e164}",
            options={"header": "X-Api-Key", "name_key": "data.name"},
        ),
        "s3",
    )
    assert isinstance(crm, CrmLookup) and crm.header == "X-Api-Key" and crm.keys["name"] == "data.name"
    with pytest.raises(InvalidInput, match="looked up per number"):
        build_source(DirectoryConfig("CRM", "crm", "https://crm.example.com/?p={e164}"), "")
