"""Dates, times, money and plurals as each language writes them, on real pages; ids and years
printed into URLs, attributes and form values stay ungrouped."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

import techbridge
from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.facilities.models import Booking, Instrument
from techbridge.pipeline.models import DealMessage
from techbridge.pipeline.services.agreements import AgreementInput, agreement_record
from techbridge.pipeline.tests.fixtures import negotiating_deal
from techbridge.programme.tests.fixtures import YEAR, Programme

pytestmark = pytest.mark.django_db
HK = ZoneInfo("Asia/Hong_Kong")
NBSP = "\u00a0"
STYLESHEET = Path(techbridge.__file__).resolve().parent / "web" / "static" / "web" / "site.css"


def render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template("{% load i18n l10n techbridge_web %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "5 Dec 2026", "5 Dec 2026, 14:30"),
        ("zh-hant", "2026年12月5日", "2026年12月5日 14:30"),
        ("zh-hans", "2026年12月5日", "2026年12月5日 14:30"),
    ],
)
def test_date_formats_per_language(language: str, day: str, moment: str) -> None:
    when = datetime(2026, 12, 5, 14, 30, tzinfo=HK)
    out = render(
        '{{ d|date:"DATE_FORMAT" }}|{{ t|date:"DATETIME_FORMAT" }}|{{ t|time:"TIME_FORMAT" }}',
        language,
        d=date(2026, 12, 5),
        t=when,
    )
    assert out == f"{day}|{moment}|14:30"


@pytest.mark.parametrize(
    ("language", "short", "month"),
    [("en", "05/12/2026", "December 2026"), ("zh-hant", "2026年12月5日", "2026年12月")],
)
def test_short_dates_and_months(language: str, short: str, month: str) -> None:
    out = render(
        '{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"YEAR_MONTH_FORMAT" }}',
        language,
        d=date(2026, 12, 5),
    )
    assert out == f"{short}|{month}"


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_numbers_are_grouped_but_unlocalized_ones_are_not(language: str) -> None:
    out = render("{{ n }}|{{ n|unlocalize }}|{{ x }}", language, n=1234567, x=Decimal("4200.5"))
    assert out == "1,234,567|1234567|4,200.5"


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_money_is_the_currency_code_then_the_grouped_amount(language: str) -> None:
    out = render(
        "{{ a|money:'HKD' }}|{{ b|money:'CNY' }}|{{ c|money:'USD' }}|{{ a|money }}"
        "|{{ none|money:'HKD' }}",
        language,
        a=Decimal("4200"),
        b=Decimal("1234567.505"),
        c=12,
        none=None,
    )
    assert out == f"HKD{NBSP}4,200.00|RMB{NBSP}1,234,567.51|USD{NBSP}12.00|4,200.00|"


@pytest.fixture
def booking(officer: User) -> Booking:
    """Two hours at HKD 4,200.00 on 6 Jan 2027, 14:30–16:30, as booking 1234."""
    hk_lab = officer.memberships.get().organisation
    instrument = Instrument.objects.create(
        organisation=hk_lab, name_en="Cryo-EM", category="imaging", lead_time_days=1
    )
    return Booking.objects.create(
        pk=1234,
        instrument=instrument,
        requester=officer,
        starts_at=datetime(2027, 1, 6, 14, 30, tzinfo=HK),
        ends_at=datetime(2027, 1, 6, 16, 30, tzinfo=HK),
        user_category="industry",
        fee_rate=Decimal("4200.00"),
        fee_currency="HKD",
    )


def booking_row(client: Client, language: str) -> str:
    page = client.get(f"/{language}/my/bookings/").content.decode()
    row = re.search(r'<tr id="booking-1234">(.*?)</tr>', page, re.S)
    assert row is not None, "the row's id is the booking's pk, ungrouped"
    return row.group(1)


def test_my_bookings_in_english_dates_fee_and_total(
    client: Client, officer: User, booking: Booking
) -> None:
    client.force_login(officer)
    row = booking_row(client, "en")
    # A span of time stays on one line: each end is a <time>, the whole a .time-range.
    assert (
        '<td><span class="time-range"><time datetime="2027-01-06T14:30:00+08:00">'
        '6 Jan 2027, 14:30</time> – <time datetime="2027-01-06T16:30:00+08:00">16:30</time>'
        "</span></td>"
    ) in row
    assert (
        f"<td>HKD{NBSP}4,200.00 per hour · Industry<br><span>Total HKD{NBSP}8,400.00 for 2 h</span>"
    ) in row
    assert "Jan. 6" not in row and "p.m." not in row and "4200" not in row


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_my_bookings_in_chinese_dates_and_amounts(
    client: Client, officer: User, booking: Booking, language: str
) -> None:
    client.force_login(officer)
    row = booking_row(client, language)
    assert (
        '<td><span class="time-range"><time datetime="2027-01-06T14:30:00+08:00">'
        '2027年1月6日 14:30</time> – <time datetime="2027-01-06T16:30:00+08:00">16:30</time>'
        "</span></td>"
    ) in row
    assert f"HKD{NBSP}4,200.00" in row and f"HKD{NBSP}8,400.00" in row


def test_the_total_follows_the_hours_used_once_recorded(
    client: Client, officer: User, booking: Booking
) -> None:
    Booking.objects.filter(pk=booking.pk).update(
        status="completed", actual_hours=Decimal("1.50"), fee_rate=Decimal("1000")
    )
    client.force_login(officer)
    assert f"<span>Total HKD{NBSP}1,500.00 for 1.5 h</span>" in booking_row(client, "en")


@pytest.mark.parametrize(
    ("language", "days", "minutes", "approval", "rules"),
    [
        ("en", 1, 60, False, "Book 1 day ahead. Slots of 1 hour."),
        ("en", 2, 90, False, "Book 2 days ahead. Slots of 90 minutes."),
        (
            "en",
            1,
            360,
            True,
            "Book 1 day ahead. Slots of 6 hours. Each booking is approved by the managers.",
        ),
        ("en", 3, 1440, False, "Book 3 days ahead. Slots of 24 hours."),
        # No lead time: no sentence about it.
        ("en", 0, 30, False, "Slots of 30 minutes."),
        # Chinese sentences follow each other with no space after the full-width 。
        ("zh-hant", 1, 360, True, "須提前 1 天預約。每個時段 6 小時。每項預約均由管理員批准。"),
        ("zh-hans", 2, 90, False, "须提前 2 天预约。每个时段 90 分钟。"),
    ],
)
def test_instrument_rules_are_plurals_in_hours_when_whole(
    client: Client,
    officer: User,
    language: str,
    days: int,
    minutes: int,
    approval: bool,
    rules: str,
) -> None:
    hk_lab = officer.memberships.get().organisation
    instrument = Instrument.objects.create(
        organisation=hk_lab,
        name_en="Cryo-EM",
        category="imaging",
        lead_time_days=days,
        slot_minutes=minutes,
        requires_approval=approval,
    )
    page = client.get(f"/{language}/instruments/{instrument.pk}/").content.decode()
    assert f"<dd>{rules}</dd>" in page


def test_deal_page_dates_money_and_ids(
    client: Client, nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    deal = negotiating_deal(nda_offer, officer, outsider, cq_enterprise)
    DealMessage.objects.create(
        pk=1234, deal=deal, author=outsider, organisation=cq_enterprise, body="Terms?"
    )
    agreement_record(
        actor=officer,
        deal=deal,
        data=AgreementInput(
            deal_type="assignment",
            signed_on=date(2026, 12, 5),
            value=Decimal("1250000"),
            currency="CNY",
        ),
    )
    client.force_login(officer)
    page = client.get(f"/en/deals/{deal.pk}/").content.decode()
    assert '<dt>Signed on</dt><dd><time datetime="2026-12-05">5 Dec 2026</time></dd>' in page
    assert f"<dd>RMB{NBSP}1,250,000.00</dd>" in page
    # The reply form names its parent message by its raw id, and the anchors match it.
    assert '<input type="hidden" name="parent" value="1234">' in page
    assert 'id="message-1234"' in page and 'for="reply-1234"' in page
    assert "1,234" not in page
    chinese = client.get(f"/zh-hans/deals/{deal.pk}/").content.decode()
    assert "2026年12月5日" in chinese and f"RMB{NBSP}1,250,000.00" in chinese


def test_programme_year_links_are_ungrouped_and_card_counts_are_plurals(
    client: Client, programme: Programme
) -> None:
    page = client.get(f"/en/programme/?year={YEAR}").content.decode()
    assert f"?year={YEAR}&amp;format=pdf" in page or f"?year={YEAR}" in page
    assert f'<option value="{YEAR}" selected>{YEAR}</option>' in page
    assert f"{YEAR:,}" not in page
    cards = re.findall(r'<section class="[^"]*card">.*?</section>', page, re.S)
    counts = re.findall(r"<p>(\d+ items?) · (\d+ initiatives?)</p>", " ".join(cards))
    assert counts, "each card counts its items and initiatives"
    for items, initiatives in counts:
        for phrase in (items, initiatives):
            number, noun = phrase.split(" ")
            assert noun.endswith("s") == (number != "1")


def test_privacy_periods_are_plurals(client: Client, settings: Any) -> None:
    settings.TECHBRIDGE_RETENTION_ACCESS_ATTEMPT_DAYS = 1
    settings.TECHBRIDGE_RETENTION_UNCONFIRMED_DAYS = 2
    page = client.get("/en/privacy/").content.decode()
    assert "is erased after 2 days. Records of failed sign-ins" in page
    assert "password-reset requests are deleted after 1 day.</p>" in page


def test_dates_and_spans_of_time_never_break_inside() -> None:
    """The stylesheet keeps every <time> and every span of time on one line, so a phone
    never shows "2026年 / 10月26 / 日"."""
    css = (STYLESHEET).read_text(encoding="utf-8")
    assert "time, .time-range { white-space: nowrap; }" in css
    chinese = render("{{ day|when }}", "zh-hant", day=date(2026, 10, 26))
    assert chinese == '<time datetime="2026-10-26">2026年10月26日</time>'
    moment = datetime(2027, 1, 6, 6, 30, 15, 999, tzinfo=ZoneInfo("UTC"))
    assert render('{{ moment|when:"DATETIME_FORMAT" }}', "en", moment=moment) == (
        '<time datetime="2027-01-06T14:30:15+08:00">6 Jan 2027, 14:30</time>'
    )
    assert render("{{ day|when }}", "en", day=None) == ""
