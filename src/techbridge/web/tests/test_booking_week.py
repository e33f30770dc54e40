"""The instrument page's week of slots: free ones fill in the request form, taken ones say only
"taken", one's own pending request shows as one's own; the form shows the fee before it is
sent; a request over taken time is refused before anything is stored, naming the free times
of the same length that day."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from html import unescape

import pytest
from django.test import Client
from django.utils import formats, timezone

from techbridge.accounts.choices import OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory
from techbridge.facilities.models import Booking, Instrument, InstrumentFee

pytestmark = pytest.mark.django_db

SLOT = re.compile(
    r'<(?:a|span) class="slot slot-(?P<state>\w+)"(?: href="(?P<href>[^"]*)")?>'
    r'<span class="slot-time">(?P<time>[^<]+)</span> <span class="slot-state">(?P<label>[^<]+)'
)
DAY = re.compile(
    r'<li class="week-day">\s*<h3><time datetime="(?P<day>[\d-]+)">(?P<body>.*?)</ul>', re.S
)
FOUR_SLOTS = ["00:00–06:00", "06:00–12:00", "12:00–18:00", "18:00–24:00"]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=hour)


def _week(page: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each day of the week view with its slots as (time, state, label)."""
    return {
        match["day"]: [(s["time"], s["state"], s["label"]) for s in SLOT.finditer(match["body"])]
        for match in DAY.finditer(page)
    }


@pytest.fixture
def hk_lab(db: None) -> Organisation:
    return OrganisationFactory.create(
        slug="hk-nmr-lab",
        name_en="Hong Kong NMR Laboratory",
        org_type=OrganisationType.LABORATORY,
        region=Region.HONG_KONG,
    )


@pytest.fixture
def nmr(hk_lab: Organisation) -> Instrument:
    """Slots of six hours (four a day), a day's notice, each request approved by managers."""
    instrument = Instrument.objects.create(
        organisation=hk_lab,
        name_en="600 MHz NMR spectrometer",
        category="analytical",
        lead_time_days=1,
        slot_minutes=360,
        requires_approval=True,
    )
    for category, currency, rate in (
        ("internal", "HKD", 200),
        ("academic", "HKD", 400),
        ("industry", "HKD", 800),
        ("cross_boundary", "CNY", 350),
    ):
        InstrumentFee.objects.create(
            instrument=instrument, user_category=category, currency=currency, hourly_rate=rate
        )
    return instrument


@pytest.fixture
def monday() -> date:
    """A Monday at least four days away: every slot of its week is past the lead time."""
    day = timezone.localdate() + timedelta(days=4)
    return day + timedelta(days=-day.weekday() % 7)


@pytest.fixture
def taken(nmr: Instrument, outsider: User, monday: date) -> Booking:
    """The outsider's approved booking on Wednesday, 06:00 to 12:00."""
    wednesday = monday + timedelta(days=2)
    return Booking.objects.create(
        instrument=nmr,
        requester=outsider,
        starts_at=_at(wednesday, 6),
        ends_at=_at(wednesday, 12),
        status="approved",
    )


def test_week_shows_each_slot_free_or_taken_and_ones_own_request(
    client: Client, nmr: Instrument, taken: Booking, officer: User, monday: date
) -> None:
    tuesday = monday + timedelta(days=1)
    Booking.objects.create(
        instrument=nmr, requester=officer, starts_at=_at(tuesday, 12), ends_at=_at(tuesday, 18)
    )
    url = f"/en/instruments/{nmr.pk}/"

    def expected(own_request: str) -> dict[str, list[tuple[str, str, str]]]:
        week = {}
        for offset in range(7):
            day = monday + timedelta(days=offset)
            week[day.isoformat()] = [(time, "free", "Free") for time in FOUR_SLOTS]
        week[(monday + timedelta(days=2)).isoformat()][1] = ("06:00–12:00", "taken", "Taken")
        state, label = own_request.split("|")
        week[tuesday.isoformat()][2] = ("12:00–18:00", state, label)
        return week

    # Anyone sees the outsider's booking as taken, and the officer's request as free time.
    anonymous = client.get(url, {"week": monday.isoformat()})
    assert anonymous.status_code == 200
    page = unescape(anonymous.content.decode())
    assert _week(page) == expected("free|Free")
    assert "Log in to request a free slot; taken slots are held by approved bookings." in page
    assert "Choose a free slot" not in page
    assert "outsider@cq.example.org" not in page and str(taken.requester) not in page
    assert f'href="?week={(monday - timedelta(days=7)).isoformat()}#week"' in page
    assert f'href="?week={(monday + timedelta(days=7)).isoformat()}#week"' in page

    # The officer sees their own request as theirs; any day of the week shows the same week.
    client.force_login(officer)
    mine = client.get(url, {"week": (monday + timedelta(days=3)).isoformat()})
    page = unescape(mine.content.decode())
    assert _week(page) == expected("requested|Your request")
    assert "Choose a free slot to fill in the request below" in page
    assert "outsider@cq.example.org" not in page

    # A free slot links to the form filled in for it.
    wednesday = (monday + timedelta(days=2)).isoformat()
    links = [s["href"] for s in SLOT.finditer(page) if s["state"] == "free"]
    assert len(links) == 26
    assert (
        f"/en/instruments/{nmr.pk}/?week={monday.isoformat()}"
        f"&starts_at={wednesday}T12%3A00&ends_at={wednesday}T18%3A00#request"
    ) in links


def test_a_week_that_cannot_be_shown_gets_the_first_open_week_and_a_message(
    client: Client, nmr: Instrument
) -> None:
    for wanted in ("9999-12-31", "0001-01-01", "2026-13-01", "next", "2026-1-5"):
        response = client.get(f"/en/instruments/{nmr.pk}/", {"week": wanted})
        assert response.status_code == 400
        page = unescape(response.content.decode())
        assert "The week is given as a date, YYYY-MM-DD, from 0002-01-01 to 9998-12-01" in page
        first_open = timezone.localdate() + timedelta(days=1)
        assert f'<time datetime="{first_open.isoformat()}">' in page
    # The first and last weeks the view shows link no further.
    first = client.get(f"/en/instruments/{nmr.pk}/", {"week": "0002-01-01"})
    assert first.status_code == 200
    assert 'href="?week=0002-01-01#week"' in first.content.decode()
    last = client.get(f"/en/instruments/{nmr.pk}/", {"week": "9998-12-01"})
    assert last.status_code == 200
    assert 'href="?week=9998-11-30#week"' in last.content.decode()


@pytest.mark.parametrize(
    ("viewer", "rate", "category", "total"),
    [
        ("officer", "HKD\u00a0400.00", "Other academic", "HKD\u00a02,400.00"),
        ("outsider", "RMB\u00a0350.00", "Cross-boundary partner", "RMB\u00a02,100.00"),
    ],
)
def test_the_chosen_slot_fills_the_form_and_shows_the_fee_before_sending(
    request: pytest.FixtureRequest,
    client: Client,
    nmr: Instrument,
    monday: date,
    viewer: str,
    rate: str,
    category: str,
    total: str,
) -> None:
    client.force_login(request.getfixturevalue(viewer))
    thursday = (monday + timedelta(days=3)).isoformat()
    response = client.get(
        f"/en/instruments/{nmr.pk}/",
        {
            "week": monday.isoformat(),
            "starts_at": f"{thursday}T06:00",
            "ends_at": f"{thursday}T12:00",
        },
    )
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert f'name="starts_at" value="{thursday}T06:00"' in page
    assert f'name="ends_at" value="{thursday}T12:00"' in page
    assert "<dt>Hours</dt><dd>6</dd>" in page
    assert f"<dd>{rate} per hour ({category})</dd>" in page
    assert f'<dd class="fee-total">{total}</dd>' in page
    assert not Booking.objects.exists()

    # Two slots: twelve hours.
    longer = client.get(
        f"/en/instruments/{nmr.pk}/",
        {"starts_at": f"{thursday}T06:00", "ends_at": f"{thursday}T18:00"},
    )
    assert "<dt>Hours</dt><dd>12</dd>" in longer.content.decode()


def test_without_a_chosen_time_the_form_asks_for_one_and_strangers_log_in_first(
    client: Client, nmr: Instrument, officer: User, monday: date
) -> None:
    query = {"starts_at": f"{monday.isoformat()}T06:00", "ends_at": f"{monday.isoformat()}T12:00"}
    anonymous = unescape(client.get(f"/en/instruments/{nmr.pk}/", query).content.decode())
    assert "Log in to book this instrument." in anonymous
    assert "fee-total" not in anonymous
    client.force_login(officer)
    page = unescape(client.get(f"/en/instruments/{nmr.pk}/").content.decode())
    assert "Choose a start and an end to see the fee before you send the request." in page
    garbled = client.get(f"/en/instruments/{nmr.pk}/", {"starts_at": "soon", "ends_at": "x"})
    assert garbled.status_code == 200
    assert "fee-total" not in garbled.content.decode()


def test_a_clash_is_refused_before_anything_is_stored_naming_free_times_that_day(
    client: Client, nmr: Instrument, taken: Booking, officer: User, monday: date
) -> None:
    client.force_login(officer)
    wednesday = monday + timedelta(days=2)
    day = wednesday.isoformat()
    response = client.post(
        f"/en/instruments/{nmr.pk}/",
        {"starts_at": f"{day}T06:00", "ends_at": f"{day}T18:00", "purpose": "Spectra"},
    )
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "This time overlaps an approved booking of the instrument." in page
    when = formats.date_format(wednesday, "DATE_FORMAT")
    assert f"Free for as long on {when}: 12:00–24:00, 18:00–06:00." in page
    following = (wednesday + timedelta(days=1)).isoformat()
    assert (
        f"?week={monday.isoformat()}&starts_at={day}T18%3A00&ends_at={following}T06%3A00#request"
    ) in page
    assert "Choose 18:00–06:00" in page
    assert list(Booking.objects.values_list("pk", flat=True)) == [taken.pk]

    # A slot that touches the taken one is not a clash: it is requested.
    fine = client.post(
        f"/en/instruments/{nmr.pk}/", {"starts_at": f"{day}T12:00", "ends_at": f"{day}T18:00"}
    )
    assert fine.status_code == 302
    assert Booking.objects.filter(requester=officer, status="requested").count() == 1


def test_a_clash_with_nothing_as_long_free_that_day_says_so(
    client: Client, nmr: Instrument, taken: Booking, officer: User, monday: date
) -> None:
    client.force_login(officer)
    wednesday = monday + timedelta(days=2)
    Booking.objects.create(
        instrument=nmr,
        requester=officer,
        starts_at=_at(wednesday, 18),
        ends_at=_at(wednesday, 24),
        status="approved",
    )
    response = client.post(
        f"/en/instruments/{nmr.pk}/",
        {
            "starts_at": f"{wednesday.isoformat()}T00:00",
            "ends_at": f"{wednesday.isoformat()}T12:00",
        },
    )
    assert response.status_code == 400
    page = unescape(response.content.decode())
    when = formats.date_format(wednesday, "DATE_FORMAT")
    assert f"Nothing is free for as long on {when}; choose another time in the week above." in page
    assert Booking.objects.count() == 2
    # The officer's own approved time shows as theirs, the other as taken.
    week = _week(page)[wednesday.isoformat()]
    assert [state for _, state, _ in week] == ["free", "taken", "free", "yours"]


def test_time_that_cannot_be_booked_is_one_span_not_slot_by_slot(
    client: Client, nmr: Instrument, taken: Booking, monday: date
) -> None:
    """A past week is one "Not open" line a day; a taken slot between closed ones stays."""
    past = monday - timedelta(days=14)
    Booking.objects.create(
        instrument=nmr,
        requester=taken.requester,
        starts_at=_at(past + timedelta(days=2), 6),
        ends_at=_at(past + timedelta(days=2), 12),
        status="approved",
    )
    page = unescape(
        client.get(f"/en/instruments/{nmr.pk}/", {"week": past.isoformat()}).content.decode()
    )
    closed_day = [("00:00–24:00", "closed", "Not open")]
    expected = {(past + timedelta(days=n)).isoformat(): closed_day for n in range(7)}
    expected[(past + timedelta(days=2)).isoformat()] = [
        ("00:00–06:00", "closed", "Not open"),
        ("06:00–12:00", "taken", "Taken"),
        ("12:00–24:00", "closed", "Not open"),
    ]
    assert _week(page) == expected
    assert "No slot is free this week; try the next week." in page
