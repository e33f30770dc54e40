"""The administration site works in English, Traditional and Simplified Chinese."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.catalogue.tests.factories import create_offer

pytestmark = pytest.mark.django_db

HEADINGS = {"en": "Site administration", "zh-hant": "網站管理", "zh-hans": "站点管理"}


@pytest.fixture
def admin_client_user(db: None) -> Client:
    client = Client()
    log_in_verified(client, User.objects.create_superuser("root@example.org", "x" * 12))
    return client


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_index_in_each_language_with_switcher(admin_client_user: Client, language: str) -> None:
    response = admin_client_user.get(f"/{language}/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    assert HEADINGS[language] in page
    assert f'<html lang="{language}"' in page
    for other in ["en", "zh-hant", "zh-hans"]:
        if other != language:
            assert f'href="/{other}/admin/"' in page


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_every_model_changelist_and_change_page_opens(
    admin_client_user: Client, officer: User, hk_university: Organisation, language: str
) -> None:
    create_offer(officer, hk_university)
    for model in admin.site._registry:
        opts = model._meta
        with translation.override(language):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            assert url.startswith(f"/{language}/")
        response = admin_client_user.get(url)
        assert response.status_code == 200, url
        first = model._default_manager.first()
        if first is not None:
            with translation.override(language):
                change = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]
                )
            assert admin_client_user.get(change).status_code == 200, change


def test_changelist_search_and_filter(
    admin_client_user: Client, officer: User, hk_university: Organisation
) -> None:
    listing = create_offer(officer, hk_university)
    response = admin_client_user.get(
        "/en/admin/catalogue/listing/", {"q": "ultrasound", "status__exact": "draft"}
    )
    assert listing.reference in response.content.decode()
    response = admin_client_user.get(
        "/en/admin/catalogue/listing/", {"q": "ultrasound", "status__exact": "published"}
    )
    assert listing.reference not in response.content.decode()


def test_publish_action_goes_through_the_service(
    admin_client_user: Client, officer: User, hk_university: Organisation
) -> None:
    from techbridge.catalogue.services import listing_submit_for_review

    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)
    response = admin_client_user.post(
        "/en/admin/catalogue/listing/",
        {"action": "action_listing_publish", "_selected_action": [listing.pk]},
        follow=True,
    )
    assert response.status_code == 200
    listing.refresh_from_db()
    assert listing.status == "published"
    assert listing.events.latest("pk").verb == "published"


def test_non_staff_is_sent_to_login(officer: User) -> None:
    client = Client()
    client.force_login(officer)
    response = client.get("/zh-hans/admin/catalogue/listing/")
    assert response.status_code == 302
    assert response["Location"].startswith("/zh-hans/admin/login/")


def test_staff_reach_the_admin_only_after_the_second_factor(db: None) -> None:
    client = Client()
    client.force_login(User.objects.create_superuser("root@example.org", "x" * 12))
    response = client.get("/zh-hant/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hant/two-factor/?next=/zh-hant/admin/"
    setup = client.get(response["Location"]).content.decode()
    assert 'id="totp-secret"' in setup  # first time: the key to add to an app
