"""Match suggestions over a real index: a Simplified-Chinese Chongqing need finds the English
Hong Kong offer with its reasons, both ways; alerts, feedback, saved searches and digests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.catalogue.services import listing_archive
from techbridge.catalogue.tests.published import Catalogue
from techbridge.matching.alerts import digest_send, saved_search_create, saved_searches_check
from techbridge.matching.models import Alert, Suggestion
from techbridge.matching.suggestions import suggestions_refresh

pytestmark = pytest.mark.django_db


def test_chongqing_need_finds_hong_kong_offer_with_reasons(
    catalogue: Catalogue, officer: User, outsider: User
) -> None:
    assert suggestions_refresh(catalogue.need.pk) == [catalogue.offer.pk]
    suggestion = Suggestion.objects.get(source=catalogue.need)
    assert suggestion.candidate == catalogue.offer
    structured = dict(suggestion.reasons["structured"])
    assert structured == {
        "partnership_shared": {"types": ["licence"]},
        "area_shared": {"areas": ["innovation_technology"]},
        "cross_boundary": {"from": "hk", "to": "cq"},
    }
    assert suggestion.factor == pytest.approx(1.2 * 1.1 * 1.15)
    # The need's subject is 肿瘤, 超声, 成像 and 软件 (寻求 is generic): the offer covers
    # tumour, ultrasound and imaging through the glossary, in its title, but not software.
    assert suggestion.reasons["missing"] == ["软件"]
    coverage = suggestion.reasons["coverage"]
    assert 0.6 <= coverage < 1.0
    # The only candidate is the best (relative relevance 1): the score is raised by half the
    # share of the subject covered, times the square root of the compatibility factor.
    assert suggestion.score == pytest.approx(
        (0.5 + 0.5 * coverage) * suggestion.factor**0.5, abs=1e-3
    )
    assert suggestion.label == "strong"
    assert suggestion.reasons["shown"][-1] == {"code": "partnership_shared", "types": ["licence"]}
    assert len(suggestion.reasons["shown"]) == 3
    assert {r["field"] for r in suggestion.reasons["shown"][:2]} == {"title"}
    translated = {
        (t["source"], t["alternative"], t["via"])
        for t in suggestion.reasons["terms"]
        if t["via"] in ("glossary", "cedict")
    }
    assert ("超声", "ultrasound", "glossary") in translated
    assert suggestion.is_strong is True
    # The need's owners (the Chongqing enterprise's editors) are alerted, once.
    assert list(Alert.objects.values_list("user__email", "kind", "listing_id")) == [
        (outsider.email, "match", catalogue.offer.pk)
    ]
    suggestions_refresh(catalogue.need.pk)
    assert Alert.objects.count() == 1


def test_offer_finds_the_need_and_unpublished_listings_lose_suggestions(
    catalogue: Catalogue, officer: User
) -> None:
    assert suggestions_refresh(catalogue.offer.pk) == [catalogue.need.pk]
    assert Suggestion.objects.get(source=catalogue.offer).candidate == catalogue.need
    listing_archive(actor=officer, listing=catalogue.offer)
    assert suggestions_refresh(catalogue.offer.pk) == []
    assert not Suggestion.objects.filter(source=catalogue.offer).exists()


def test_saved_search_alerts_and_daily_digest_in_the_users_language(
    catalogue: Catalogue, outsider: User
) -> None:
    saved = saved_search_create(user=outsider, query="超声")
    saved.checked_at = timezone.now() - timedelta(days=1)
    saved.save()
    assert saved_searches_check() == 2  # the offer (through translation) and the need itself
    assert saved_searches_check() == 0  # checked up to now: nothing new
    suggestions_refresh(catalogue.need.pk)
    assert digest_send("daily") == 1
    assert digest_send("daily") == 0
    (message,) = mail.outbox
    assert message.to == [outsider.email]
    assert message.subject == "techbridge：3 条新的匹配及搜索结果"
    assert catalogue.offer.reference in message.body
    assert "“超声”的新结果" in message.body
    assert not Alert.objects.filter(emailed_at__isnull=True).exists()


def test_users_on_weekly_or_never_get_no_daily_digest(catalogue: Catalogue, outsider: User) -> None:
    outsider.digest_frequency = "never"
    outsider.save()
    suggestions_refresh(catalogue.need.pk)
    assert digest_send("daily") == 0
    assert not mail.outbox
    assert Alert.objects.filter(emailed_at__isnull=True).count() == 1


def test_refresh_command_recomputes_every_listings_suggestions(catalogue: Catalogue) -> None:
    """After an upgrade that changes matching: stored suggestions are recomputed, and those of
    a listing no longer published are dropped."""
    from io import StringIO

    from django.core.management import call_command

    suggestions_refresh(catalogue.need.pk)
    expected = Suggestion.objects.get(source=catalogue.need)
    assert expected.label == "strong"  # so that a refresh would alert, were it allowed to
    Suggestion.objects.all().delete()
    Alert.objects.all().delete()
    Suggestion.objects.create(
        source=catalogue.need, candidate=catalogue.offer, score=0.0, relevance=0.0, factor=1.0
    )
    Suggestion.objects.create(
        source=catalogue.draft, candidate=catalogue.offer, score=1.0, relevance=1.0, factor=1.0
    )
    out = StringIO()
    call_command("refresh_suggestions", stdout=out)

    assert "refreshed the suggestions of 3 listings" in out.getvalue()
    assert set(Suggestion.objects.values_list("source_id", "candidate_id")) == {
        (catalogue.need.pk, catalogue.offer.pk),
        (catalogue.offer.pk, catalogue.need.pk),
    }
    refreshed = Suggestion.objects.get(source=catalogue.need)
    assert refreshed.score == pytest.approx(expected.score)
    assert refreshed.reasons == expected.reasons
    assert refreshed.label == expected.label
    # A label that changed with the rules, not with a listing, alerts nobody.
    assert not Alert.objects.exists()
