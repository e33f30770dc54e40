"""iCalendar (RFC 5545) feeds of bookings: per instrument (busy times, no personal data) and
per user (their own bookings, behind a signed link a calendar app can subscribe to)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.core import signing
from django.utils.translation import gettext as _

from techbridge.facilities.models import Booking

FEED_SALT = "techbridge.facilities.user-feed"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 §3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return out


def calendar(name: str, bookings: Iterable[Booking], *, with_details: bool) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//techbridge//bookings//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for booking in bookings:
        summary = (
            f"{booking.instrument.name} ({booking.get_status_display()})"
            if with_details
            # RFC 5545 needs no words for busy time (TRANSP:OPAQUE says it); the summary is
            # for people, in the feed's language.
            else _("%(instrument)s: taken") % {"instrument": booking.instrument.name}
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:booking-{booking.pk}@techbridge",
            f"DTSTAMP:{_stamp(booking.updated_at)}",
            f"DTSTART:{_stamp(booking.starts_at)}",
            f"DTEND:{_stamp(booking.ends_at)}",
            f"SUMMARY:{_escape(summary)}",
            f"LOCATION:{_escape(booking.instrument.location)}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"


def user_feed_token(user_pk: int) -> str:
    return signing.dumps(user_pk, salt=FEED_SALT)


def user_of_feed_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=FEED_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None
