"""Structured logs: one JSON object per line, no personal data."""

import json
import logging
import sys

from cms.log import JsonFormatter


def record(message, *args, exc_info=None, **extra):
    entry = logging.LogRecord("cms.test", logging.ERROR, __file__, 1, message, args, exc_info)
    for key, value in extra.items():
        setattr(entry, key, value)
    return entry


def test_a_line_is_json_with_the_request_fields():
    line = JsonFormatter().format(
        record("GET %s %s", "/carte/", 200, request_id="abc", path="/carte/", status=200, duration_ms=12.5)
    )
    entry = json.loads(line)
    assert entry["message"] == "GET /carte/ 200"
    assert (entry["request_id"], entry["status"], entry["duration_ms"]) == ("abc", 200, 12.5)
    assert entry["level"] == "ERROR" and entry["logger"] == "cms.test"


def test_emails_and_addresses_are_masked():
    line = JsonFormatter().format(record("Envoi à claire.martin@example.org depuis 203.0.113.7 et 2001:db8::1:2:3"))
    assert "claire.martin" not in line and "203.0.113.7" not in line and "2001:db8" not in line
    assert "[e-mail]" in line and "[ip]" in line
    assert "12:30:45" in JsonFormatter().format(record("Tâche de 12:30:45"))


def test_a_signed_token_is_masked():
    """A person's status link in « Internal Server Error: <path> » would open their case."""
    path = "/mon-accompagnement/eyJjYXNlIjo2LCJ2IjoxfQ:1xYOSk:9rg_Evpe2M4EV-CViQTbmjLXV6J58W14RmDPrm2iR8w/"
    entry = json.loads(JsonFormatter().format(record("Internal Server Error: %s", path)))
    assert entry["message"] == "Internal Server Error: /mon-accompagnement/[jeton]/"
    assert "/annonces/cabinet-medical-a-louer-a-die/" in JsonFormatter().format(
        record("GET /annonces/cabinet-medical-a-louer-a-die/ 200")
    )


def test_an_exception_keeps_its_stack_but_not_its_message():
    try:
        raise ValueError("Key (email)=(claire.martin@example.org) already exists")
    except ValueError:
        exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record("Internal Server Error: %s", "/x/", exc_info=exc_info)))
    assert entry["exception"]["type"] == "builtins.ValueError"
    assert any("test_logging.py" in frame for frame in entry["exception"]["stack"])
    assert "claire.martin" not in json.dumps(entry)
