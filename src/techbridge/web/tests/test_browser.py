"""In real headless Chromium: a new user signs up, confirms the e-mail, asks to join a
university and is approved, writes an offer in English, a reviewer publishes it, a reader
searching in 简体 finds it and switches language.

Needs Debian's chromium and chromium-driver; skipped with a message when they are absent,
unless TECHBRIDGE_REQUIRE_BROWSER=1 (as in CI), which turns the absence into a failure.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.oath import totp
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
PASSWORD = "a-long-Passphrase-42"

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("TECHBRIDGE_REQUIRE_BROWSER") == "1":
        raise RuntimeError("chromium and chromium-driver are required (apt install them)")
    pytest.skip("chromium / chromium-driver not installed", allow_module_level=True)

# serialized_rollback: the reference data (areas, TRL levels) must be present even after
# another transactional test has flushed the tables.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def _fill(browser: webdriver.Chrome, **fields: str) -> None:
    for name, value in fields.items():
        element = browser.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)


def _wait_for_next_page(browser: webdriver.Chrome, page: WebElement) -> None:
    """Until ``page`` is replaced and the new one has loaded. Chromium reports an element of a
    document being torn down either as stale or as an inspector error; both mean "gone"."""

    def gone(driver: webdriver.Chrome) -> bool:
        try:
            page.tag_name  # noqa: B018 - touching the element is the check
        except (StaleElementReferenceException, WebDriverException):
            return driver.execute_script("return document.readyState") == "complete"
        return False

    WebDriverWait(browser, 10).until(gone)


def _submit(browser: webdriver.Chrome, selector: str = "main form button[type=submit]") -> None:
    """Click and wait for the next page to replace this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    button = browser.find_element(By.CSS_SELECTOR, selector)
    # Log out sits in the header's folded "My techbridge" menu: open it as a reader does.
    browser.execute_script(
        "const menu = arguments[0].closest('details.nav-group:not([open])');"
        "if (menu) { menu.querySelector('summary').click(); }",
        button,
    )
    button.click()
    _wait_for_next_page(browser, page)


def _click(browser: webdriver.Chrome, by: str, value: str) -> None:
    page = browser.find_element(By.TAG_NAME, "html")
    if by == By.LINK_TEXT:
        _open_menu_holding(browser, value)
    browser.find_element(by, value).click()
    _wait_for_next_page(browser, page)


def _open_menu_holding(browser: webdriver.Chrome, text: str) -> None:
    """A link of the header's folded "My techbridge" menu is reached as a reader does: by
    opening the menu first."""
    summaries = browser.execute_script(
        "return Array.from(document.querySelectorAll('details.nav-group:not([open])'))"
        ".filter(d => Array.from(d.querySelectorAll('a'))"
        ".some(a => a.textContent.trim() === arguments[0]))"
        ".map(d => d.querySelector('summary'));",
        text,
    )
    for summary in summaries:
        summary.click()


def _log_in(browser: webdriver.Chrome, base: str, user: User, password: str = "") -> None:
    if not password:
        password = PASSWORD
        user.set_password(password)
        user.save()
    browser.get(f"{base}/en/login/")
    _fill(browser, username=user.email, password=password)
    _submit(browser)
    if "/two-factor/" in browser.current_url:
        # Staff must add the shown key to an authenticator app and type its current code.
        secret = browser.find_element(By.ID, "totp-secret").text
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        _fill(browser, code=f"{totp(key):06d}")
        _submit(browser)


def test_sign_up_to_publication_to_search_in_simplified_chinese(
    browser: webdriver.Chrome,
    live_server: Any,
    search_index_dir: Path,
    hk_university: Organisation,
    officer: User,
    reviewer: User,
) -> None:
    base = live_server.url
    wait = WebDriverWait(browser, 10)

    # Sign up and confirm the e-mail address.
    browser.get(f"{base}/en/signup/")
    _fill(browser, email="chan.tai.man@hku.example.hk", full_name="Chan Tai Man")
    Select(browser.find_element(By.NAME, "preferred_language")).select_by_value("en")
    _fill(browser, password1=PASSWORD, password2=PASSWORD)
    Select(browser.find_element(By.NAME, "residence_region")).select_by_value("hk")
    browser.find_element(By.NAME, "accept_privacy").click()
    _submit(browser)
    assert "Check your e-mail" in browser.find_element(By.TAG_NAME, "h1").text
    link = re.search(r"https?://[^/]+(/\S+)", str(mail.outbox[-1].body))
    assert link is not None
    browser.get(base + link.group(1))
    assert "Your e-mail address is confirmed" in browser.page_source

    # Ask to join the university; its administrator approves.
    _click(browser, By.LINK_TEXT, "Organisations")
    row = browser.find_element(By.XPATH, f"//tr[td[1][normalize-space()='{hk_university.name}']]")
    page = browser.find_element(By.TAG_NAME, "html")
    row.find_element(By.CSS_SELECTOR, "button").click()
    _wait_for_next_page(browser, page)
    assert "Your request to join" in browser.page_source
    _submit(browser, "form[action$='/logout/'] button")
    _log_in(browser, base, officer)
    _click(browser, By.LINK_TEXT, "My organisations")
    _submit(browser, "button[value=approve]")
    _submit(browser, "form[action$='/logout/'] button")
    _log_in(browser, base, User.objects.get(email="chan.tai.man@hku.example.hk"), PASSWORD)

    # Write an offer in English and send it for review.
    _click(browser, By.LINK_TEXT, "My listings")
    _click(browser, By.LINK_TEXT, "New listing")
    Select(browser.find_element(By.NAME, "kind")).select_by_value("offer")
    Select(browser.find_element(By.NAME, "owner")).select_by_value(str(hk_university.pk))
    Select(browser.find_element(By.NAME, "original_language")).select_by_value("en")
    _fill(
        browser,
        title_en="Handheld ultrasound imaging of tumour margins",
        summary_en="A palm-sized ultrasound probe that shows tumour margins during surgery.",
        keywords="ultrasound, tumour, imaging",
    )
    browser.find_element(By.CSS_SELECTOR, "input[name=areas][value=innovation_technology]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=partnership_types][value=licence]").click()
    Select(browser.find_element(By.NAME, "trl")).select_by_value("6")
    Select(browser.find_element(By.NAME, "ip_status")).select_by_value("patent_applied")
    _submit(browser, "form.listing-form > button[type=submit]")
    assert "saved" in browser.page_source
    listing = Listing.objects.get(owner=hk_university)
    _submit(browser, f"form[action$='/{listing.reference}/submit/'] button")
    listing.refresh_from_db()
    assert listing.status == "review"

    # A platform administrator publishes it from the review queue.
    _submit(browser, "form[action$='/logout/'] button")
    _log_in(browser, base, reviewer)
    _click(browser, By.LINK_TEXT, "Review queue")
    _submit(browser, "button[value=publish]")
    listing.refresh_from_db()
    assert listing.status == "published"
    _submit(browser, "form[action$='/logout/'] button")

    # The background worker brings the index up to date, as `make run` does.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    # A Chongqing reader searches in Simplified Chinese and finds the English offer.
    browser.get(f"{base}/zh-hans/search/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("超声 肿瘤")
    browser.find_element(By.CSS_SELECTOR, ".searchbar button").click()  # HTMX swaps results
    wait.until(expected_conditions.url_contains("q="))
    result = wait.until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".result h2 a"))
    )
    title = result.text
    assert title == "Handheld ultrasound imaging of tumour margins"
    assert "<mark>ultrasound</mark>" in browser.page_source.lower()

    # … and switches to Traditional Chinese, staying on the same search.
    _click(browser, By.CSS_SELECTOR, ".language-switcher a[lang=zh-hant]")
    wait.until(expected_conditions.url_contains("/zh-hant/search/?q="))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hant-HK"
    assert browser.find_element(By.NAME, "q").get_attribute("value") == "超声 肿瘤"
    assert browser.find_element(By.CSS_SELECTOR, ".result h2 a").text == title


_UNLABELLED = """
return [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.type !== 'hidden')
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
  .map(e => e.name || e.id);
"""


@pytest.mark.parametrize("path", ["/zh-hant/", "/zh-hans/search/?q=電池", "/en/signup/"])
def test_pages_fit_a_phone_and_every_field_has_a_label(
    browser: webdriver.Chrome,
    live_server: Any,
    search_index_dir: Path,
    catalogue: Any,
    path: str,
) -> None:
    browser.set_window_size(375, 812)  # a common phone viewport
    browser.get(live_server.url + path)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    assert browser.execute_script(_UNLABELLED) == []
    # Keyboard: the first Tab reaches the skip link, which leads to the main content.
    browser.find_element(By.TAG_NAME, "body").send_keys("\ue004")  # Tab
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip"
    assert (focused.get_attribute("href") or "").endswith("#main")


def test_hong_kong_researcher_books_a_chongqing_instrument_and_the_manager_approves(
    browser: webdriver.Chrome, live_server: Any, officer: User
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
    from techbridge.accounts.tests.factories import OrganisationFactory, member_of
    from techbridge.facilities.models import Booking, Instrument

    base = live_server.url
    lab = OrganisationFactory.create(
        slug="cq-cryoem",
        name_zh_hans="重庆冷冻电镜中心",
        org_type=OrganisationType.LABORATORY,
        region=Region.CHONGQING,
    )
    manager = member_of(lab, MembershipRole.FACILITY_MANAGER, email="manager@cq.example.cn")
    instrument = Instrument.objects.create(
        organisation=lab, name_zh_hans="冷冻电镜", category="imaging", lead_time_days=2
    )
    start = (timezone.localtime() + timedelta(days=4)).replace(hour=9, minute=0, second=0)

    _log_in(browser, base, officer)
    _click(browser, By.LINK_TEXT, "Instruments")
    _click(browser, By.PARTIAL_LINK_TEXT, "冷冻电镜")
    for name, moment in (("starts_at", start), ("ends_at", start + timedelta(hours=2))):
        field = browser.find_element(By.NAME, name)
        browser.execute_script(
            "arguments[0].value = arguments[1]", field, moment.strftime("%Y-%m-%dT%H:%M")
        )
    _fill(browser, purpose="Protein structure of a Hong Kong vaccine candidate")
    _submit(browser, "main form button[type=submit]")
    assert "sent to the managers" in browser.page_source
    booking = Booking.objects.get()
    assert (booking.requester, booking.status) == (officer, "requested")

    _submit(browser, "form[action$='/logout/'] button")
    _log_in(browser, base, manager)  # a facility manager: second factor first
    _click(browser, By.LINK_TEXT, "My bookings")
    _submit(browser, "button[value=approve]")
    booking.refresh_from_db()
    assert booking.status == "approved"
    browser.get(f"{base}/en/instruments/{instrument.pk}/")
    taken = browser.find_element(By.CSS_SELECTOR, "main ul li time").get_attribute("datetime")
    assert (taken or "").startswith(start.strftime("%Y-%m-%dT%H:%M"))


def test_chongqing_enterprise_and_hong_kong_university_from_interest_to_signed_licence(
    browser: webdriver.Chrome,
    live_server: Any,
    nda_offer: Listing,
    officer: User,
    outsider: User,
) -> None:
    """The Chongqing side works in 简体, the Hong Kong side in English; the confidential detail
    appears for the Chongqing side only once both have confirmed the NDA."""
    from techbridge.catalogue.tests.published import CANARY
    from techbridge.pipeline.models import Deal

    base = live_server.url
    wait = WebDriverWait(browser, 10)
    _log_in(browser, base, outsider)
    browser.get(f"{base}/zh-hans/listings/{nda_offer.reference}/")
    assert CANARY not in browser.page_source
    _fill(browser, message="我们希望取得该技术在重庆的许可。")
    _submit(browser, "form[action$='/interest/'] button[type=submit]")
    assert "您的意向已发送给拥有方" in browser.page_source
    deal = Deal.objects.get()
    assert browser.find_element(By.ID, "deal-stage").text == "意向表达"
    _submit(browser, "form[action$='/logout/'] button")

    _log_in(browser, base, officer)
    browser.get(f"{base}/en/my/deals/")
    _click(browser, By.PARTIAL_LINK_TEXT, nda_offer.reference)
    assert "我们希望取得该技术在重庆的许可。" in browser.page_source
    _submit(browser, "button[value=screen]")
    _submit(browser, "button[value=accept]")
    assert browser.find_element(By.ID, "deal-stage").text == "Non-disclosure agreement"
    _submit(browser, "form[action$='/nda-confirm/'] button")
    _submit(browser, "form[action$='/logout/'] button")

    _log_in(browser, base, outsider)
    browser.get(f"{base}/zh-hans/deals/{deal.pk}/")
    _submit(browser, "form[action$='/nda-confirm/'] button")
    assert browser.find_element(By.ID, "deal-stage").text == "尽职调查"
    browser.get(f"{base}/zh-hans/listings/{nda_offer.reference}/")
    assert CANARY in browser.page_source
    browser.get(f"{base}/zh-hans/deals/{deal.pk}/")
    _submit(browser, "button[value=negotiate]")
    _submit(browser, "form[action$='/logout/'] button")

    _log_in(browser, base, officer)
    browser.get(f"{base}/en/deals/{deal.pk}/")
    Select(browser.find_element(By.NAME, "deal_type")).select_by_value("licence")
    Select(browser.find_element(By.NAME, "exclusivity")).select_by_value("non_exclusive")
    _fill(browser, territory="Chongqing", value="800000")
    Select(browser.find_element(By.NAME, "currency")).select_by_value("CNY")
    browser.execute_script(
        "arguments[0].value = arguments[1]",
        browser.find_element(By.NAME, "signed_on"),
        "2026-11-01",
    )
    _submit(browser, "form[action$='/agreement/'] button[type=submit]")
    _submit(browser, "button[value=sign]")
    wait.until(
        expected_conditions.text_to_be_present_in_element((By.ID, "deal-stage"), "Agreement signed")
    )
    deal.refresh_from_db()
    assert (deal.stage, deal.agreement.deal_type, deal.agreement.registration_required) == (
        "signed",
        "licence",
        True,
    )
