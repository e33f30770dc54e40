"""What a newcomer tries first on the demo catalogue: a Simplified Chinese search for an
ultrasound tumour therapy, and the matches of the need that asks for one."""

from __future__ import annotations

import pytest
from django.test import Client

from techbridge.catalogue.demo.loader import load_demo_catalogue
from techbridge.catalogue.models import Listing
from techbridge.matching.selectors import listing_suggestions
from techbridge.matching.suggestions import suggestions_refresh

pytestmark = pytest.mark.django_db

HIFU_OFFER = "DEMO-OFF-0073"  # written in Simplified Chinese by a Chongqing university
HIFU_NEED = "DEMO-REQ-0073"  # written in English by a Hong Kong enterprise


def _reference(external_ref: str) -> str:
    return Listing.objects.get(external_ref=external_ref).reference


def test_ultrasound_tumour_therapy_comes_first_and_wastewater_not_at_all(client: Client) -> None:
    load_demo_catalogue()

    queries = ("超声 治疗 肿瘤", "focused ultrasound tumour therapy", "聚焦超聲波")
    for query in queries:
        response = client.get("/api/v1/search", {"q": query, "kind": "offer"})
        hits = [hit["listing"] for hit in response.json()["results"]]
        assert hits[0]["reference"] == _reference(HIFU_OFFER), query
    treatment = client.get("/api/v1/search", {"q": "超声 治疗 肿瘤", "limit": "100"}).json()
    assert treatment["count"] > 1
    titles = " ".join(hit["listing"]["title"] for hit in treatment["results"])
    assert "废水" not in titles and "廢水" not in titles and "wastewater" not in titles.lower()


def test_the_need_for_it_finds_the_offer_as_a_strong_match() -> None:
    load_demo_catalogue()
    need = Listing.objects.get(external_ref=HIFU_NEED)

    suggestions_refresh(need.pk, alerts=False)

    first = listing_suggestions(need)[0]
    assert (first.candidate.external_ref, first.label) == (HIFU_OFFER, "strong")
    # The need's keyword is quoted as its author wrote it, not as the index folds it.
    sources = [reason.get("source") for reason in first.reasons["shown"]]
    assert "HIFU" in sources and "hifu" not in sources
