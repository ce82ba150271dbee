"""`ccs-desktop directory ...` and `contacts find` across sources, as scripts use them: real processes, the real
private keyring, real SQLite, and a real HTTP server for the directory URL."""

from __future__ import annotations

import json

import pytest

from tests.helpers import cli_env, run_cli
from tests.support.http_files import Reply

pytestmark = pytest.mark.usefixtures("private_keyring")

DIRECTORY = {
    "items": [
        {"name": "Ayşe Demir", "company": "Demir Lojistik", "number": "0532 123 45 67"},
        {"name": "Santral", "extension": "2145"},
    ]
}
SPAM = {"items": [{"name": "Robot arama", "number": "0850 222 00 00"}]}


def keyring_secret(name: str) -> str | None:
    import keyring

    return keyring.get_password("ccs-desktop", f"password:directory {name}")


def test_add_sync_list_find_and_remove(file_server, user_dirs):
    file_server.routes["/dir.json"] = Reply(200, json.dumps(DIRECTORY), {"Content-Type": "application/json"})
    file_server.routes["/spam.json"] = Reply(200, json.dumps(SPAM), {"Content-Type": "application/json"})
    env = cli_env(None)
    added = run_cli("directory", "add", "Rehber", "--url", file_server.url("/dir.json"), env=env)
    assert added.returncode == 0, added.stderr
    spam = run_cli("directory", "add", "Spam", "--url", file_server.url("/spam.json"), "--blocklist", env=env)
    assert spam.returncode == 0, spam.stderr
    synced = run_cli("directory", "sync", env=env)
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.splitlines() == ["Rehber: 2 entries", "Spam: 1 entry"]

    listed = json.loads(run_cli("directory", "list", "--json", env=env).stdout)
    assert [(d["name"], d["kind"], d["count"], d["blocklist"], d["error"]) for d in listed] == [
        ("Rehber", "url", 2, False, ""),
        ("Spam", "url", 1, True, ""),
    ]
    assert listed[0]["last_success"] and listed[0]["priority"] == 10

    found = json.loads(run_cli("contacts", "find", "demir", "--json", env=env).stdout)
    assert [(c["name"], c["company"], c["numbers"], c["source"]) for c in found] == [
        ("Ayşe Demir", "Demir Lojistik", ["+905321234567"], "Rehber")
    ]
    shown = run_cli("contacts", "find", "0532 123", env=env).stdout
    assert shown == "Ayşe Demir (Demir Lojistik): +905321234567 · from Rehber\n"
    robot = json.loads(run_cli("contacts", "find", "robot", "--json", env=env).stdout)
    assert robot[0]["source"] == "Spam" and robot[0]["blocklist"] is True

    source = user_dirs.data / "ccs-desktop" / "import.csv"
    source.write_text("Name,Phone\nAyşe Hanım,0532 123 45 67\n", encoding="utf-8")
    assert run_cli("contacts", "import", str(source), env=env).returncode == 0
    both = json.loads(run_cli("contacts", "find", "ayse", "--json", env=env).stdout)
    assert [(c["name"], c["source"]) for c in both] == [("Ayşe Hanım", "local"), ("Ayşe Demir", "Rehber")]

    removed = run_cli("directory", "remove", "Rehber", env=env)
    assert removed.returncode == 0, removed.stderr
    assert json.loads(run_cli("contacts", "find", "demir", "--json", env=env).stdout) == []
    assert [d["name"] for d in json.loads(run_cli("directory", "list", "--json", env=env).stdout)] == ["Spam"]
    assert "Rehber" not in (user_dirs.config / "ccs-desktop" / "config.ini").read_text(encoding="utf-8")


def test_a_server_down_exits_4_with_the_reason_and_keeps_the_copy(file_server):
    file_server.routes["/dir.json"] = Reply(200, json.dumps(DIRECTORY), {"Content-Type": "application/json"})
    env = cli_env(None)
    assert (
        run_cli("directory", "add", "Rehber", "--url", file_server.url("/dir.json"), env=env).returncode == 0
    )
    assert run_cli("directory", "sync", "Rehber", env=env).returncode == 0
    file_server.stop()
    down = run_cli("directory", "sync", "Rehber", env=env)
    assert down.returncode == 4
    assert down.stderr.strip() == (
        "Rehber: Cannot reach 127.0.0.1: connection refused. (the last good copy of 2 entries is kept)"
    )
    found = json.loads(run_cli("contacts", "find", "2145", "--json", env=env).stdout)
    assert [c["name"] for c in found] == ["Santral"]
    listed = json.loads(run_cli("directory", "list", "--json", env=env).stdout)
    assert listed[0]["count"] == 2 and listed[0]["error"].startswith("Cannot reach 127.0.0.1")
    assert listed[0]["last_try"] >= listed[0]["last_success"]


def test_a_wrong_password_exits_4_and_says_so(file_server, user_dirs):
    import base64

    good = "Basic " + base64.b64encode(b"rehber:right-one").decode()
    file_server.routes["/dir.json"] = lambda request: (
        Reply(200, json.dumps(DIRECTORY), {"Content-Type": "application/json"})
        if request.headers.get("authorization") == good
        else Reply(401)
    )
    url = file_server.url("/dir.json")
    env = cli_env(None, CCS_DIRECTORY_PASSWORD="wrong-one")
    added = run_cli("directory", "add", "Rehber", "--url", url, "--user", "rehber", env=env)
    assert added.returncode == 0, added.stderr
    assert keyring_secret("Rehber") == "wrong-one"  # the keyring, and nowhere else
    config = (user_dirs.config / "ccs-desktop" / "config.ini").read_text(encoding="utf-8")
    assert "wrong-one" not in config and "user = rehber" in config
    refused = run_cli("directory", "sync", "Rehber", env=cli_env(None))
    assert refused.returncode == 4
    assert "refused the user name or password (HTTP 401)" in refused.stderr
    assert "wrong-one" not in refused.stderr + refused.stdout

    assert run_cli("directory", "remove", "Rehber", env=env).returncode == 0
    assert keyring_secret("Rehber") is None  # the secret goes with the source
    env = cli_env(None, CCS_DIRECTORY_PASSWORD="right-one")
    assert run_cli("directory", "add", "Rehber", "--url", url, "--user", "rehber", env=env).returncode == 0
    assert run_cli("directory", "sync", env=cli_env(None)).returncode == 0


def test_the_add_contract(user_dirs):
    env = cli_env(None)
    no_password = run_cli(
        "directory",
        "add",
        "Nextcloud",
        "--carddav",
        "https://cloud.example.com",
        "--user",
        "ayse",
        env=env,
        stdin="",
    )
    assert no_password.returncode == 2
    assert "CCS_DIRECTORY_PASSWORD" in no_password.stderr and len(no_password.stderr.splitlines()) == 1
    ldap = run_cli("directory", "add", "AD", "--ldap", "ldaps://dc1.corp.example.com", env=env)
    assert ldap.returncode == 2 and "base DN" in ldap.stderr
    bad_option = run_cli(
        "directory", "add", "AD", "--ldap", "ldap://dc1", "--base", "DC=x", "--option", "nokey", env=env
    )
    assert bad_option.returncode == 2 and "KEY=VALUE" in bad_option.stderr
    both = run_cli("directory", "add", "X", "--url", "https://a.example.com", "--ldap", "ldap://b", env=env)
    assert both.returncode == 2  # argparse: one kind per source
    crm = run_cli(
        "directory",
        "add",
        "CRM",
        "--crm-lookup",
        "https://crm.example.com/api/lookup?phone={e164}",
        "--name-key",
        "data.name",
        "--priority",
        "20",
        "--option",
        "note=from the CLI",
        env=env,
    )
    assert crm.returncode == 0, crm.stderr
    config = (user_dirs.config / "ccs-desktop" / "config.ini").read_text(encoding="utf-8")
    assert "option.name_key = data.name" in config and "option.note = from the CLI" in config
    again = run_cli("directory", "add", "CRM", "--url", "https://x.example.com/d.json", env=env)
    assert again.returncode == 2 and "already" in again.stderr
    not_synced = run_cli("directory", "sync", "CRM", env=env)
    assert not_synced.returncode == 2 and "never synced" in not_synced.stderr
    assert run_cli("directory", "sync", "Nope", env=env).returncode == 2
    assert run_cli("directory", "remove", "Nope", env=env).returncode == 2
    listed = json.loads(run_cli("directory", "list", "--json", env=env).stdout)
    assert [(d["name"], d["kind"], d["priority"]) for d in listed] == [("CRM", "crm", 20)]


def test_the_directory_command_speaks_turkish(file_server):
    env = cli_env(None, LANG="tr_TR.UTF-8")
    empty = run_cli("directory", "list", env=env)
    assert empty.returncode == 0 and "Rehber yok" in empty.stderr
    file_server.routes["/dir.json"] = Reply(200, json.dumps(DIRECTORY), {"Content-Type": "application/json"})
    assert run_cli("directory", "add", "Rehber", "--url", file_server.url("/dir.json"), env=env).returncode == 0
    assert run_cli("directory", "sync", env=env).stdout == "Rehber: 2 kayıt\n"
    file_server.stop()
    down = run_cli("directory", "sync", env=env)
    assert down.returncode == 4 and "2 kayıtlık son sağlam kopya korunuyor" in down.stderr


def test_ldap_and_carddav_sources_sync_through_the_cli_from_real_servers(slapd, radicale_server, user_dirs):
    """The CLI contract with the real servers: an AD-style LDAP source (StartTLS with the test CA, anonymous) and a
    Nextcloud-style CardDAV account (password from CCS_DIRECTORY_PASSWORD, into the keyring only)."""
    from tests.support.carddav_server import PASSWORD, USER, vcard

    radicale_server.make_book("work", "Work")
    radicale_server.put("work", "zeynep", vcard("zeynep", "Zeynep Kaya", "TEL;TYPE=CELL:0542 111 22 33", company="Kaya Ltd"))
    env = cli_env(None)
    ldap = run_cli(
        "directory", "add", "AD", "--ldap", slapd.url, "--base", "ou=people,dc=example,dc=com",
        "--option", f"ca_file={slapd.ca.ca_file}", "--option", "attributes=ad", env=env,
    )  # fmt: skip
    assert ldap.returncode == 0, ldap.stderr
    dav = run_cli(
        "directory", "add", "Nextcloud", "--carddav", radicale_server.root, "--user", USER,
        env={**env, "CCS_DIRECTORY_PASSWORD": PASSWORD},
    )  # fmt: skip
    assert dav.returncode == 0, dav.stderr
    assert keyring_secret("Nextcloud") == PASSWORD
    assert PASSWORD not in (user_dirs.config / "ccs-desktop" / "config.ini").read_text(encoding="utf-8")
    synced = run_cli("directory", "sync", env=env)
    assert synced.returncode == 0, synced.stderr + synced.stdout
    listed = {d["name"]: d for d in json.loads(run_cli("directory", "list", "--json", env=env).stdout)}
    assert listed["AD"]["count"] >= 1 and listed["Nextcloud"]["count"] == 1, listed
    found = json.loads(run_cli("contacts", "find", "zeynep", "--json", env=env).stdout)
    assert [(c["name"], c["source"]) for c in found] == [("Zeynep Kaya", "Nextcloud")]
    ayse = json.loads(run_cli("contacts", "find", "Ayşe", "--json", env=env).stdout)
    assert any(c["source"] == "AD" for c in ayse), ayse


def test_a_wrong_ldap_password_exits_4_and_keeps_the_copy(slapd, user_dirs):
    import keyring

    env = cli_env(None)
    added = run_cli(
        "directory", "add", "AD", "--ldap", slapd.url, "--base", "ou=people,dc=example,dc=com",
        "--bind-dn", "uid=ayse,ou=people,dc=example,dc=com", "--option", f"ca_file={slapd.ca.ca_file}",
        env={**env, "CCS_DIRECTORY_PASSWORD": "ayse-password"},
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    first = run_cli("directory", "sync", "AD", env=env)
    assert first.returncode == 0, first.stderr
    count = json.loads(run_cli("directory", "list", "--json", env=env).stdout)[0]["count"]
    assert count >= 1
    keyring.set_password("ccs-desktop", "password:directory AD", "not-her-password")
    failed = run_cli("directory", "sync", "AD", env=env)
    assert failed.returncode == 4, failed.stdout + failed.stderr
    assert "not-her-password" not in failed.stdout + failed.stderr
    listed = json.loads(run_cli("directory", "list", "--json", env=env).stdout)[0]
    assert listed["count"] == count and listed["error"], listed  # the last good copy stays, the error in words
