"""core.errors: the one text a person sees for any failure, and the field an error is about."""

from __future__ import annotations

import logging

import pytest

from ccs_desktop.core import i18n
from ccs_desktop.core.api import CcsClient, resolve_tenant
from ccs_desktop.core.errors import AuthenticationFailed, CallOutcomeUnknown, InvalidInput, user_text


def test_an_expected_error_shows_its_own_text_and_logs_nothing(caplog):
    log = logging.getLogger("test.errors")
    with caplog.at_level(logging.DEBUG, logger="test.errors"):
        assert user_text(InvalidInput("No number given."), log) == "No number given."
        assert user_text(CallOutcomeUnknown("It may be ringing.", "t-1")) == "It may be ringing."
    assert caplog.records == []


def test_anything_else_is_a_generic_line_and_its_traceback_goes_to_the_log(caplog):
    log = logging.getLogger("test.errors")
    try:
        {}["missing"]
    except KeyError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="test.errors"):
        text = user_text(error, log, "reading the thing failed")
    assert text == "Something went wrong (KeyError); details are in the log."
    assert "missing" not in text  # the exception's own words may hold anything: only its type is shown
    [record] = caplog.records
    assert record.getMessage() == "reading the thing failed"
    assert record.exc_info is not None and record.exc_info[1] is error
    assert user_text(KeyError("x")) == text  # without a logger: the same text, nothing logged


@pytest.fixture
def turkish():
    i18n.set_language("tr")
    yield
    i18n.set_language("en")


def test_the_generic_line_is_translated(turkish):
    assert user_text(ValueError()) == "Bir şeyler ters gitti (ValueError); ayrıntılar günlükte."


def test_errors_name_the_field_they_are_about():
    assert InvalidInput("x").field == ""
    assert InvalidInput("x", field="email").field == "email"
    with pytest.raises(InvalidInput) as info:
        resolve_tenant("not a tenant!")
    assert info.value.field == "tenant"


def test_a_refused_login_names_the_email_or_the_token(simulator):
    with CcsClient(resolve_tenant(simulator.base_url)) as client:
        with pytest.raises(AuthenticationFailed) as unknown:
            client.login(simulator.app_token, "nobody@example.com")
        assert unknown.value.field == "email"
        with pytest.raises(AuthenticationFailed) as wrong:
            client.login("agWRONG", simulator.email)
        assert wrong.value.field == "token"
