"""Notifications about deals: who on the other side is told, and what the text needs. Sent
through the notifications app, whose e-mails go out after the deal's transaction commits, so a
rolled-back step tells nobody."""

from __future__ import annotations

from typing import Any

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import User
from techbridge.catalogue.permissions import EDITOR_ROLES
from techbridge.notifications.links import unprefixed
from techbridge.notifications.models import Notification
from techbridge.notifications.services import notify
from techbridge.pipeline.models import Deal
from techbridge.pipeline.transitions import Role


def _members(organisation_id: int, roles: tuple[str, ...]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role__in=roles,
        )
        .distinct()
        .order_by("email")
    )


def deal_notify(
    deal: Deal,
    kind: str,
    *,
    actor: Any,
    organisation_id: int | None,
    params: dict[str, Any] | None = None,
    sides: tuple[Role, ...] | None = None,
    roles: tuple[str, ...] = tuple(EDITOR_ROLES),
    send_now: bool = False,
) -> list[Notification]:
    """Tell the active editors of the deal's other side (of ``sides``, when given: the
    platform's own steps tell both), never the actor. Each notification remembers the
    recipient's side, so its text names only whom that side may know."""
    if sides is None:
        if organisation_id == deal.owner_id:
            sides = (Role.COUNTERPARTY,)
        elif organisation_id == deal.counterparty_id:
            sides = (Role.OWNER,)
        else:
            sides = (Role.OWNER, Role.COUNTERPARTY)
    created: list[Notification] = []
    for side in sides:
        side_organisation = deal.owner_id if side == Role.OWNER else deal.counterparty_id
        recipients = [
            user
            for user in _members(side_organisation, roles)
            if actor is None or user.pk != actor.pk
        ]
        created += notify(
            recipients,
            kind,
            params={
                "reference": deal.listing.reference,
                "organisation": organisation_id,
                "role": side.value,
                **(params or {}),
            },
            link=unprefixed("web:deal", deal.pk),
            deal=deal,
            send_now=send_now,
        )
    return created


def interest_notify_owner(deal: Deal, actor: Any, message: str) -> list[Notification]:
    """The owner's administrators learn of the interest, with the interested party's
    message."""
    return deal_notify(
        deal,
        "interest_expressed",
        actor=actor,
        organisation_id=deal.counterparty_id,
        params={"message": message},
        roles=(MembershipRole.ADMIN,),
    )
