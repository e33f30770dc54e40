"""How a person wants each kind of notification e-mailed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("By e-mail immediately")
    DIGEST = "digest", _("In the daily e-mail digest")
    NEVER = "never", _("Never by e-mail")
