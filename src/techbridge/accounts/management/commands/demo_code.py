"""Print the demo administrator's current second-factor code (development only).

The demo administrator needs a TOTP code like every member of staff. So that trying the
platform does not require an authenticator app, this prints the code of the device
``ensure_demo_admin`` created; it refuses to run when DEBUG is off.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from techbridge.accounts.management.commands.ensure_demo_admin import DEMO_ADMIN_EMAIL
from techbridge.accounts.models import User
from techbridge.accounts.two_factor import confirmed_device


class Command(BaseCommand):
    help = "Print the demo administrator's current TOTP code (DEBUG only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code is for development installations (DEBUG on) only")
        user = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
        device = confirmed_device(user) if user else None
        if device is None:
            raise CommandError("no demo administrator with a device; run ensure_demo_admin")
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{code:06d}")
