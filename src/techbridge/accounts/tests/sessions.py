"""Logging a test client in as a user who passed the second factor."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def log_in_verified(client: Client, user: Any) -> None:
    """force_login, then confirm a fresh authenticator device through the real page."""
    client.force_login(user)
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    response = client.post("/en/two-factor/", {"code": current_code(device)})
    assert response.status_code == 302, "the second factor was not accepted"
