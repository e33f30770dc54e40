"""The bell and the notifications page: counts, order, pages, marking read (one's own only),
opening one, and the e-mail choices per kind."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.notifications.context_processors import notifications as bell_context
from techbridge.notifications.kinds import KINDS
from techbridge.notifications.models import Notification, NotificationPreference
from techbridge.notifications.services import notify
from techbridge.notifications.tokens import unsubscribe_read, unsubscribe_token
from techbridge.pipeline.models import Deal
from techbridge.pipeline.services import deal_express_interest, deal_message_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(nda_offer: Listing, outsider: User, cq_enterprise: Organisation) -> Deal:
    return deal_express_interest(
        actor=outsider, listing=nda_offer, organisation=cq_enterprise, message="Keen."
    )


def _state() -> list[tuple[Any, ...]]:
    return sorted(Notification.objects.values_list("pk", "recipient_id", "read_at"))


def _badge(client: Client) -> str | None:
    page = client.get("/en/my/deals/").content.decode()
    assert 'class="bell"' in page
    found = re.search(
        r'class="bell">.*?<span class="visually-hidden-narrow">Notifications</span>'
        r' <span class="badge"[^>]*>(\d+)</span>',
        page,
    )
    return found.group(1) if found else None


def test_bell_counts_unread_with_one_query(
    client: Client, deal: Deal, officer: User, outsider: User
) -> None:
    deal_message_post(actor=outsider, deal=deal, body="A second question.")
    client.force_login(officer)
    assert _badge(client) == "2"  # the interest and the message

    request = client.get("/en/").wsgi_request
    count = bell_context(request)["notifications_unread"]
    with CaptureQueriesContext(connection) as queries:
        assert count() == 2
    assert len(queries) == 1

    assert client.post("/en/my/notifications/read-all/").status_code == 302
    assert _badge(client) is None
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_page_lists_newest_first_in_pages(
    client: Client, deal: Deal, officer: User, outsider: User
) -> None:
    for number in range(24):
        deal_message_post(actor=outsider, deal=deal, body=f"Question number {number}.")
    client.force_login(officer)
    first = client.get("/en/my/notifications/").content.decode()
    assert first.index("Question number 23.") < first.index("Question number 22.")
    assert first.count('class="unread"') == 20
    assert "Page 1 of 2" in first
    second = client.get("/en/my/notifications/?page=2").content.decode()
    assert "Question number 3." in second and "Question number 4." not in second
    assert "has expressed interest in your listing" in second  # the oldest comes last
    assert "Keen." in second


def test_mark_read_and_open_only_ones_own(
    client: Client, deal: Deal, officer: User, outsider: User
) -> None:
    mine = Notification.objects.get(recipient=officer)
    theirs = notify([outsider], "listing_expiring", params={"reference": "X"}, link="/")[0]
    client.force_login(officer)

    before = _state()
    assert client.post(f"/en/my/notifications/{theirs.pk}/read/").status_code == 404
    assert client.get(f"/en/my/notifications/{theirs.pk}/open/").status_code == 404
    assert client.post("/en/my/notifications/999999/read/").status_code == 404
    assert _state() == before

    assert client.get(f"/en/my/notifications/{mine.pk}/read/").status_code == 405
    assert client.post(f"/en/my/notifications/{mine.pk}/read/").status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert Notification.objects.get(pk=theirs.pk).read_at is None

    # Opening is reading, and leads to the page in the reader's language.
    Notification.objects.filter(pk=mine.pk).update(read_at=None)
    opened = client.get(f"/zh-hans/my/notifications/{mine.pk}/open/")
    assert (opened.status_code, opened["Location"]) == (302, f"/zh-hans/deals/{deal.pk}/")
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    assert client.get(opened["Location"]).status_code == 200


def test_choices_per_kind_are_saved_all_or_nothing(client: Client, officer: User) -> None:
    client.force_login(officer)
    page = client.get("/en/my/notifications/").content.decode()
    assert page.count('type="radio"') == 3 * len(KINDS)
    assert page.count(" checked") == len(KINDS)  # every default is chosen

    choices = {f"kind-{kind}": "immediate" for kind in KINDS}
    bad = {**choices, "kind-message_posted": "hourly"}
    assert client.post("/en/my/notifications/", bad).status_code == 400
    assert not NotificationPreference.objects.exists()

    good = {**choices, "kind-message_posted": "digest", "kind-listing_expiring": "never"}
    assert client.post("/en/my/notifications/", good).status_code == 302
    chosen = dict(NotificationPreference.objects.values_list("kind", "delivery"))
    assert chosen["message_posted"] == "digest"
    assert chosen["listing_expiring"] == "never"
    assert chosen["nda_in_force"] == "immediate"


def test_anonymous_visitor_is_sent_to_log_in(client: Client) -> None:
    answer = client.get("/en/my/notifications/")
    assert answer.status_code == 302 and "/en/login/" in answer["Location"]


@settings(deadline=None, max_examples=40)
@given(
    user_id=st.integers(min_value=1, max_value=2**31),
    kinds=st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=4),
    position=st.integers(min_value=0),
    replacement=st.characters(codec="ascii", exclude_characters="/"),
)
def test_unsubscribe_tokens_read_back_and_any_change_is_refused(
    user_id: int, kinds: list[str], position: int, replacement: str
) -> None:
    token = unsubscribe_token(user_id, kinds)
    assert unsubscribe_read(token) == (user_id, sorted(set(kinds)))
    index = position % len(token)
    tampered = token[:index] + replacement + token[index + 1 :]
    if tampered != token:
        assert unsubscribe_read(tampered) is None
