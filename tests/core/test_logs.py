from __future__ import annotations

import logging

from ccs_desktop.core.logs import RedactingFilter, redact, setup_logging


def test_redact_masks_query_parameters_and_json():
    url = "http://h/api/?function=login&app_token=agSECRET123&email=a%40b.c"
    assert "agSECRET123" not in redact(url)
    assert "email=a%40b.c" in redact(url)
    assert "ahSESSION" not in redact("GET /api/?function=click2call&session=ahSESSION&phonenumber=0532")
    assert "0532" in redact("GET /api/?function=click2call&session=ahSESSION&phonenumber=0532")
    assert "xyz" not in redact('{"session": "xyz", "login": true}')


def test_filter_masks_args_and_tracebacks():
    record = logging.LogRecord(
        "urllib3", logging.DEBUG, __file__, 1, "%s %s", ("GET", "/api/?app_token=abc"), None
    )
    try:
        raise ValueError("failed for /api/?session=def")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    RedactingFilter().filter(record)
    assert "abc" not in record.getMessage()
    assert "def" not in record.exc_text


def test_log_file_never_gets_a_secret(tmp_path):
    log_file = tmp_path / "logs" / "app.log"
    setup_logging(log_file=log_file)
    try:
        logging.getLogger("urllib3.connectionpool").warning(
            '"GET /api/?function=ping&app_token=TOPSECRET HTTP/1.1"'
        )
        logging.getLogger("ccs").info("session=%s", "SESSIONVALUE")
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        setup_logging()
    text = log_file.read_text()
    assert "ping" in text
    assert "TOPSECRET" not in text
    assert "SESSIONVALUE" not in text


def test_redact_masks_the_listener_secret_inside_a_hangup_url():
    line = (
        "GET /api/?function=click2call&session=s&phonenumber=0532"
        "&hangup_url=http%3A%2F%2F127.0.0.1%3A47321%2FLiStEnErSeCrEt0123456789%2Fhangup&transactionid=t"
    )
    masked = redact(line)
    assert "LiStEnErSeCrEt0123456789" not in masked
    assert "transactionid=t" in masked and "phonenumber=0532" in masked
