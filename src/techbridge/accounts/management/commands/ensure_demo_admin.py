"""Create the demo administrator once and print its login every time.

The password is random per installation and kept in ``var/`` (git-ignored), so a repeated
``make run`` prints the same login without ever storing a shared default password.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from techbridge.accounts.models import User
from techbridge.accounts.two_factor import confirmed_device

DEMO_ADMIN_EMAIL = "admin@demo.techbridge.example"


class Command(BaseCommand):
    help = "Create the demo platform administrator if missing and print its login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="host:port the site is served at, as given to `make run` (HOST, PORT)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        site = f"http://{options['address']}"
        secret_file = Path(settings.VAR_DIR) / "demo-admin-password.txt"
        user = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
        if user is None or not secret_file.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User.objects.create_superuser(
                    DEMO_ADMIN_EMAIL, password, full_name="Demo administrator"
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            secret_file.parent.mkdir(parents=True, exist_ok=True)
            secret_file.write_text(password + "\n", encoding="utf-8")
            secret_file.chmod(0o600)
        password = secret_file.read_text(encoding="utf-8").strip()
        # Staff need a second factor; the demo administrator's device is made here so that
        # `manage.py demo_code` can print its current code without an authenticator app.
        if confirmed_device(user) is None:
            TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo administrator: {DEMO_ADMIN_EMAIL}  password: {password}  "
                f"(site {site}/ , administration {site}/en/admin/; "
                f"second-factor code: .venv/bin/python manage.py demo_code)"
            )
        )
