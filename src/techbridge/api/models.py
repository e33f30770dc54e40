"""Personal API tokens: a user acts through the API with their own rights."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A personal access token; only its SHA-256 digest is stored, the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # TECHBRIDGE_API_TOKEN_DAYS after creation; tokens older than the lifetime rule were given
    # a full lifetime from the upgrade (migration 0002).
    expires_at = models.DateTimeField(_("expires"))
    read_only = models.BooleanField(
        _("read-only"), default=False, help_text=_("GET, HEAD and OPTIONS requests only.")
    )
    second_factor = models.BooleanField(
        _("created after a second factor"),
        default=False,
        help_text=_(
            "Whether the session that created the token had confirmed a second factor; "
            "staff tokens without it read and act as an ordinary member's."
        ),
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_apitoken_unique_active_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def has_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())
