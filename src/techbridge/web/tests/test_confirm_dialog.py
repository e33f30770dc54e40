"""In real headless Chromium: a step that cannot be undone opens its confirmation as a modal
dialog, with focus in it; Escape or "no" closes it and changes nothing; "yes" takes the step.
(Without JavaScript the same confirmation is a page: test_confirmations.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.tests.factories import offer_input
from techbridge.matching.models import SavedSearch
from techbridge.pipeline.services import deal_advance, deal_express_interest
from techbridge.pipeline.tests.fixtures import publish
from techbridge.web.tests import test_browser

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

browser = test_browser.browser  # the real-Chromium fixture (skips when Chromium is absent)
OPEN_DIALOG = "dialog.confirm-dialog[open]"


def _open_dialog(driver: webdriver.Chrome, selector: str) -> WebElement:
    """Click ``selector`` and wait for its confirmation dialog, without leaving the page."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    dialog = WebDriverWait(driver, 10).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, OPEN_DIALOG))
    )
    assert driver.find_element(By.TAG_NAME, "html") == page  # no page load: a dialog
    assert driver.execute_script("return document.querySelector('dialog').matches(':modal')")
    return dialog


def _closed(driver: webdriver.Chrome) -> None:
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.querySelectorAll('dialog').length") == 0
    )


def _focused(driver: webdriver.Chrome) -> WebElement:
    return driver.switch_to.active_element


def test_declining_a_deal_asks_in_a_dialog_escape_keeps_it_and_yes_declines(
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
    browser.set_window_size(390, 844)  # a phone: the dialog must fit
    browser.get(f"{base}/en/deals/{deal.pk}/")

    dialog = _open_dialog(browser, "button[value=decline]")
    assert dialog.find_element(By.TAG_NAME, "h2").text == "Decline"
    assert "Declining closes this deal for good" in dialog.text
    # Focus is in the dialog, on the safer answer.
    focused = _focused(browser)
    assert focused.get_attribute("value") == "cancel"
    assert focused.text == "No, go back to the deal"
    left, right = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", dialog
    )
    assert left >= 0 and right <= browser.execute_script("return window.innerWidth")

    # Escape closes it; nothing changed, and focus is back on the button.
    focused.send_keys(Keys.ESCAPE)
    _closed(browser)
    deal.refresh_from_db()
    assert (deal.stage, deal.events.count()) == ("screening", events)
    assert _focused(browser).get_attribute("value") == "decline"

    # "No" closes it too, without a request.
    _open_dialog(browser, "button[value=decline]")
    _focused(browser).click()
    _closed(browser)
    deal.refresh_from_db()
    assert (deal.stage, deal.events.count()) == ("screening", events)

    # "Yes" declines, once.
    dialog = _open_dialog(browser, "button[value=decline]")
    page = browser.find_element(By.TAG_NAME, "html")
    dialog.find_element(By.CSS_SELECTOR, "button.danger").click()
    test_browser._wait_for_next_page(browser, page)
    assert browser.current_url.endswith(f"/en/deals/{deal.pk}/")
    assert "Done." in browser.page_source
    deal.refresh_from_db()
    assert (deal.stage, deal.outcome, deal.events.count()) == ("closed", "lost", events + 1)


def test_deleting_a_saved_search_in_chinese_asks_first(
    browser: webdriver.Chrome,
    live_server: Any,
    outsider: User,
) -> None:
    saved = SavedSearch.objects.create(user=outsider, query="超声")
    base = live_server.url
    test_browser._log_in(browser, base, outsider)
    browser.get(f"{base}/zh-hans/my/alerts/")

    _open_dialog(browser, f"form[action$='/my/saved-searches/{saved.pk}/delete/'] button")
    _focused(browser).send_keys(Keys.ESCAPE)
    _closed(browser)
    assert SavedSearch.objects.filter(pk=saved.pk).exists()

    dialog = _open_dialog(browser, f"form[action$='/my/saved-searches/{saved.pk}/delete/'] button")
    page = browser.find_element(By.TAG_NAME, "html")
    dialog.find_element(By.CSS_SELECTOR, "button.danger").click()
    test_browser._wait_for_next_page(browser, page)
    assert browser.current_url.endswith("/zh-hans/my/alerts/")
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_without_javascript_the_same_step_asks_on_a_page(
    browser: webdriver.Chrome,
    live_server: Any,
    outsider: User,
) -> None:
    saved = SavedSearch.objects.create(user=outsider, query="battery")
    base = live_server.url
    test_browser._log_in(browser, base, outsider)
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(f"{base}/en/my/alerts/")
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(
        By.CSS_SELECTOR, f"form[action$='/my/saved-searches/{saved.pk}/delete/'] button"
    ).click()
    test_browser._wait_for_next_page(browser, page)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Delete the saved search “battery”"
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "button.danger").click()
    test_browser._wait_for_next_page(browser, page)
    assert browser.current_url.endswith("/en/my/alerts/")
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
