"""Who may do what to a listing. Pure reads; services call these before writing."""

from __future__ import annotations

from typing import Any

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Membership, Organisation
from techbridge.accounts.two_factor import second_factor_confirmed
from techbridge.catalogue.choices import DisclosureTier

EDITOR_ROLES = (MembershipRole.ADMIN, MembershipRole.MEMBER, MembershipRole.FACILITY_MANAGER)


def is_platform_admin(user: Any) -> bool:
    """Staff acting with their second factor confirmed. A staff member acting without it (an
    API token created before, or without, a second factor) has no more than their memberships
    give them."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and second_factor_confirmed(user)
    )


def can_edit_for(user: Any, organisation: Organisation) -> bool:
    """Platform administrators and the organisation's own members may write its listings."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_platform_admin(user):
        return True
    return Membership.objects.filter(
        user=user, organisation=organisation, role__in=EDITOR_ROLES
    ).exists()


def reader_tier(user: Any) -> int:
    """The highest disclosure tier a reader may see across the catalogue.

    Deal parties (NDA) will be granted per listing by the pipeline; across the catalogue a
    user is public, registered, or a member of a verified organisation. Platform
    administrators, who review listings, see everything, when acting with their second factor
    confirmed (see :func:`is_platform_admin`); otherwise they read as members.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return DisclosureTier.PUBLIC
    if is_platform_admin(user):
        return DisclosureTier.PARTIES
    verified = Membership.objects.filter(user=user, organisation__is_verified=True).exists()
    return DisclosureTier.VERIFIED if verified else DisclosureTier.REGISTERED
