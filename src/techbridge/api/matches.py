"""REST API v1: a listing's match suggestions, for its owner's members (as on its matches
page): kind, listing, label, score and up to three reasons in the request's language."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from techbridge.catalogue.choices import ListingKind
from techbridge.matching.explaining import reason_sentences
from techbridge.matching.models import MatchStrength, Suggestion


class MatchedListingSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    title = serializers.CharField(help_text="In the request's language where written.")
    region = serializers.CharField(source="owner.region", help_text="The owner's region.")
    trl = serializers.IntegerField(source="trl_id", allow_null=True)


class MatchSerializer(serializers.Serializer[Any]):
    """One suggestion. The candidate's owner is not named (anonymous listings stay so); its
    page and its organisation's profile say who it is where that may be said."""

    kind = serializers.ChoiceField(source="candidate.kind", choices=ListingKind.choices)
    listing = MatchedListingSerializer(source="candidate")
    score = serializers.FloatField(
        help_text="Orders the suggestions: the share of the listing's subject covered, "
        "tempered by text relevance, times structured compatibility."
    )
    reasons = serializers.SerializerMethodField()

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        # "label" is the name integrators read, but a serializer field's own attribute
        # (its caption), so it cannot be declared on the class.
        fields = dict(super().get_fields())
        strength = serializers.ChoiceField(
            choices=MatchStrength.choices,
            help_text="strong, good or possible: how much of the listing's subject it covers, "
            "capped by readiness and partnership type.",
        )
        ordered = {}
        for name, field in fields.items():
            ordered[name] = field
            if name == "listing":
                ordered["label"] = strength
        return ordered

    def get_reasons(self, suggestion: Suggestion) -> list[str]:
        return reason_sentences(suggestion.reasons.get("shown", []))
