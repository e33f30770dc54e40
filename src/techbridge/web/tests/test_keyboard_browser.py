"""In real headless Chromium, with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows,
Escape, typing): search and open a result, write a listing, open and close a deal's
confirmation dialog, and request a free slot of an instrument. The first Tab reaches the skip
link, and a focused control shows a visible outline.

Signing in is done as in the other browser tests; every step after it uses keys only.
Skipped without chromium like the other browser tests (an error under
TECHBRIDGE_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.tests.factories import offer_input
from techbridge.catalogue.tests.published import Catalogue
from techbridge.facilities.models import Booking, Instrument
from techbridge.pipeline.services import deal_advance, deal_express_interest
from techbridge.pipeline.tests.fixtures import publish
from techbridge.web.tests import test_booking_week, test_browser

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

browser = test_browser.browser  # the real-Chromium fixture (skips when Chromium is absent)
hk_lab, nmr, monday, taken = (
    test_booking_week.hk_lab,
    test_booking_week.nmr,
    test_booking_week.monday,
    test_booking_week.taken,
)
# Enough presses to cross the longest page (the listing form) without looping for ever.
MOST_TABS = 120


def press(driver: webdriver.Chrome, *keys: str) -> None:
    """Keys sent to whatever has the focus, as a person types them."""
    ActionChains(driver).send_keys(*keys).perform()


def focused(driver: webdriver.Chrome) -> WebElement:
    return driver.switch_to.active_element


def matches(element: WebElement, selector: str) -> bool:
    return bool(
        element.parent.execute_script(
            "return arguments[0].matches(arguments[1])", element, selector
        )
    )


def tab_to(driver: webdriver.Chrome, selector: str, backwards: bool = False) -> WebElement:
    """Press Tab (or Shift+Tab) until the focus is on an element matching ``selector``."""
    for _ in range(MOST_TABS):
        if backwards:
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
                Keys.SHIFT
            ).perform()
        else:
            press(driver, Keys.TAB)
        element = focused(driver)
        if matches(element, selector):
            return element
    raise AssertionError(f"Tab never reached {selector}")


def choose_with_arrows(driver: webdriver.Chrome, selector: str, value: str) -> None:
    """Reach a closed <select> by Tab and move through its options with the arrow keys."""
    select = tab_to(driver, selector)
    for _ in range(40):
        if select.get_attribute("value") == value:
            return
        press(driver, Keys.ARROW_DOWN)
    raise AssertionError(f"{selector} never showed the option {value}")


def wait_for_next_page(driver: webdriver.Chrome, action: Any) -> None:
    page = driver.find_element(By.TAG_NAME, "html")
    action()
    test_browser._wait_for_next_page(driver, page)


def outline_of(element: WebElement) -> str:
    return str(
        element.parent.execute_script(
            "const s = getComputedStyle(arguments[0]);"
            "return s.outlineStyle === 'none' ? '' : s.outlineStyle + ' ' + s.outlineWidth;",
            element,
        )
    )


def test_search_by_keyboard_from_skip_link_to_a_result(
    browser: webdriver.Chrome, live_server: Any, catalogue: Catalogue
) -> None:
    browser.get(f"{live_server.url}/en/search/")
    # The first Tab reaches the skip link; Enter on it moves on to the page's content.
    skip = tab_to(browser, "a")
    assert (skip.get_attribute("class"), skip.text) == ("skip", "Skip to content")
    assert outline_of(skip)  # what has the focus can be seen
    press(browser, Keys.ENTER)
    assert browser.current_url.endswith("#main")

    box = tab_to(browser, "input[name=q]")
    assert outline_of(box)
    press(browser, "ultrasound", Keys.ENTER)  # htmx swaps in the results
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("q=ultrasound"))
    WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".result h2 a"))
    )
    result = tab_to(browser, ".result h2 a")
    assert outline_of(result)
    title = result.text
    wait_for_next_page(browser, lambda: press(browser, Keys.ENTER))
    assert browser.current_url.endswith(f"/en/listings/{catalogue.offer.reference}/")
    assert browser.find_element(By.TAG_NAME, "h1").text == title


def test_a_listing_is_written_and_saved_with_the_keyboard_only(
    browser: webdriver.Chrome,
    live_server: Any,
    search_index_dir: Path,
    officer: User,
    hk_university: Organisation,
) -> None:
    base = live_server.url
    test_browser._log_in(browser, base, officer)
    browser.get(f"{base}/en/my/listings/new/")

    choose_with_arrows(browser, "select[name=kind]", "offer")
    choose_with_arrows(browser, "select[name=owner]", str(hk_university.pk))
    choose_with_arrows(browser, "select[name=original_language]", "en")
    # The English tab is open first; its fields follow its radio button.
    tab_to(browser, "input[name=title_en]")
    press(browser, "Keyboard-only ultrasound probe")
    tab_to(browser, "[name=summary_en]")
    press(browser, "A probe written into the catalogue without a mouse.")
    tab_to(browser, "input[name=keywords]")
    press(browser, "ultrasound, keyboard")
    box = tab_to(browser, "input[name=areas][value=innovation_technology]")
    press(browser, Keys.SPACE)
    assert box.is_selected()
    box = tab_to(browser, "input[name=partnership_types][value=licence]")
    press(browser, Keys.SPACE)
    assert box.is_selected()
    choose_with_arrows(browser, "select[name=trl]", "6")
    choose_with_arrows(browser, "select[name=ip_status]", "patent_applied")
    save = tab_to(browser, "form.listing-form > button[type=submit]")
    assert outline_of(save)
    wait_for_next_page(browser, lambda: press(browser, Keys.ENTER))

    assert "saved" in browser.page_source
    listing = Listing.objects.get(owner=hk_university)
    assert (listing.kind, listing.trl_id, listing.ip_status, listing.status) == (
        "offer",
        6,
        "patent_applied",
        "draft",
    )
    assert listing.texts.get(language="en").title == "Keyboard-only ultrasound probe"
    assert list(listing.areas.values_list("code", flat=True)) == ["innovation_technology"]


def test_a_deal_action_opens_its_dialog_and_escape_returns_the_focus(
    browser: webdriver.Chrome,
    live_server: Any,
    officer: User,
    reviewer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
) -> None:
    listing = publish(
        officer, reviewer, listing_create(actor=officer, data=offer_input(hk_university))
    )
    deal = deal_express_interest(actor=outsider, listing=listing, organisation=cq_enterprise)
    deal = deal_advance(actor=officer, deal=deal, event="screen")
    events = deal.events.count()
    base = live_server.url
    test_browser._log_in(browser, base, officer)
    browser.get(f"{base}/en/deals/{deal.pk}/")

    decline = tab_to(browser, "button[value=decline]")
    assert outline_of(decline)
    press(browser, Keys.ENTER)
    dialog = WebDriverWait(browser, 10).until(
        expected_conditions.visibility_of_element_located(
            (By.CSS_SELECTOR, "dialog.confirm-dialog[open]")
        )
    )
    # The focus is inside the dialog, on the answer that changes nothing.
    inside = focused(browser)
    assert browser.execute_script("return arguments[0].contains(arguments[1])", dialog, inside)
    assert inside.get_attribute("value") == "cancel"
    assert outline_of(inside)
    press(browser, Keys.ESCAPE)
    WebDriverWait(browser, 10).until(
        lambda d: d.execute_script("return document.querySelectorAll('dialog').length") == 0
    )
    assert focused(browser) == decline
    deal.refresh_from_db()
    assert (deal.stage, deal.events.count()) == ("screening", events)

    # Shift+Tab walks back from the action to the page's earlier controls.
    earlier = tab_to(browser, "a, button, input, select, textarea, summary", backwards=True)
    assert earlier != decline


def test_a_free_slot_is_requested_with_the_keyboard_only(
    browser: webdriver.Chrome,
    live_server: Any,
    nmr: Instrument,
    taken: Booking,
    officer: User,
    monday: date,
) -> None:
    base = live_server.url
    test_browser._log_in(browser, base, officer)
    browser.get(f"{base}/en/instruments/{nmr.pk}/?week={monday.isoformat()}")

    slot = tab_to(browser, "a.slot-free")
    assert outline_of(slot)
    href = slot.get_attribute("href") or ""
    wait_for_next_page(browser, lambda: press(browser, Keys.ENTER))
    assert browser.current_url == href
    starts = browser.find_element(By.NAME, "starts_at").get_attribute("value")
    assert starts == f"{monday.isoformat()}T00:00"

    tab_to(browser, "[name=purpose]")
    press(browser, "Protein NMR, requested by keyboard")
    tab_to(browser, "#request-form button[type=submit]")
    wait_for_next_page(browser, lambda: press(browser, Keys.ENTER))

    assert "Your booking request is sent to the managers." in browser.page_source
    booking = Booking.objects.get(requester=officer)
    assert (booking.instrument, booking.status, booking.purpose) == (
        nmr,
        "requested",
        "Protein NMR, requested by keyboard",
    )
    assert timezone.localtime(booking.starts_at).isoformat().startswith(f"{monday}T00:00")
