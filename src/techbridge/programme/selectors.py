"""Reading the programme as the public sees it: the primary mechanism's areas, and only the
published cooperation items, initiatives and indicators (the dashboards' rule)."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet

from techbridge.programme.models import (
    CooperationArea,
    CooperationItem,
    Indicator,
    Initiative,
    Mechanism,
    Milestone,
)


def programme_areas() -> QuerySet[CooperationArea]:
    """The tracked mechanism's areas in their order, each with its number of published items."""
    return (
        CooperationArea.objects.filter(mechanism__is_primary=True)
        .annotate(published_items=Count("items", filter=Q(items__is_published=True)))
        .order_by("position", "pk")
    )


def published_items() -> QuerySet[CooperationItem]:
    """The tracked mechanism's published cooperation items, by area and reference."""
    return (
        CooperationItem.objects.filter(is_published=True, area__mechanism__is_primary=True)
        .select_related("area")
        .order_by("area__position", "reference", "pk")
    )


def published_initiatives(item: CooperationItem) -> list[Initiative]:
    """The item's published initiatives with all their milestones, earliest due first."""
    return list(
        Initiative.objects.filter(item=item, is_published=True)
        .prefetch_related(Prefetch("milestones", Milestone.objects.order_by("due_on", "pk")))
        .order_by("pk")
    )


def published_indicators(mechanism: Mechanism) -> QuerySet[Indicator]:
    """The mechanism's published indicators: its own first, then by area and item."""
    return (
        Indicator.objects.filter(mechanism=mechanism, is_published=True)
        .select_related("area", "item")
        # On every database (SQLite sorts NULLs first, PostgreSQL last).
        .order_by(
            F("area__position").asc(nulls_first=True),
            F("item__reference").asc(nulls_first=True),
            "code",
            "pk",
        )
    )
