"""Details of reviewed pages: no English word left in a Chinese privacy notice, the NDA read
clause by clause with its law and forum on a line of their own, checkboxes before their
labels, the e-mail settings named beside each choice (for phones, where the table's header is
hidden)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.pipeline.models import NDA
from techbridge.pipeline.services import deal_advance, deal_express_interest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "place"),
    [("en", "In Hong Kong."), ("zh-hant", "於香港。"), ("zh-hans", "于香港。")],
)
def test_the_data_location_reads_in_the_notices_language(
    client: Client, settings: Any, language: str, place: str
) -> None:
    settings.TECHBRIDGE_DATA_LOCATION = "Hong Kong"
    page = client.get(f"/{language}/privacy/").content.decode()
    assert place in page
    if language != "en":
        assert "Hong Kong" not in page.split('id="privacy-notice"')[1].split("</article>")[0]


def test_the_nda_is_shown_clause_by_clause_before_its_law_and_the_confirmation(
    client: Client,
    nda_offer: Listing,
    officer: User,
    outsider: User,
    cq_enterprise: Organisation,
) -> None:
    deal = deal_express_interest(actor=outsider, listing=nda_offer, organisation=cq_enterprise)
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    client.force_login(outsider)
    page = client.get(f"/en/deals/{deal.pk}/").content.decode()
    text = page.split('<div class="nda-text" id="nda-text" tabindex="0">')[1].split("</div>")[0]
    clauses = [
        line for line in NDA.objects.get(deal=deal).agreed_text("en").splitlines() if line.strip()
    ]
    assert text.count("<p>") == len(clauses) > 10
    assert "<br>" not in text
    law = page.index('class="nda-choice"')
    assert page.index('id="nda-text"') < law < page.index('class="nda-confirm"')
    assert 'aria-describedby="nda-law-help"' in page


def test_checkboxes_come_before_their_labels(client: Client) -> None:
    page = client.get("/en/signup/").content.decode()
    assert '<p class="check">' in page
    box = page.index('id="id_accept_privacy"')
    assert box < page.index('<label for="id_accept_privacy">')


def test_each_e_mail_choice_is_named_beside_its_button(client: Client, officer: User) -> None:
    client.force_login(officer)
    page = client.get("/en/my/notifications/").content.decode()
    radios = page.count('type="radio"')
    assert radios > 0
    assert page.count('<span class="delivery-name" aria-hidden="true">') == radios
