"""Writing listings in the browser: create with a 简 → 繁 conversion, submit, review, edit;
every refused path changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.catalogue.models import Listing, ListingEvent
from techbridge.matching.selectors import listing_search
from techbridge.matching.upkeep import index_catch_up

pytestmark = pytest.mark.django_db


def _url(name: str, *args: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _form(owner: Organisation, **changes: Any) -> dict[str, Any]:
    data = {
        "kind": "request",
        "owner": str(owner.pk),
        "original_language": "zh-hans",
        "title_zh-hans": "寻求锂电池回收软件",
        "summary_zh-hans": "重庆企业寻求废旧锂电池的网络化回收软件。",
        "requirements_zh-hans": "需要中试以上的技术。",
        "keywords": "锂电池，回收, 软件",
        "areas": ["innovation_technology"],
        "partnership_types": ["licence"],
        "trl": "",
        "ip_status": "none",
        "price_terms": "negotiable",
        "currency": "",
        "teaser_tier": "0",
        "detail_tier": "1",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("language", "prompt"),
    [("en", "Choose an organisation"), ("zh-hant", "請選擇機構"), ("zh-hans", "请选择机构")],
)
def test_a_member_of_one_organisation_finds_it_chosen(
    client: Client, outsider: User, cq_enterprise: Organisation, language: str, prompt: str
) -> None:
    client.force_login(outsider)
    page = client.get(_url("web:listing_create", language=language)).content.decode()
    assert f'<option value="">{prompt}</option>' in page
    assert f'<option value="{cq_enterprise.pk}" selected>' in page
    assert "---------" not in page


def test_convert_fills_traditional_with_hong_kong_usage_and_saves_nothing(
    client: Client, outsider: User, cq_enterprise: Organisation
) -> None:
    client.force_login(outsider)
    response = client.post(
        _url("web:listing_create", language="zh-hans"),
        {**_form(cq_enterprise), "convert_to": "zh-hant"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="尋求鋰電池回收軟件"' in page
    assert "重慶企業尋求廢舊鋰電池的網絡化回收軟件。" in page
    assert not Listing.objects.exists()


def test_create_submit_publish_then_found_in_english(
    client: Client,
    search_index_dir: Path,
    outsider: User,
    reviewer: User,
    cq_enterprise: Organisation,
) -> None:
    client.force_login(outsider)
    response = client.post(_url("web:listing_create"), _form(cq_enterprise))
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert (listing.status, listing.kind, listing.owner) == ("draft", "request", cq_enterprise)
    assert listing.keywords == ["锂电池", "回收", "软件"]
    assert {text.language: text.origin for text in listing.texts.all()} == {
        "zh-hans": "author",
        "zh-hant": "machine",
    }

    client.post(_url("web:listing_submit", listing.reference))
    listing.refresh_from_db()
    assert listing.status == "review"

    log_in_verified(client, reviewer)
    queue = client.get(_url("web:review_queue"))
    assert listing.reference in queue.content.decode()
    client.post(_url("web:review_decide", listing.reference), {"decision": "publish"})
    listing.refresh_from_db()
    assert listing.status == "published"

    index_catch_up()
    assert [hit.listing for hit in listing_search(None, "lithium battery recycling").hits] == [
        listing
    ]


def test_service_errors_come_back_on_the_form_in_the_readers_language(
    client: Client, outsider: User, cq_enterprise: Organisation
) -> None:
    client.force_login(outsider)
    response = client.post(
        _url("web:listing_create", language="zh-hans"),
        _form(cq_enterprise, kind="offer", **{"title_zh-hans": ""}),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "标题为必填项" in page
    assert "技术供给需注明技术成熟度" in page
    assert not Listing.objects.exists()


def test_others_cannot_write_for_an_organisation_or_review(
    client: Client, officer: User, outsider: User, hk_university: Organisation
) -> None:
    client.force_login(outsider)
    # The university is not among the outsider's organisations: the form refuses the choice.
    response = client.post(_url("web:listing_create"), _form(hk_university))
    assert response.status_code == 400
    assert not Listing.objects.exists()
    assert client.get(_url("web:review_queue")).status_code == 403

    client.force_login(officer)
    client.post(_url("web:listing_create"), _form(hk_university))
    listing = Listing.objects.get()
    events = ListingEvent.objects.count()
    client.force_login(outsider)
    assert client.get(_url("web:listing_edit", listing.reference)).status_code == 403
    client.post(_url("web:listing_submit", listing.reference))
    assert (
        client.post(
            _url("web:review_decide", listing.reference), {"decision": "publish"}
        ).status_code
        == 403
    )
    listing.refresh_from_db()
    assert listing.status == "draft"
    assert ListingEvent.objects.count() == events


def test_edit_keeps_ip_rights_and_records_the_change(
    client: Client, officer: User, hk_university: Organisation
) -> None:
    from techbridge.catalogue.tests.factories import create_offer

    listing = create_offer(officer, hk_university)
    client.force_login(officer)
    page = client.get(_url("web:listing_edit", listing.reference)).content.decode()
    assert 'value="Portable ultrasound tumour imaging"' in page
    form = {
        "kind": "offer",
        "owner": str(hk_university.pk),
        "original_language": "en",
        "title_en": "Portable ultrasound tumour mapping",
        "summary_en": "Handheld ultrasound probe that maps tumour margins in real time.",
        "description_en": "Confidential: the beamforming uses a patented sparse array.",
        "advantages_en": "Ten times cheaper than MRI guidance.",
        "keywords": "ultrasound, oncology",
        "areas": ["innovation_technology"],
        "partnership_types": ["licence", "joint_rd"],
        "trl": "6",
        "ip_status": "patent_granted",
        "price_terms": "negotiable",
        "price_amount": "500000.00",
        "currency": "HKD",
        "teaser_tier": "0",
        "detail_tier": "1",
    }
    response = client.post(_url("web:listing_edit", listing.reference), form)
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.texts.get(language="en").title == "Portable ultrasound tumour mapping"
    assert [right.number for right in listing.ip_rights.all()] == ["HK1234567"]
    event = ListingEvent.objects.filter(listing=listing).latest("pk")
    assert event.verb == "updated"
