"""Who must use a second factor, and the TOTP device they use (django-otp)."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Membership

SECRETARIAT_GROUP = "secretariat"


def requires_two_factor(user: Any) -> bool:
    """Platform staff, the Conference secretariat and facility managers."""
    if not (user and user.is_authenticated):
        return False
    if user.is_staff or user.groups.filter(name=SECRETARIAT_GROUP).exists():
        return True
    return Membership.objects.filter(user=user, role=MembershipRole.FACILITY_MANAGER).exists()


def second_factor_confirmed(user: Any) -> bool:
    """Whether ``user``, acting now, has confirmed a second factor.

    Every request's user answers ``is_verified()``: django-otp's middleware sets it for a
    session (true once a TOTP code was accepted in it), the API's token authentication sets it
    for a token (true when the session that created the token had confirmed one). A user object
    without it was not loaded for a request but by the platform's own code (management
    commands, demo data), which acts with the platform's authority.
    """
    is_verified = getattr(user, "is_verified", None)
    return True if is_verified is None else bool(is_verified())


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice:
    """The device being set up (created on first need), not yet confirmed by a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed in by hand."""
    return b32encode(device.bin_key).decode().rstrip("=")
