"""Template helpers for the public pages."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from techbridge.accounts.two_factor import SECRETARIAT_GROUP
from techbridge.catalogue.models import Listing, ListingText
from techbridge.catalogue.selectors import pick_text
from techbridge.core.languages import is_chinese
from techbridge.core.money import format_money
from techbridge.core.scripts import in_reader_script
from techbridge.engine import Highlight, TermMatch
from techbridge.facilities.fees import booking_hours, booking_total
from techbridge.web import presenting

register = template.Library()


@register.filter
def name_of(names: dict[int, str], organisation_id: int | None) -> str:
    """The name a page may print for an organisation (``pipeline.selectors.party_names``)."""
    return names.get(organisation_id, "") if organisation_id is not None else ""


@register.filter
def marked(highlight: Highlight) -> SafeString:
    """The fragment, HTML-escaped, with matched spans in <mark> (escape first, then mark)."""
    out: list[str] = []
    position = 0
    for start, end in highlight.spans:
        out.append(escape(highlight.text[position:start]))
        out.append(f"<mark>{escape(highlight.text[start:end])}</mark>")
        position = end
    out.append(escape(highlight.text[position:]))
    # Every piece above is escaped; only the <mark> tags are markup.
    return mark_safe("".join(out))


@register.filter
def text_for(listing: Listing, language: str) -> ListingText:
    """The listing's text in ``language`` (a conversion or the original when missing)."""
    return pick_text(listing, language)[0]


@register.filter
def snippets(highlights: Sequence[Highlight], language: str) -> list[Highlight]:
    return presenting.snippets_for(highlights, language)


@register.filter
def reasons(matches: Sequence[TermMatch], language: str | None = None) -> list[presenting.Reason]:
    """Reasons with their Chinese words in the reader's script (the page's language)."""
    return presenting.reasons(matches, language)


@register.filter
def reason_text(reason: presenting.Reason) -> SafeString:
    """A reason as one translated sentence (see ``presenting.reason_html``)."""
    return presenting.reason_html(reason)


@register.filter
def rag_on(milestone: object, today: object) -> str:
    """A milestone's red/amber/green on ``today``."""
    return str(milestone.rag(today))  # type: ignore[attr-defined]


@register.filter
def is_secretariat(user: Any) -> bool:
    """A member of the Conference secretariat (looked up once per request's user)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_techbridge_is_secretariat", None)
    if cached is None:
        cached = user.groups.filter(name=SECRETARIAT_GROUP).exists()
        user._techbridge_is_secretariat = cached
    return bool(cached)


@register.simple_tag
def item_separator() -> str:
    """What separates the items of a list of names: "; " in English, where a name may hold a
    comma, and the enumeration comma "、" in Chinese (a half-width "; " read as a typo there)."""
    return "、" if is_chinese() else "; "


@register.simple_tag
def colon_gap() -> str:
    """The space after a label's colon: none after Chinese "：", which carries its own."""
    return "" if is_chinese() else " "


# The space before an opening bracket is the same gap: none before Chinese "（", which carries
# its own.
register.simple_tag(colon_gap, name="bracket_gap")


@register.simple_tag
def word_gap() -> str:
    """What separates single words listed after a label: a space in English, "、" in Chinese,
    where a space between words reads as a gap in the sentence."""
    return "、" if is_chinese() else " "


@register.simple_tag
def new_idempotency_key() -> str:
    """A fresh key for a hand-written form, so that submitting it twice has one effect."""
    return uuid.uuid4().hex


@register.filter
def money(amount: Any, currency: str = "") -> str:
    """An amount of money with its currency (see ``core.money.format_money``)."""
    return format_money(amount, currency)


@register.filter
def fee_total(booking: Any) -> Decimal | None:
    """A booking's fee in all: hours (used, else booked) × the quoted hourly rate."""
    return booking_total(booking)


@register.filter
def fee_hours(booking: Any) -> Decimal:
    """The hours a booking is charged for (used once recorded, else booked): 2, 1.5, 0.25."""
    hours = booking_hours(booking)
    return hours.quantize(Decimal(1)) if hours == hours.to_integral() else hours.normalize()


@register.filter
def until(end: datetime) -> str:
    """The end of a span of time as a clock states it (see ``presenting.clock_end``)."""
    return presenting.clock_end(end)


@register.filter
def join_list(items: Any) -> str:
    """Items of a list as a sentence reads them (see ``presenting.joined``). Escaped by the
    template like any other value."""
    return presenting.joined(items or ())


@register.filter
def reader_script(words: Any) -> list[str]:
    """Words kept as they were typed (keywords, in one script) in the reader's Chinese script:
    a 简体 page showed 氮化鎵 beside a title converted to 氮化镓."""
    language = get_language() or "en"
    return [in_reader_script(str(word), language) for word in words or ()]


@register.filter
def whole(value: Any) -> Any:
    """A count held as a Decimal (an indicator's value) as an int when whole, for plurals."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


@register.filter
def booking_rules(instrument: Any) -> str:
    """An instrument's booking rules (see ``presenting.booking_rules``)."""
    return presenting.booking_rules(
        instrument.lead_time_days,
        instrument.slot_minutes,
        instrument.requires_training,
        instrument.requires_approval,
    )


@register.filter(expects_localtime=True)
def when(value: date | datetime | None, format_name: str = "DATE_FORMAT") -> SafeString | str:
    """A date or a moment in the language's format (``DATE_FORMAT``, ``DATETIME_FORMAT``,
    ``TIME_FORMAT``), in a <time> element with its machine-readable value. The stylesheet keeps
    a <time> on one line: a Chinese date breaks nowhere inside (not "2026年 / 10月26 / 日")."""
    if value is None or value == "":
        return ""
    machine = value.replace(microsecond=0) if isinstance(value, datetime) else value
    return format_html(
        '<time datetime="{}">{}</time>', machine.isoformat(), date_filter(value, format_name)
    )


@register.filter
def version_date(version: str) -> SafeString | str:
    """A version named by its date (the privacy notice's 2026-12-05) as the language writes
    dates, in a <time> element; any other version name as it is."""
    try:
        day = date.fromisoformat(str(version))
    except ValueError:
        return str(version)
    return when(day)
