"""The suggested-matches page with reasons in the reader's language, feedback, saving a
search and the alerts page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import User
from techbridge.accounts.tests.sessions import log_in_verified
from techbridge.catalogue.tests.published import Catalogue
from techbridge.matching.models import Alert, SavedSearch, SuggestionFeedback
from techbridge.matching.suggestions import suggestions_refresh

pytestmark = pytest.mark.django_db


def url(name: str, *args: object, language: str = "zh-hans") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_owner_sees_reasons_in_simplified_chinese_and_gives_feedback(
    client: Client, catalogue: Catalogue, outsider: User, officer: User
) -> None:
    suggestions_refresh(catalogue.need.pk)
    client.force_login(outsider)
    page = client.get(url("web:listing_matches", catalogue.need.reference)).content.decode()
    assert catalogue.offer.reference in page
    reasons = page[page.index('<ul class="reasons">') :]
    reasons = reasons[: reasons.index("</ul>")]
    # Three reasons in plain words, the subject first: no weights, no scores, no more lines.
    assert reasons.count("<li>") == 3
    assert "超声 = ultrasound，见于标题" in reasons or "肿瘤 = tumour，见于标题" in reasons
    assert "<li>双方均考虑：许可协议</li>" in reasons
    assert "高度匹配" in page
    assert "权重" not in page and "管理员详情" not in page and "分数" not in page
    # No votes yet: no tally, and neither button looks pressed.
    assert "人认为有用" not in page and 'aria-pressed="true"' not in page
    assert page.count('aria-pressed="false"') == 2 * page.count('class="result card"') > 0

    response = client.post(
        url("web:suggestion_feedback", catalogue.need.suggestions.get().pk),
        {"useful": "1"},
        follow=True,
    )
    voted = response.content.decode()
    assert "1 人认为有用，0 人认为无用" in voted
    assert 'value="1" class="secondary" aria-pressed="true">有用</button>' in voted
    assert list(SuggestionFeedback.objects.values_list("user_id", "useful")) == [
        (outsider.pk, True)
    ]

    # Someone else's listing: no such page.
    other = Client()
    other.force_login(officer)
    assert other.get(url("web:listing_matches", catalogue.need.reference)).status_code == 404


def test_weaker_suggestions_wait_behind_a_toggle_after_the_first_five() -> None:
    from types import SimpleNamespace

    from techbridge.web.views.matches import first_and_more

    def rows(*labels: str) -> list[dict[str, object]]:
        return [{"suggestion": SimpleNamespace(label=label)} for label in labels]

    first, more = first_and_more(rows("strong", *["possible"] * 8))
    assert (len(first), len(more)) == (5, 4)
    # A good match ranked seventh is not hidden, nor is anything ranked above it.
    first, more = first_and_more(rows(*["possible"] * 6, "good", "possible"))
    assert [r["suggestion"].label for r in first][-1] == "good" and len(more) == 1
    assert first_and_more(rows("possible", "possible")) == (rows("possible", "possible"), [])
    assert first_and_more([]) == ([], [])
    first, more = first_and_more(rows(*["strong"] * 7))
    assert (len(first), more) == (7, [])


def test_save_a_search_then_alerts_page_marks_alerts_read(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    client.force_login(outsider)
    search_page = client.get(url("web:search"), {"q": "超声"}).content.decode()
    assert "保存此搜索并在有新结果时提醒我" in search_page
    client.post(url("web:search_save"), {"q": "超声", "kind": "offer"})
    saved = SavedSearch.objects.get()
    assert (saved.user, saved.query, saved.filters) == (outsider, "超声", {"kind": ["offer"]})

    suggestions_refresh(catalogue.need.pk)
    page = client.get(url("web:alerts")).content.decode()
    assert "新的高度匹配" in page and catalogue.offer.reference in page
    assert not Alert.objects.filter(read_at__isnull=True).exists()


def test_reasons_show_chinese_words_in_the_readers_script() -> None:
    from techbridge.engine import TermMatch
    from techbridge.web.presenting import reasons

    matches = [
        TermMatch("tumour", "肿瘤", "cedict", "title", 0.8, 1.0, alternative="肿瘤"),
        TermMatch("超声", "ultrasound", "glossary", "title", 1.0, 1.0, alternative="ultrasound"),
        TermMatch("軟件", "软件", "script", "summary", 1.0, 1.0, alternative="软件"),
    ]
    shown = {
        language: [(r.source, r.alternative, r.via) for r in reasons(matches, language)]
        for language in ("en", "zh-hant", "zh-hans")
    }
    assert shown == {
        "en": [
            ("tumour", "肿瘤", "cedict"),
            ("超声", "ultrasound", "glossary"),
            ("軟件", "软件", "script"),
        ],
        "zh-hant": [
            ("tumour", "腫瘤", "cedict"),
            ("超聲", "ultrasound", "glossary"),
            ("軟件", "软件", "script"),  # the other script is the point of this reason
        ],
        "zh-hans": [
            ("tumour", "肿瘤", "cedict"),
            ("超声", "ultrasound", "glossary"),
            ("軟件", "软件", "script"),
        ],
    }
    with translation.override("zh-hant"):
        assert reasons(matches[:1])[0].alternative == "腫瘤"  # the active language by default


def test_matches_page_in_traditional_shows_hong_kong_traditional_words(
    client: Client, catalogue: Catalogue, outsider: User, officer: User
) -> None:
    suggestions_refresh(catalogue.need.pk)
    suggestions_refresh(catalogue.offer.pk)
    client.force_login(outsider)
    page = client.get(
        url("web:listing_matches", catalogue.need.reference, language="zh-hant")
    ).content.decode()
    assert "超聲 = ultrasound，見於標題" in page or "腫瘤 = tumour，見於標題" in page
    client.force_login(officer)
    page = client.get(
        url("web:listing_matches", catalogue.offer.reference, language="zh-hant")
    ).content.decode()
    reasons_shown = page[page.index('class="reasons"') :]
    assert (
        "tumour = 腫瘤，見於標題" in reasons_shown or "ultrasound = 超聲，見於標題" in reasons_shown
    )
    assert "肿瘤" not in reasons_shown and "超声" not in reasons_shown


def test_administrators_see_the_weights_behind_a_suggestion(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    suggestions_refresh(catalogue.need.pk)
    outsider.is_staff = True
    outsider.save(update_fields=["is_staff"])
    log_in_verified(client, outsider)  # staff confirm each session with a second factor
    page = client.get(url("web:listing_matches", catalogue.need.reference, language="en"))
    html = page.content.decode()
    suggestion = catalogue.need.suggestions.get()
    assert "Details for administrators" in html
    assert f"Subject covered {suggestion.reasons['coverage']:.2f}" in html
    assert "Not found: 软件" in html
    weights = [term["weight"] for term in suggestion.reasons["terms"]]
    assert f"(weight {weights[0]:.2f})" in html
    chinese = client.get(url("web:listing_matches", catalogue.need.reference, language="zh-hans"))
    html = chinese.content.decode()
    # Chinese punctuation: no space after the full-width colon, full-width brackets.
    assert "未找到：软件" in html
    assert f"（权重 {weights[0]:.2f}）" in html and "(weight" not in html
    assert ' <span class="muted">（权重' not in html  # no space before a full-width bracket
