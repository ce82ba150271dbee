"""The directories' one GET (core/directories/http.py) against a real loopback server: a redirect is followed on
the same server only, so a secret header never reaches another host (from the review)."""

from __future__ import annotations

import pytest

from ccs_desktop.core.api.client import Timeouts
from ccs_desktop.core.directories.http import get
from ccs_desktop.core.directories.source import DirectoryError
from tests.support.http_files import Reply

SECRET = {"X-Api-Key": "s3cret-key"}


def test_a_redirect_on_the_same_server_is_followed(file_server):
    file_server.routes["/old"] = Reply(302, "", {"Location": "/new"})
    file_server.routes["/new"] = Reply(200, '{"items": []}', {"Content-Type": "application/json"})
    answer = get(file_server.url("/old"), headers=SECRET, timeouts=Timeouts(2, 2))
    assert answer.status == 200 and b"items" in answer.body


def test_a_redirect_to_another_server_is_refused_in_words_and_the_secret_stays(file_server, http_catcher):
    file_server.routes["/crm"] = Reply(302, "", {"Location": http_catcher.url("/steal")})
    with pytest.raises(DirectoryError, match="redirected to") as refused:
        get(file_server.url("/crm"), headers=SECRET, timeouts=Timeouts(2, 2))
    assert "s3cret" not in str(refused.value)
    assert http_catcher.requests == []  # never asked, so never given the header


@pytest.fixture
def http_catcher():
    from tests.support.http_files import FileServer

    server = FileServer()
    yield server
    server.stop()
