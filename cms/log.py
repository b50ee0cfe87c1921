"""Structured (JSON, one object per line) logs without personal data.

What a line holds: time, level, logger, message, and selected extras (request id, method,
path, status, duration). What it never holds: client addresses, cookies, headers, query
strings, form data, or exception messages (a database error may quote the row it refused,
e.g. an e-mail address). E-mail addresses, IP addresses and signed tokens (a person's
status link) left in a message are masked.
"""

import ipaddress
import json
import logging
import re
import traceback
from datetime import UTC, datetime

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# A value signed by django.core.signing (payload:timestamp:signature), as in a person's status
# link: whoever reads the log could open the page with it (e.g. « Internal Server Error: <path> »).
SIGNED_TOKEN = re.compile(r"[\w.-]{8,}:[\w-]{4,}:[\w-]{20,}")
IPV6_CANDIDATE = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")

# Extras copied from the record when present (set by cms.middleware.AccessLogMiddleware).
EXTRA_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "view")


def _mask_ipv6(match):
    candidate = match.group(0)
    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:  # e.g. a time of day "12:30:45"
        return candidate
    return "[ip]"


def scrub(text):
    text = SIGNED_TOKEN.sub("[jeton]", text)
    text = EMAIL.sub("[e-mail]", text)
    text = IPV4.sub("[ip]", text)
    return IPV6_CANDIDATE.sub(_mask_ipv6, text)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(self._message(record)),
        }
        for field in EXTRA_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _exc, tb = record.exc_info
            # The stack (files, lines, functions) but not the exception's message.
            entry["exception"] = {
                "type": f"{exc_type.__module__}.{exc_type.__qualname__}",
                "stack": [f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)],
            }
        return json.dumps(entry, ensure_ascii=False, default=str)

    @staticmethod
    def _message(record):
        # django.request logs "Internal Server Error: /path" with the request in `args`
        # for some formats; getMessage() only interpolates the format arguments.
        try:
            return record.getMessage()
        except Exception:  # a broken format string must not lose the log line
            return str(record.msg)
