"""In real headless Chromium: axe-core checks the main pages in English, 繁體 and 简体, signed
out and signed in, and finds no serious or critical violation; no page scrolls sideways on a
phone; each page is photographed at a phone's width (390 px) and a laptop's (1366 px) for a
person to look over.

axe-core's script comes from the installed axe-core-python package (no network at test time).
The photographs go to $TECHBRIDGE_SCREENSHOT_DIR, else to screenshots/ in the var directory.
Skipped without chromium like the other browser tests (an error under
TECHBRIDGE_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from axe_core_python.selenium import Axe
from django.conf import settings
from selenium import webdriver

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.tests.published import Catalogue
from techbridge.facilities.models import Booking, Instrument
from techbridge.pipeline.models import Deal
from techbridge.pipeline.tests.fixtures import negotiating_deal
from techbridge.programme.tests.fixtures import YEAR, Programme
from techbridge.web.tests import test_booking_week, test_browser

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

browser = test_browser.browser  # the real-Chromium fixture (skips when Chromium is absent)
hk_lab, nmr, monday, taken = (
    test_booking_week.hk_lab,
    test_booking_week.nmr,
    test_booking_week.monday,
    test_booking_week.taken,
)

# The impacts that fail the test; "moderate" and "minor" ones are left to judgement.
BLOCKING = ("serious", "critical")
WIDTHS = (390, 1366)
LANGUAGES = ("en", "zh-hant", "zh-hans")
SIDEWAYS = "return document.documentElement.scrollWidth - window.innerWidth"
AXE = Axe()


@dataclass(frozen=True)
class Site:
    catalogue: Catalogue
    deal: Deal
    instrument: Instrument


@pytest.fixture
def site(
    programme: Programme,
    catalogue: Catalogue,
    nmr: Instrument,
    taken: Booking,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
) -> Site:
    """A published catalogue (indexed), a programme with its figures, an instrument with a
    taken slot, and a deal in negotiation between the Hong Kong and Chongqing sides."""
    deal = negotiating_deal(catalogue.offer, officer, outsider, cq_enterprise)
    return Site(catalogue=catalogue, deal=deal, instrument=nmr)


def screenshot_dir() -> Path:
    chosen = os.environ.get("TECHBRIDGE_SCREENSHOT_DIR")
    directory = Path(chosen) if chosen else Path(settings.VAR_DIR) / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def save_full_page(driver: webdriver.Chrome, path: Path) -> None:
    """The whole page, not only the window: Chromium draws beyond the viewport on request."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def blocking_violations(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    # Only the violations are collected: axe then skips listing everything that passed.
    results = AXE.run(driver, options={"resultTypes": ["violations"]})
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(page: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"]][:5]
        lines.append(f"{page}: {violation['id']} ({violation['impact']}) {violation['help']}")
        lines.extend(f"    {target}" for target in targets)
    return "\n".join(lines)


def check_pages(
    driver: webdriver.Chrome, base: str, language: str, pages: dict[str, str]
) -> list[str]:
    """Each page checked by axe (wide), for sideways scrolling (phone) and photographed at both
    widths; the failures, described."""
    failures = []
    directory = screenshot_dir()
    # As on a phone, no scroll bar takes width from the page.
    driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
    for name, path in pages.items():
        # axe at the wide width, where every part of the page is shown (a phone folds the
        # menu away); the photographs at both.
        for width in sorted(WIDTHS, reverse=True):
            driver.set_window_size(width, 900)
            driver.get(f"{base}/{language}{path}")
            if "/login/" in driver.current_url and "/login/" not in path:
                # A page photographed as the log-in form checks nothing of its own.
                failures.append(f"{language} {name}: redirected to {driver.current_url}")
                continue
            if width == max(WIDTHS):
                found = blocking_violations(driver)
                if found:
                    failures.append(describe(f"{language} {name}", found))
            else:
                sideways = driver.execute_script(SIDEWAYS)
                if sideways > 0:
                    failures.append(f"{language} {name}: scrolls sideways by {sideways}px")
            save_full_page(driver, directory / f"{language}-{name}-{width}.png")
    return failures


def test_main_pages_in_three_languages_have_no_serious_accessibility_violations(
    browser: webdriver.Chrome, live_server: Any, site: Site, officer: User, monday: date
) -> None:
    base = live_server.url
    offer = site.catalogue.offer
    signed_out = {
        "home": "/",
        "search": "/search/?q=ultrasound",
        "search-empty": "/search/?q=zzzznothing",
        "listing": f"/listings/{offer.reference}/",
        "organisations": "/organisations/",
        "instruments": "/instruments/",
        "instrument": f"/instruments/{site.instrument.pk}/?week={monday.isoformat()}",
        "programme": f"/programme/?year={YEAR}",
        "login": "/login/",
        "signup": "/signup/",
        "privacy": "/privacy/",
    }
    # An anonymous draft: its pictures page carries the anonymity notice.
    draft = site.catalogue.draft
    Listing.objects.filter(pk=draft.pk).update(is_anonymous=True)
    signed_in = {
        "my-listings": "/my/listings/",
        "listing-media": f"/my/listings/{draft.reference}/media/",
        "listing-new": "/my/listings/new/",
        "deal": f"/deals/{site.deal.pk}/",
        "my-bookings": "/my/bookings/",
        "my-data": "/my/data/",
        "preferences": "/my/preferences/",
    }
    failures = []
    for language in LANGUAGES:
        failures += check_pages(browser, base, language, signed_out)
    test_browser._log_in(browser, base, officer)
    for language in LANGUAGES:
        failures += check_pages(browser, base, language, signed_in)
    assert not failures, "\n".join(failures)
