"""Helpers for the tests of the person's side (the request form, the status link, the
interest in a listing): the anti-spam fields of a form shown a minute ago, and the links
found in the e-mails."""

import html
import re
import time
import uuid

from django.core import mail, signing

from listings.forms import STARTED_SALT

LINK_RE = re.compile(r"https?://[^\s\"<>]+")


def started_seconds_ago(seconds):
    return signing.Signer(salt=STARTED_SALT).sign(str(int(time.time() - seconds)))


def guard(seconds=60, key=None):
    """The hidden fields of a form shown ``seconds`` ago and never sent before."""
    return {"website": "", "started": started_seconds_ago(seconds), "submission_key": str(key or uuid.uuid4())}


def page_text(response):
    """A page's HTML with its entities decoded (Django writes ' as &#x27;)."""
    return html.unescape(response.content.decode())


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def links_in(message, part="/mon-accompagnement/"):
    """The paths (without the host) of the links to ``part`` in an e-mail's plain text."""
    return [re.sub(r"^https?://[^/]+", "", url) for url in LINK_RE.findall(message.body) if part in url]


def everything_in(message):
    """Subject, plain text and HTML of an e-mail, for checking what it does not say."""
    return message.subject + message.body + "".join(str(content) for content, _ in message.alternatives)
