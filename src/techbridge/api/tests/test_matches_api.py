"""GET /api/v1/listings/{reference}/matches: the owner's members read the same suggestions
as on the matches page, in their language; nobody else learns that any exist."""

from __future__ import annotations

import pytest
from django.test import Client

from techbridge.accounts.models import User
from techbridge.api.tokens import api_token_create
from techbridge.catalogue.tests.published import Catalogue
from techbridge.matching.explaining import reason_sentences
from techbridge.matching.models import Suggestion
from techbridge.matching.suggestions import suggestions_refresh

pytestmark = pytest.mark.django_db


def _bearer(user: User, name: str = "test") -> dict[str, str]:
    _token, secret = api_token_create(user=user, name=name)
    return {"Authorization": f"Bearer {secret}"}


def test_owner_reads_the_suggestions_with_label_score_and_plain_reasons(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    suggestions_refresh(catalogue.need.pk)
    suggestion = Suggestion.objects.get(source=catalogue.need)
    response = client.get(
        f"/api/v1/listings/{catalogue.need.reference}/matches",
        headers={**_bearer(outsider), "Accept-Language": "zh-hans"},
    )
    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["next"], page["previous"]) == (1, None, None)
    (match,) = page["results"]
    assert match == {
        "kind": "offer",
        "listing": {
            "reference": catalogue.offer.reference,
            "title": "Portable ultrasound tumour imaging",
            "region": "hk",
            "trl": 6,
        },
        "label": "strong",
        "score": suggestion.score,
        "reasons": match["reasons"],
    }
    assert len(match["reasons"]) == 3
    assert match["reasons"][-1] == "双方均考虑：许可协议"
    assert all("权重" not in reason for reason in match["reasons"])
    # In English, the same reasons in English words.
    english = client.get(
        f"/api/v1/listings/{catalogue.need.reference}/matches",
        headers={**_bearer(outsider, "second"), "Accept-Language": "en"},
    ).json()["results"][0]["reasons"]
    assert english[-1] == "Both consider: Licence agreement"
    assert len(english) == 3 == len(reason_sentences(suggestion.reasons["shown"]))


def test_others_and_anonymous_readers_get_a_404_and_change_nothing(
    client: Client, catalogue: Catalogue, officer: User
) -> None:
    suggestions_refresh(catalogue.need.pk)
    before = list(Suggestion.objects.values_list("pk", "score", "label"))
    address = f"/api/v1/listings/{catalogue.need.reference}/matches"
    assert client.get(address, headers=_bearer(officer)).status_code == 404
    assert client.get(address).status_code == 404
    assert client.get("/api/v1/listings/NOSUCHREF/matches").status_code == 404
    assert list(Suggestion.objects.values_list("pk", "score", "label")) == before


def test_suggestions_come_a_page_at_a_time_and_a_bad_limit_is_a_400(
    client: Client, catalogue: Catalogue, outsider: User
) -> None:
    """Paged as the committed schema says (PaginatedMatchList): limit and offset are checked."""
    suggestions_refresh(catalogue.need.pk)
    address = f"/api/v1/listings/{catalogue.need.reference}/matches"
    headers = _bearer(outsider)
    first = client.get(address, {"limit": 1}, headers=headers).json()
    assert (first["count"], first["next"]) == (1, None)
    assert [m["listing"]["reference"] for m in first["results"]] == [catalogue.offer.reference]
    beyond = client.get(address, {"limit": 1, "offset": 1}, headers=headers).json()
    assert (beyond["count"], beyond["results"]) == (1, [])
    assert beyond["previous"] is not None
    for bad in ("abc", "0", "101", ""):
        response = client.get(address, {"limit": bad}, headers=headers)
        assert response.status_code == 400, bad
        assert response.headers["Content-Type"].startswith("application/problem+json")
