"""In real headless Chromium on a phone (390 px): the week of slots fits without sideways
scrolling, a free slot fills in the request form with its fee, changing the end updates the
fee in place (htmx), and sending the request books exactly that time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from techbridge.accounts.models import User
from techbridge.facilities.models import Booking, Instrument
from techbridge.web.tests import test_booking_week, test_browser

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

browser = test_browser.browser  # the real-Chromium fixture (skips when Chromium is absent)
hk_lab, nmr, monday, taken = (
    test_booking_week.hk_lab,
    test_booking_week.nmr,
    test_booking_week.monday,
    test_booking_week.taken,
)
SIDEWAYS = "return document.documentElement.scrollWidth - window.innerWidth"


def test_a_free_slot_picked_on_a_phone_is_requested_with_its_fee(
    browser: webdriver.Chrome,
    live_server: Any,
    nmr: Instrument,
    taken: Booking,
    officer: User,
    monday: date,
) -> None:
    base = live_server.url
    wednesday = monday + timedelta(days=2)
    day, following = wednesday.isoformat(), (wednesday + timedelta(days=1)).isoformat()
    browser.set_window_size(390, 844)
    test_browser._log_in(browser, base, officer)
    browser.get(f"{base}/en/instruments/{nmr.pk}/?week={monday.isoformat()}")
    assert browser.execute_script("return window.innerWidth") <= 390
    assert browser.execute_script(SIDEWAYS) <= 0

    # The taken slot is not a link and names nobody; the next one is.
    wednesday_slots = browser.find_elements(
        By.CSS_SELECTOR, f"li.week-day:has(time[datetime='{day}']) .slot"
    )
    assert [(s.tag_name, s.text.replace("\n", " ")) for s in wednesday_slots] == [
        ("a", "00:00–06:00 Free"),
        ("span", "06:00–12:00 Taken"),
        ("a", "12:00–18:00 Free"),
        ("a", "18:00–24:00 Free"),
    ]
    test_browser._click(browser, By.CSS_SELECTOR, f"a.slot[href*='starts_at={day}T12%3A00']")
    assert browser.find_element(By.NAME, "starts_at").get_attribute("value") == f"{day}T12:00"
    assert browser.find_element(By.NAME, "ends_at").get_attribute("value") == f"{day}T18:00"
    # WebDriver reads a no-break space as a space; either way the same words.
    fee = browser.find_element(By.ID, "fee-quote").text.replace("\u00a0", " ")
    assert "HKD 400.00 per hour (Other academic)" in fee and "HKD 2,400.00" in fee
    assert browser.execute_script(SIDEWAYS) <= 0

    # A longer time: the fee follows without sending the form.
    browser.execute_script(
        "const end = document.getElementById('id_ends_at'); end.value = arguments[0];"
        "end.dispatchEvent(new Event('change', {bubbles: true}));",
        f"{following}T00:00",
    )
    # htmx replaces the quote while the wait reads it: a stale element is a read to retry.
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: "HKD 4,800.00" in d.find_element(By.ID, "fee-quote").text.replace("\u00a0", " ")
    )
    assert not Booking.objects.filter(requester=officer).exists()

    test_browser._fill(browser, purpose="Protein NMR")
    test_browser._submit(browser, "#request-form button[type=submit]")
    assert "Your booking request is sent to the managers." in browser.page_source
    booking = Booking.objects.get(requester=officer)
    assert (booking.status, booking.purpose, booking.starts_at, booking.ends_at) == (
        "requested",
        "Protein NMR",
        test_booking_week._at(wednesday, 12),
        test_booking_week._at(wednesday, 24),
    )
    assert (booking.fee_rate, booking.fee_currency) == (400, "HKD")
