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


def test_registered_secret_values_never_reach_the_log_file_wherever_they_appear(tmp_path):
    from urllib.parse import quote

    from ccs_desktop.core.logs import forget_secrets, register_secret

    session, secret = "ahS3ssionValue-0123456789", "LiStEnEr_SeCrEt-0123456789~abc"
    register_secret(session)
    register_secret(secret)
    register_secret("short")  # too short to mask by value: ordinary words stay readable
    log_file = tmp_path / "logs" / "app.log"
    setup_logging(log_file=log_file)
    log = logging.getLogger("ccs_desktop.web.view")
    try:
        # a softphone URL template with {session} in its path, and the listener URL: no parameter names to go by
        log.info("loading %s", f"https://acme.example/softphone/{session}/index.html?lang=tr")
        log.info("listener at http://127.0.0.1:47321/" + secret + "/call, short words stay")
        log.warning("callback %r", {"url": f"http://h/x/{quote(secret, safe='')}/hangup"})
        try:
            raise RuntimeError(f"cannot load /softphone/{session}/ for {secret}")
        except RuntimeError:
            log.exception("page failed")
        log.info("stack", stack_info=True, extra={"s": session})
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        setup_logging()
        forget_secrets()
    text = log_file.read_text()
    assert "index.html?lang=tr" in text and "RuntimeError" in text and "short words stay" in text
    for value in (session, secret, quote(secret, safe="")):
        assert value not in text
    assert text.count("***") >= 5


def test_redact_masks_registered_values_and_forgets_the_oldest():
    from ccs_desktop.core.logs import MAX_SECRETS, forget_secrets, register_secret

    try:
        values = [f"value-{n:04d}-secret" for n in range(MAX_SECRETS + 1)]
        for value in values:
            register_secret(value)
        assert redact(f"a {values[-1]} b") == "a *** b"
        assert redact(f"a {values[1]} b") == "a *** b"
        assert values[0] in redact(f"a {values[0]} b")  # the oldest was forgotten, memory stays bounded
    finally:
        forget_secrets()
    assert values[-1] in redact(values[-1])
