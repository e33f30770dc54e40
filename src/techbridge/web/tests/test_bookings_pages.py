"""A Hong Kong researcher books a Chongqing instrument; its manager approves; a second
request for the same time cannot be approved."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import OrganisationFactory, member_of
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.facilities.models import Booking, Instrument

pytestmark = pytest.mark.django_db


def test_book_then_approve_then_clash(client: Client, officer: User, outsider: User) -> None:
    lab = OrganisationFactory.create(
        slug="cq-cryoem",
        name_zh_hans="重庆冷冻电镜中心",
        org_type=OrganisationType.LABORATORY,
        region=Region.CHONGQING,
    )
    manager = member_of(lab, MembershipRole.FACILITY_MANAGER)
    instrument = Instrument.objects.create(
        organisation=lab, name_zh_hans="冷冻电镜", category="imaging", lead_time_days=2
    )
    start = (timezone.localtime() + timedelta(days=5)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    slot = {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "purpose": "Protein structure",
    }
    page = client.get(f"/zh-hant/instruments/{instrument.pk}/").content.decode()
    assert "冷凍電鏡" in page  # the Simplified name, converted for a Traditional reader

    client.force_login(officer)
    too_soon = {**slot, "starts_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    refused = client.post(f"/zh-hant/instruments/{instrument.pk}/", too_soon)
    assert refused.status_code == 400
    assert "請最少提前 2 天預約" in refused.content.decode()
    assert client.post(f"/en/instruments/{instrument.pk}/", slot).status_code == 302
    client.force_login(outsider)
    client.post(f"/en/instruments/{instrument.pk}/", slot)
    first, second = Booking.objects.order_by("pk")
    assert (first.requester, first.status) == (officer, "requested")

    log_in_verified(client, manager)  # facility managers confirm a second factor
    queue = client.get("/zh-hans/my/bookings/").content.decode()
    assert "冷冻电镜" in queue and "Protein structure" in queue
    client.post(f"/en/bookings/{first.pk}/decide/", {"decision": "approve"})
    clash = client.post(
        f"/zh-hans/bookings/{second.pk}/decide/", {"decision": "approve"}, follow=True
    )
    assert "此时段与该仪器已批准的预约重叠" in clash.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("approved", "requested")


def test_quoted_fee_training_and_hours_on_the_pages(
    client: Client, officer: User, outsider: User
) -> None:
    from decimal import Decimal

    from techbridge.facilities.models import InstrumentFee

    lab = OrganisationFactory.create(
        slug="cq-xrd", name_zh_hans="重庆衍射中心", org_type="laboratory", region=Region.CHONGQING
    )
    manager = member_of(lab, MembershipRole.FACILITY_MANAGER)
    instrument = Instrument.objects.create(
        organisation=lab,
        name_zh_hans="X射线衍射仪",
        category="analytical",
        lead_time_days=1,
        requires_training=True,
    )
    InstrumentFee.objects.create(
        instrument=instrument, user_category="cross_boundary", currency="CNY", hourly_rate=350
    )
    start = (timezone.localtime() + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    slot = {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    client.force_login(officer)
    refused = client.post(f"/zh-hans/instruments/{instrument.pk}/", slot)
    assert refused.status_code == 400
    assert "此仪器须先接受培训" in refused.content.decode()
    assert not Booking.objects.exists()

    log_in_verified(client, manager)
    url = f"/en/my/instruments/{instrument.pk}/training/"
    assert client.post(url, {"email": "nobody@example.org"}).status_code == 302
    assert not instrument.trainings.exists()
    client.post(url, {"email": officer.email})
    assert list(instrument.trainings.values_list("user", flat=True)) == [officer.pk]

    client.force_login(officer)
    assert client.post(f"/en/instruments/{instrument.pk}/", slot).status_code == 302
    mine = client.get("/zh-hant/my/bookings/").content.decode()
    # Two hours at RMB 350.00 (Chinese wording from the merged catalogue).
    assert (
        "每小時 RMB\u00a0350.00 · 跨境合作夥伴<br><span>合共 RMB\u00a0700.00（2 小時）</span>"
        in mine
    )
    booking = Booking.objects.get()
    log_in_verified(client, manager)
    queue = client.get("/en/my/bookings/").content.decode()
    assert (
        "RMB\u00a0350.00 per hour · Cross-boundary partner"
        "<br><span>Total RMB\u00a0700.00 for 2 h</span>" in queue
    )
    client.post(f"/en/bookings/{booking.pk}/decide/", {"decision": "approve"})
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=start - timedelta(days=5), ends_at=start - timedelta(days=5, hours=-2)
    )
    too_many = client.post(
        f"/en/bookings/{booking.pk}/complete/", {"actual_hours": "3"}, follow=True
    )
    assert "At most 2 hours were booked." in too_many.content.decode()
    booking.refresh_from_db()
    assert (booking.status, booking.actual_hours) == ("approved", None)
    client.post(f"/en/bookings/{booking.pk}/complete/", {"actual_hours": "1.75"})
    booking.refresh_from_db()
    assert (booking.status, booking.actual_hours) == ("completed", Decimal("1.75"))


def test_an_instrument_without_approval_says_the_time_is_booked(
    client: Client, officer: User
) -> None:
    lab = OrganisationFactory.create(
        slug="cq-lathe", org_type=OrganisationType.LABORATORY, region=Region.CHONGQING
    )
    instrument = Instrument.objects.create(
        organisation=lab,
        name_en="CNC lathe",
        category="fabrication",
        lead_time_days=0,
        requires_approval=False,
    )
    start = (timezone.localtime() + timedelta(days=2)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    slot = {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    client.force_login(officer)
    page = client.post(f"/en/instruments/{instrument.pk}/", slot, follow=True)
    text = page.content.decode()
    day = start.strftime("%Y-%m-%d")
    assert f"Booked: CNC lathe is yours from {day} 14:00 to {day} 16:00." in text
    assert "sent to the managers" not in text
    assert Booking.objects.get().status == "approved"
    hans = client.post(
        f"/zh-hans/instruments/{instrument.pk}/",
        {
            "starts_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    ).content.decode()
    assert f"已预约：CNC lathe 在 {day} 16:00 至 {day} 17:00 归您使用。" in hans


def test_my_instruments_links_an_inactive_instrument_to_its_edit_page(
    client: Client, hk_university: Organisation, officer: User
) -> None:
    manager = member_of(hk_university, MembershipRole.FACILITY_MANAGER)
    active = Instrument.objects.create(
        organisation=hk_university, name_en="Confocal microscope", category="imaging"
    )
    retired = Instrument.objects.create(
        organisation=hk_university,
        name_en="Old mass spectrometer",
        category="analytical",
        is_active=False,
    )
    log_in_verified(client, manager)
    page = client.get("/en/my/instruments/").content.decode()
    assert f'<a href="/en/instruments/{active.pk}/">Confocal microscope</a>' in page
    assert f'<a href="/en/my/instruments/{retired.pk}/edit/">Old mass spectrometer</a>' in page
    assert f'href="/en/instruments/{retired.pk}/"' not in page
    assert client.get(f"/en/my/instruments/{retired.pk}/edit/").status_code == 200


@pytest.mark.parametrize(
    ("language", "copy", "copied"),
    [
        ("en", "Copy the address", "Copied"),
        ("zh-hant", "複製網址", "已複製"),
        ("zh-hans", "复制地址", "已复制"),
    ],
)
def test_my_bookings_links_the_private_calendar_address_with_a_copy_button(
    client: Client, officer: User, language: str, copy: str, copied: str
) -> None:
    client.force_login(officer)
    page = client.get(f"/{language}/my/bookings/").content.decode()
    # The address is signed with the time, so it is read from the page, then checked.
    found = re.search(
        r'<a href="([^"]+)" id="booking-feed" class="feed-address"><code>\1</code></a>', page
    )
    assert found, "a link, not plain text, without JavaScript"
    feed = found.group(1)
    assert re.fullmatch(rf"http://testserver/{language}/calendars/[\w:-]+/bookings\.ics", feed)
    assert client.get(feed.removeprefix("http://testserver")).status_code == 200
    # Without JavaScript the copy button waits hidden for copy.js; the live region is empty.
    assert (
        f'<button type="button" class="secondary" data-copy="booking-feed" hidden>{copy}</button>'
    ) in page
    assert f'<span class="copy-status" role="status" data-copied="{copied}"' in page
    assert '<script src="/static/web/copy.js" defer></script>' in page
