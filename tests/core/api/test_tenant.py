from __future__ import annotations

import pytest

from ccs_desktop.core.api.tenant import resolve_tenant
from ccs_desktop.core.errors import InvalidInput


def test_label_goes_to_callcenterstudio():
    tenant = resolve_tenant("acme")
    assert tenant.base_url == "https://acme.callcenterstudio.com"
    assert tenant.host == "acme.callcenterstudio.com"
    assert tenant.label == "acme"
    assert tenant.api_url == "https://acme.callcenterstudio.com/api/"


def test_host_is_kept():
    tenant = resolve_tenant("Param-Univera.alo-tech.com")
    assert tenant.base_url == "https://param-univera.alo-tech.com"
    assert tenant.label == "param-univera"


def test_url_with_port():
    tenant = resolve_tenant("http://127.0.0.1:8765/")
    assert tenant.base_url == "http://127.0.0.1:8765"
    assert tenant.api_url == "http://127.0.0.1:8765/api/"
    assert tenant.host == "127.0.0.1"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "ftp://x.example",
        "acme corp",
        "-acme",
        "http://",
        "https://a.example/?app_token=x",
        "http://h:99999",
    ],
)
def test_bad_tenants(text):
    with pytest.raises(InvalidInput) as info:
        resolve_tenant(text)
    assert "app_token=x" not in str(info.value)
