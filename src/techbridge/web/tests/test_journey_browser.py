"""In real headless Chromium, the cross-boundary journey in 简体 and 繁體, with every e-mail read
from a real SMTP server on 127.0.0.1 and sent by the task worker as in production:

1. a Chongqing enterprise manager signs up in 简体 (the privacy notice and, living on the
   mainland, the separate cross-border consent: without the latter nothing is created) and
   registers the enterprise, which owns an anonymous published technology need;
2. a Hong Kong knowledge-transfer officer finds it by searching in 繁體 and expresses interest
   with a message, seeing only the owner's region and type;
3. the owner reads the bell and the 简体 e-mail, opens the deal from its link and accepts the
   interest: now the officer's deal page names the owner;
4. the officer chooses Hong Kong law with HKIAC arbitration for the NDA; the owner sees that the
   university is verified, reads the whole NDA and confirms; the officer confirms; each side
   was mailed in their language, and the agreed NDA is a PDF among the deal's documents;
5. withdrawing or closing as lost asks first, says it cannot be undone, and cancelling changes
   nothing.

Skipped without chromium like the other browser tests (an error under
TECHBRIDGE_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.files.storage import Storage
from django.core.management import call_command
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from techbridge.accounts.models import Membership, Organisation, PrivacyConsent, User
from techbridge.accounts.services import organisation_set_verified
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.services.inputs import TextInput
from techbridge.catalogue.tests.factories import need_input_zh_hans
from techbridge.notifications.tests.smtp import Inbox, Received
from techbridge.pipeline.models import NDA, Deal, DealDocument
from techbridge.pipeline.tests.fixtures import publish
from techbridge.web.tests.test_browser import (
    PASSWORD,
    _click,
    _fill,
    _submit,
    browser,
)

__all__ = ["browser"]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The mail server listens on the first free port of these.
SMTP_PORTS = range(18270, 18290)

OWNER_EMAIL = "wang.xiaomei@yuxin-moulds.example.cn"
ORGANISATION_EN = "Chongqing Yuxin Precision Moulds"
ORGANISATION_HANS = "重庆渝新精密模具有限公司"
# What would name the anonymous owner: its names (渝新 is written alike in both scripts, so it
# also covers the Traditional name converted from the Simplified one), its slug and its people.
OWNER_MARKS = ("渝新", "yuxin", "wang.xiaomei", "王晓梅", "王曉梅")
NEED_TITLE = "寻求注塑模具温度智能控制技术"
INTEREST = "我們的團隊有成熟的模具溫度控制方案，希望與貴公司洽談在重慶試產。"


@pytest.fixture
def inbox(settings: Any, live_server: Any) -> Iterator[Inbox]:
    """Mail goes over SMTP to this inbox; links in it lead to the live server."""
    received = Inbox()
    controller = Controller(received, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.TECHBRIDGE_SITE_URL = live_server.url
    try:
        yield received
    finally:
        controller.stop()


def _free_port() -> int:
    for port in SMTP_PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {SMTP_PORTS.start}-{SMTP_PORTS.stop - 1}")


def _run_worker() -> None:
    """What the background worker does after each step: e-mails, the NDA's PDF, the index."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def _log_in(browser: webdriver.Chrome, base: str, email: str, language: str) -> None:
    browser.get(f"{base}/{language}/login/")
    _fill(browser, username=email, password=PASSWORD)
    _submit(browser)


def _log_out(browser: webdriver.Chrome) -> None:
    _submit(browser, "form[action$='/logout/'] button")


def _mails_to(inbox: Inbox, email: str) -> list[Received]:
    return [mail for mail in inbox.received if mail.recipients == [email]]


def _subjects(mails: list[Received], html_lang: str) -> list[str]:
    """The mails' subjects, each mail checked to be written in ``html_lang``."""
    assert all(f'<html lang="{html_lang}">' in mail.part("text/html") for mail in mails)
    return [mail.subject for mail in mails]


def _text(browser: webdriver.Chrome, element_id: str) -> str:
    return browser.find_element(By.ID, element_id).text


def _assert_owner_unnamed(page: str) -> None:
    for mark in OWNER_MARKS:
        assert mark not in page.lower(), mark


def _fetch(browser: webdriver.Chrome, url: str) -> dict[str, str]:
    """GET ``url`` in the browser's session: its status, content type and first bytes."""
    return browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: "same-origin"}).then(async response => {
          const bytes = new Uint8Array(await response.arrayBuffer()).slice(0, 5);
          done({status: String(response.status),
                type: response.headers.get("Content-Type"),
                start: String.fromCharCode(...bytes)});
        });
        """,
        url,
    )


def _shown(browser: webdriver.Chrome, xpath: str) -> bool:
    return any(element.is_displayed() for element in browser.find_elements(By.XPATH, xpath))


def _try_final_step_and_cancel(
    browser: webdriver.Chrome, base: str, deal: Deal, event: str, consequence: str
) -> None:
    """Press a step that ends the deal for good: a confirmation (a dialog, or a page of its
    own without JavaScript) says what cannot be undone; cancel it."""
    browser.find_element(By.CSS_SELECTOR, f"button[name=event][value={event}]").click()
    confirm = "//form[.//*[@name='confirmed' and @value='yes']]//button[@type='submit']"
    WebDriverWait(browser, 10).until(lambda driver: _shown(driver, confirm))
    assert _shown(browser, f"//*[normalize-space(.)='{consequence}']")
    # Asked without the driver's implicit wait, which would hold an empty answer for seconds.
    open_dialog = "return document.querySelector('dialog[open]') !== null"
    if browser.execute_script(open_dialog):
        browser.switch_to.active_element.send_keys(Keys.ESCAPE)
        WebDriverWait(browser, 5).until(lambda driver: not driver.execute_script(open_dialog))
    else:
        assert browser.current_url.endswith(f"/deals/{deal.pk}/do/advance/")
        _click(browser, By.CSS_SELECTOR, f"main a[href$='/deals/{deal.pk}/']")
    assert browser.current_url == f"{base}/zh-hant/deals/{deal.pk}/"


def test_chongqing_need_to_hong_kong_nda_in_both_scripts(
    browser: webdriver.Chrome,
    live_server: Any,
    inbox: Inbox,
    search_index_dir: Path,
    private_uploads: Storage,
    hk_university: Organisation,
    officer: User,
    reviewer: User,
) -> None:
    base = live_server.url
    wait = WebDriverWait(browser, 10)

    # 1. The Chongqing manager signs up in 简体; without the cross-border consent, nothing.
    browser.get(f"{base}/zh-hans/signup/")
    _fill(browser, email=OWNER_EMAIL, full_name="王晓梅", password1=PASSWORD, password2=PASSWORD)
    language = Select(browser.find_element(By.NAME, "preferred_language"))
    assert language.first_selected_option.get_attribute("value") == "zh-hans"  # as the page
    Select(browser.find_element(By.NAME, "residence_region")).select_by_value("cq")
    browser.find_element(By.NAME, "accept_privacy").click()
    users, consents = User.objects.count(), PrivacyConsent.objects.count()
    _submit(browser)
    refusal = browser.find_element(By.CSS_SELECTOR, "#id_accept_cross_border ~ .error")
    assert refusal.text == (
        "您居住在内地，须单独同意向境外提供您的个人信息：techbridge 会让您与香港的机构建立联系。"
    )
    assert (User.objects.count(), PrivacyConsent.objects.count()) == (users, consents)
    assert inbox.received == []
    _fill(browser, password1=PASSWORD, password2=PASSWORD)
    assert browser.find_element(By.NAME, "accept_privacy").is_selected()
    browser.find_element(By.NAME, "accept_cross_border").click()
    _submit(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "请查收邮件"
    owner = User.objects.get(email=OWNER_EMAIL)
    assert (owner.is_active, owner.preferred_language, owner.residence_region) == (
        False,
        "zh-hans",
        "cq",
    )
    assert sorted(owner.privacy_consents.values_list("kind", "language")) == [
        ("cross_border", "zh-hans"),
        ("notice", "zh-hans"),
    ]
    [welcome] = _mails_to(inbox, OWNER_EMAIL)
    assert welcome.subject == "确认您在 techbridge 的电子邮件地址"
    verify = re.search(r"https?://\S+/verify/\S+/", welcome.part("text/plain"))
    assert verify is not None
    browser.get(verify.group(0))
    assert "您的电子邮件地址已确认，欢迎使用 techbridge。" in browser.page_source
    owner.refresh_from_db()
    assert owner.is_active

    # … registers the enterprise, which owns an anonymous need, published after review.
    browser.get(f"{base}/zh-hans/organisations/new/")
    _fill(browser, name_en=ORGANISATION_EN, name_zh_hans=ORGANISATION_HANS)
    Select(browser.find_element(By.NAME, "org_type")).select_by_value("enterprise")
    Select(browser.find_element(By.NAME, "region")).select_by_value("cq")
    Select(browser.find_element(By.NAME, "size_band")).select_by_value("medium")
    _submit(browser)
    enterprise = Organisation.objects.get(name_zh_hans=ORGANISATION_HANS)
    assert Membership.objects.filter(user=owner, organisation=enterprise, role="admin").exists()
    need = need_input_zh_hans(
        enterprise,
        texts={
            "zh-hans": TextInput(
                title=NEED_TITLE,
                summary="汽车零部件注塑生产中，模具温度波动导致良品率低，寻求智能温度控制技术。",
                requirements="希望在重庆工厂完成中试验证。",
            )
        },
        keywords=("注塑", "模具温度"),
        is_anonymous=True,
    )
    listing = publish(owner, reviewer, listing_create(actor=owner, data=need))
    organisation_set_verified(actor=reviewer, organisation=hk_university, verified=True)
    _log_out(browser)
    _run_worker()

    # 2. The Hong Kong officer searches in 繁體 and finds the Simplified need, owner unnamed.
    User.objects.filter(pk=officer.pk).update(preferred_language="zh-hant")
    officer.set_password(PASSWORD)
    officer.save(update_fields=["password"])
    _log_in(browser, base, officer.email, "zh-hant")
    browser.get(f"{base}/zh-hant/search/")
    browser.find_element(By.NAME, "q").send_keys("注塑 模具溫度")
    browser.find_element(By.CSS_SELECTOR, ".searchbar button").click()  # HTMX swaps results
    wait.until(expected_conditions.url_contains("q="))
    result = wait.until(
        expected_conditions.presence_of_element_located(
            (By.CSS_SELECTOR, f".result h2 a[href$='/listings/{listing.reference}/']")
        )
    )
    # Converted for Hong Kong (OpenCC's Hong Kong variants write 温), found all the same.
    assert result.text == "尋求注塑模具温度智能控制技術"
    _assert_owner_unnamed(browser.page_source)
    _click(browser, By.CSS_SELECTOR, f".result h2 a[href$='/listings/{listing.reference}/']")
    assert "不公開 (重慶, 企業)" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    _assert_owner_unnamed(browser.page_source)
    _fill(browser, message=INTEREST)
    _submit(browser, "form[action$='/interest/'] button[type=submit]")
    assert "您的意向已發送給擁有方。" in browser.page_source
    deal = Deal.objects.get(listing=listing)
    assert browser.current_url == f"{base}/zh-hant/deals/{deal.pk}/"
    assert _text(browser, "deal-stage") == "意向表達"
    assert _text(browser, "deal-owner") == "暫未公開：企業，重慶"
    _assert_owner_unnamed(browser.page_source)
    _log_out(browser)
    _run_worker()

    # 3. The owner: one unread notification, and the interest mailed in 简体 with the message.
    deal_url = f"{base}/zh-hans/deals/{deal.pk}/"
    [interest_mail] = _mails_to(inbox, OWNER_EMAIL)[1:]
    assert interest_mail.subject == f"{listing.reference} 收到新的意向表达"
    for part in (interest_mail.part("text/plain"), interest_mail.part("text/html")):
        assert INTEREST in part and "对方留言：" in part
    mailed = re.search(r"https?://\S+/deals/\d+/", interest_mail.part("text/plain"))
    assert mailed is not None and mailed.group(0) == deal_url
    _log_in(browser, base, OWNER_EMAIL, "zh-hans")
    assert browser.find_element(By.CSS_SELECTOR, ".bell .badge").text == "1"
    browser.get(mailed.group(0))
    # The deal is titled by the listing, its reference beneath.
    assert browser.find_element(By.TAG_NAME, "h1").text == NEED_TITLE
    assert f"关于 {listing.reference} 的交易" in browser.find_element(By.TAG_NAME, "main").text
    assert INTEREST in browser.find_element(By.ID, "conversation").find_element(By.XPATH, "..").text
    _submit(browser, "button[value=screen]")
    _run_worker()  # the officer is told, still without the owner's name
    [screening] = _mails_to(inbox, officer.email)
    assert "暫未公開：企業，重慶" in screening.part("text/plain")
    _assert_owner_unnamed(screening.part("text/plain") + screening.part("text/html"))
    _submit(browser, "button[value=accept]")
    assert _text(browser, "deal-stage") == "保密协议"
    _log_out(browser)
    _run_worker()

    # 4. The officer now sees who owns it, and asks for Hong Kong law with HKIAC arbitration.
    _log_in(browser, base, officer.email, "zh-hant")
    browser.get(f"{base}/zh-hant/deals/{deal.pk}/")
    assert _text(browser, "deal-owner") == "重慶渝新精密模具有限公司"
    Select(browser.find_element(By.NAME, "law")).select_by_value("hk_hkiac")
    _submit(browser, "form[action$='/nda-law/'] button")
    nda = NDA.objects.get(deal=deal)
    assert nda.governing_law == "hk_hkiac"
    _log_out(browser)
    _run_worker()

    # The owner sees the university is verified and reads the whole NDA before confirming.
    _log_in(browser, base, OWNER_EMAIL, "zh-hans")
    browser.get(deal_url)
    assert _text(browser, "counterparty-verified") == "表达意向的机构已通过平台核验。"
    text = browser.find_element(By.ID, "nda-text")
    assert text.is_displayed()
    assert browser.execute_script("return arguments[0].closest('details') === null", text)
    assert "".join(text.text.split()) == "".join(nda.agreed_text("zh-hans").split())
    assert "香港国际仲裁中心（HKIAC）" in text.text
    confirm = browser.find_element(By.CSS_SELECTOR, "form[action$='/nda-confirm/'] button")
    assert browser.execute_script(
        "return !!(arguments[0].compareDocumentPosition(arguments[1])"
        " & Node.DOCUMENT_POSITION_FOLLOWING)",
        text,
        confirm,
    )
    _submit(browser, "form[action$='/nda-confirm/'] button")
    _log_out(browser)
    _run_worker()

    _log_in(browser, base, officer.email, "zh-hant")
    browser.get(f"{base}/zh-hant/deals/{deal.pk}/")
    assert "香港國際仲裁中心（HKIAC）" in _text(browser, "nda-text")
    _submit(browser, "form[action$='/nda-confirm/'] button")
    assert _text(browser, "deal-stage") == "盡職調查"
    _run_worker()  # mails the owner and stores the agreed NDA as a PDF

    # Each side was told in its own script; the NDA's PDF is among the deal's documents.
    reference = listing.reference
    assert _subjects(_mails_to(inbox, OWNER_EMAIL)[1:], "zh-Hans-CN") == [
        f"{reference} 收到新的意向表达",
        f"{reference} 的交易提出了保密协议",
        f"{reference} 交易的保密协议已生效",
    ]
    assert _subjects(_mails_to(inbox, officer.email), "zh-Hant-HK") == [
        f"{reference} 的交易有新進展",
        f"{reference} 的交易有新進展",
        f"{reference} 的交易：對方已確認保密協議",
    ]
    pdf = DealDocument.objects.get(deal=deal, purpose="nda")
    browser.get(f"{base}/zh-hant/deals/{deal.pk}/")
    documents = browser.find_element(By.ID, "documents").find_element(By.XPATH, "..")
    link = documents.find_element(By.CSS_SELECTOR, f"a[href$='/documents/{pdf.pk}/']")
    assert link.text == pdf.name and pdf.name.endswith(".pdf")
    download = _fetch(browser, link.get_attribute("href") or "")
    assert download == {"status": "200", "type": "application/pdf", "start": "%PDF-"}

    # 5. Withdrawing or closing as lost: asked first, cannot be undone; cancelled, no change.
    events = deal.events.count()
    _try_final_step_and_cancel(
        browser,
        base,
        deal,
        "withdraw",
        "撤回會永久結束此項交易：根據保密協議向您披露的機密資料將不再顯示，交易亦不能重新開啟。",
    )
    _try_final_step_and_cancel(
        browser,
        base,
        deal,
        "close_lost",
        "以「未成功」結束會永久終止此項交易：之後不能再記錄任何內容，"
        "根據保密協議披露的機密資料將不再顯示，交易亦不能重新開啟。",
    )
    deal.refresh_from_db()
    assert (deal.stage, deal.outcome, deal.events.count()) == ("due_diligence", "", events)
    assert _text(browser, "deal-stage") == "盡職調查"
