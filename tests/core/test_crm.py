"""The CRM URL: every placeholder URL-encoded whole, http(s) only, unknown placeholders refused when set."""

from __future__ import annotations

import pytest

from ccs_desktop.core.crm import crm_url, crm_url_for
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.phone import try_parse
from ccs_desktop.core.settings import Settings

VALUES = {
    "number": "+90 532/1",
    "e164": "+905321234567",
    "national": "0532 123 45 67",
    "callkey": "a&b=c?d#e",
    "agent": "ayşe@acme.com",
    "queue": "Satış & Destek",
}


def test_every_placeholder_is_encoded_whole():
    template = "https://crm.example/c?n={number}&e={e164}&l={national}&k={callkey}&a={agent}&q={queue}"
    assert crm_url(template, **VALUES) == (
        "https://crm.example/c?n=%2B90%20532%2F1&e=%2B905321234567&l=0532%20123%2045%2067"
        "&k=a%26b%3Dc%3Fd%23e&a=ay%C5%9Fe%40acme.com&q=Sat%C4%B1%C5%9F%20%26%20Destek"
    )
    assert crm_url("http://crm.local/{e164}", **VALUES) == "http://crm.local/%2B905321234567"


@pytest.mark.parametrize(
    "template",
    [
        "file:///etc/passwd?{e164}",
        "javascript:alert({e164})",
        "ftp://crm.example/{e164}",
        "crm.example/{e164}",
        "{queue}://crm.example/",
    ],
)
def test_only_http_and_https_are_made(template):
    with pytest.raises(InvalidInput, match="http:// or https://"):
        crm_url(template, **VALUES)


@pytest.mark.parametrize(
    "template", ["https://crm.example/{phone}", "https://crm.example/{e164!r}", "https://x/{0}"]
)
def test_an_unknown_placeholder_is_refused(template):
    with pytest.raises(InvalidInput, match="unknown placeholder"):
        crm_url(template, **VALUES)


def test_the_setting_refuses_a_bad_template_and_keeps_the_old_one(tmp_path):
    settings = Settings(tmp_path / "config.ini")
    assert settings.get_str("crm_url_template") == "" and settings.get_str("crm_auto_open") == "off"
    for bad, words in (
        ("https://crm.example/{phone}", "unknown placeholder"),
        ("file:///tmp/{e164}", "http:// or https://"),
        ("https://crm.example/{e164", "unclosed brace"),
    ):
        with pytest.raises(InvalidInput, match=words):
            settings.set("crm_url_template", bad)
    assert settings.get_str("crm_url_template") == ""
    with pytest.raises(InvalidInput):
        settings.set("crm_auto_open", "always")
    settings.set("crm_url_template", "https://crm.example/?q={queue}")
    assert settings.get_str("crm_url_template") == "https://crm.example/?q={queue}"


def test_a_bad_template_in_the_file_is_never_used(tmp_path):
    path = tmp_path / "config.ini"
    path.write_text("[ccs-desktop]\ncrm_url_template = javascript:alert({e164})\n", encoding="utf-8")
    settings = Settings(path)
    assert settings.get_str("crm_url_template") == ""
    assert crm_url_for(settings, try_parse("05321234567", "TR")) is None


def test_a_cards_url_uses_the_settings_number_forms(tmp_path):
    settings = Settings(tmp_path / "config.ini")
    number = try_parse("0532 123 45 67", "TR")
    assert crm_url_for(settings, number) is None  # no template: no Open in CRM
    settings.update(
        {
            "crm_url_template": "https://crm.example/?d={number}&e={e164}&n={national}&a={agent}&k={callkey}&q={queue}",
            "email": "ayse@acme.com",
            "outside_line_prefix": "9",
        }
    )
    assert crm_url_for(settings, number, callkey="call-7", queue="Satış") == (
        "https://crm.example/?d=905321234567&e=%2B905321234567&n=0532%20123%2045%2067&a=ayse%40acme.com"
        "&k=call-7&q=Sat%C4%B1%C5%9F"
    )
    assert (
        crm_url_for(settings, None, "gizli") == "https://crm.example/?d=gizli&e=&n=&a=ayse%40acme.com&k=&q="
    )
