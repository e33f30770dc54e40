"""In real headless Chromium: a table that scrolls inside its box on a phone is focusable,
scrolls with the arrow keys and is named with a note that it scrolls (tables.js), and loses
both on a wide screen; a date never breaks inside; my bookings' Copy button copies the
private calendar address and says so in its live region."""

from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from techbridge.accounts.models import Organisation, User
from techbridge.facilities.models import Booking
from techbridge.web.tests import test_browser, test_locale_formats

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

browser = test_browser.browser  # the real-Chromium fixture (skips when Chromium is absent)
booking = test_locale_formats.booking  # 6 Jan 2027, 14:30–16:30 on a Hong Kong cryo-EM


def test_a_table_that_scrolls_on_a_phone_is_focusable_and_named(
    browser: webdriver.Chrome,
    live_server: Any,
    hk_university: Organisation,
    cq_enterprise: Organisation,
) -> None:
    browser.set_window_size(390, 844)
    browser.get(f"{live_server.url}/zh-hant/organisations/")
    table = browser.find_element(By.CSS_SELECTOR, "main table")
    assert browser.execute_script(
        "return arguments[0].scrollWidth > arguments[0].clientWidth", table
    )
    assert (table.get_attribute("tabindex"), table.get_attribute("aria-label")) == (
        "0",
        "機構（可左右捲動）",
    )
    # The edge shadows are the box's own background (nothing per page).
    assert "linear-gradient" in table.value_of_css_property("background-image")
    browser.execute_script("arguments[0].focus()", table)
    table.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    WebDriverWait(browser, 5).until(
        lambda d: d.execute_script("return arguments[0].scrollLeft", table) > 0
    )

    browser.set_window_size(1366, 900)
    WebDriverWait(browser, 5).until(lambda d: table.get_attribute("tabindex") is None)
    assert table.get_attribute("aria-label") is None


def test_the_copy_button_copies_the_calendar_address_and_says_so(
    browser: webdriver.Chrome, live_server: Any, officer: User, booking: Booking
) -> None:
    base = live_server.url
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    browser.set_window_size(390, 844)
    test_browser._log_in(browser, base, officer)
    browser.get(f"{base}/zh-hans/my/bookings/")
    button = browser.find_element(By.CSS_SELECTOR, "button[data-copy='booking-feed']")
    assert button.is_displayed() and button.text == "复制地址"
    status = browser.find_element(By.CSS_SELECTOR, ".copy-status[role=status]")
    assert status.text == ""
    button.click()
    WebDriverWait(browser, 5).until(lambda d: status.text == "已复制")
    address = browser.find_element(By.ID, "booking-feed").get_attribute("href")
    assert browser.execute_script("return navigator.clipboard.readText()") == address
    # The date in the time column stays on one line (one box, not three).
    lines = browser.execute_script(
        "return [...document.querySelectorAll('main time')].map(t => t.getClientRects().length)"
    )
    assert lines and set(lines) == {1}
    span = browser.find_element(By.CSS_SELECTOR, f"#booking-{booking.pk} .time-range")
    assert span.text == "2027年1月6日 14:30 – 16:30"
    # Both ends on one line: their <time> elements share a top.
    tops = browser.execute_script(
        "return [...arguments[0].querySelectorAll('time')]"
        ".map(t => Math.round(t.getBoundingClientRect().top))",
        span,
    )
    assert len(tops) == 2 and tops[0] == tops[1]
