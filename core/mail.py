"""E-mail helpers every app's notifications share: address cleaning and the one way a
rendered message (subject, plain text, HTML) is sent, one message per recipient."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.utils.text import Truncator


def clean_addresses(addresses):
    """Valid, de-duplicated (case-insensitively) addresses, in order: nothing that could
    inject a header (CR/LF) or that the mail server would refuse."""
    seen, result = set(), []
    for address in addresses:
        address = (address or "").strip()
        if not address or "\r" in address or "\n" in address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            continue
        if address.lower() not in seen:
            seen.add(address.lower())
            result.append(address)
    return result


def one_line(text, length=150):
    """A header-safe single line: no CR/LF, bounded length."""
    return Truncator(" ".join(str(text).split())).chars(length)


def send_rendered(template, context, recipients, *, subject_prefix="", reply_to=()):
    """Render ``template``_subject.txt, .txt and .html with ``context`` and send one message
    per recipient (nobody sees the others' addresses). Returns the number sent."""
    subject = one_line(render_to_string(f"{template}_subject.txt", context), 180)
    if subject_prefix:
        subject = one_line(f"[{subject_prefix}] {subject}", 200)
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    messages = []
    for address in clean_addresses(recipients):
        message = EmailMultiAlternatives(
            subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [address],
            reply_to=clean_addresses(reply_to),
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(html, "text/html")
        messages.append(message)
    return get_connection().send_messages(messages) or 0
