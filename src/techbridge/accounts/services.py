"""Write operations on organisations and memberships."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import Organisation
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.matching.upkeep import organisation_search_changed


def organisation_set_verified(*, actor: Any, organisation: Organisation, verified: bool) -> bool:
    """Mark an organisation verified (or withdraw it). Returns whether anything changed."""
    if not (actor and actor.is_authenticated and actor.is_active and actor.is_staff):
        raise PermissionDenied(_("Only platform administrators verify organisations."))
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if locked.is_verified == verified:
            return False
        locked.is_verified = verified
        locked.verified_at = timezone.now() if verified else None
        locked.verified_by = actor if verified else None
        locked.save(update_fields=["is_verified", "verified_at", "verified_by", "updated_at"])
        organisation_search_changed(locked)
    return True


def user_update_preferences(
    *, actor: Any, full_name: str, preferred_language: str, digest_frequency: str = ""
) -> None:
    """The user's own name, language (and so script) for pages and e-mails, and how often
    they get the e-mail digest of matches and alerts."""
    from django.conf import settings

    if preferred_language not in dict(settings.LANGUAGES):
        raise ServiceValidationError({"preferred_language": [_("Choose a valid language.")]})
    frequencies = dict(actor._meta.get_field("digest_frequency").choices)
    if digest_frequency and digest_frequency not in frequencies:
        raise ServiceValidationError({"digest_frequency": [_("Choose how often.")]})
    actor.full_name = full_name.strip()
    actor.preferred_language = preferred_language
    actor.digest_frequency = digest_frequency or actor.digest_frequency
    actor.save(update_fields=["full_name", "preferred_language", "digest_frequency"])
