"""Consent to the privacy notice (PDPO, PIPL): recording it, and whether a user's consent is
current. Mainland residents consent separately to the cross-border provision of their
personal information (PIPL art. 39): the platform exists to put them in touch with Hong Kong
parties."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.choices import Region
from techbridge.accounts.models import PrivacyConsent, User
from techbridge.core.errors import ServiceValidationError
from techbridge.core.languages import LANGUAGE_CODES

MAINLAND_RESIDENCE = frozenset({Region.CHONGQING, Region.MAINLAND_OTHER})


def jurisdiction(region: str) -> str:
    """The data-protection jurisdiction of a region: Chongqing and the rest of the mainland are
    one (PIPL); Hong Kong (PDPO) and elsewhere are each their own."""
    return "mainland" if region in MAINLAND_RESIDENCE else region


def crosses_boundary(from_region: str, to_region: str) -> bool:
    return bool(from_region and to_region) and jurisdiction(from_region) != jurisdiction(to_region)


def current_notice_version() -> str:
    return str(settings.TECHBRIDGE_PRIVACY_NOTICE_VERSION)


def needs_cross_border_consent(region: str) -> bool:
    return region in MAINLAND_RESIDENCE


def privacy_consent_is_current(user: User) -> bool:
    """Whether the user has a region of residence and consented to the current notice (and,
    living on the mainland, to the cross-border provision) — a pure read."""
    if not user.residence_region:
        return False
    needed = {PrivacyConsent.Kind.NOTICE}
    if needs_cross_border_consent(user.residence_region):
        needed.add(PrivacyConsent.Kind.CROSS_BORDER)
    given = set(
        PrivacyConsent.objects.filter(user=user, version=current_notice_version()).values_list(
            "kind", flat=True
        )
    )
    return needed <= given


def privacy_consent_record(
    *, user: User, residence_region: str, language: str, notice: bool, cross_border: bool
) -> list[PrivacyConsent]:
    """Record the user's region and consents to the current notice; refuses (changing
    nothing) when a required consent is missing."""
    errors: dict[str, list[str]] = {}
    if residence_region not in Region.values:
        errors["residence_region"] = [_("Choose where you live.")]
    if not notice:
        errors["accept_privacy"] = [_("You can use techbridge only if you accept the notice.")]
    if needs_cross_border_consent(residence_region) and not cross_border:
        errors["accept_cross_border"] = [
            _(
                "Living on the mainland, give your separate consent to the cross-border "
                "provision of your personal information: techbridge puts you in touch with "
                "parties in Hong Kong."
            )
        ]
    if errors:
        raise ServiceValidationError(errors)
    version = current_notice_version()
    language = language if language in LANGUAGE_CODES else "en"
    kinds = [PrivacyConsent.Kind.NOTICE]
    if needs_cross_border_consent(residence_region):
        kinds.append(PrivacyConsent.Kind.CROSS_BORDER)
    with transaction.atomic():
        if user.residence_region != residence_region:
            user.residence_region = residence_region
            user.save(update_fields=["residence_region"])
        return [
            PrivacyConsent.objects.create(user=user, kind=kind, version=version, language=language)
            for kind in kinds
        ]
