"""Deleting one's account (PDPO, PIPL art. 47), downloading one's data, and the retention
schedule that erases what is no longer needed.

An erased account keeps its row, pseudonymous: deals, bookings, audit chains and listings of the
person's organisation refer to it, and they belong to the organisation. Everything that
identifies or describes the person is removed: e-mail address (replaced by a random address
that cannot receive mail), name, region, password, second factor, API tokens, memberships,
notifications, saved searches and feedback. The deal audit chain hashes user ids, never names or
addresses, so ``verify_audit`` holds afterwards.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import (
    AccessAttempt,
    JoinRequest,
    Membership,
    Organisation,
    PersonalDataRequest,
    User,
)
from techbridge.accounts.personal_data import all_sections, personal_data_of
from techbridge.accounts.throttle import account_key
from techbridge.core.errors import PermissionDenied, ServiceValidationError

ERASED_DOMAIN = "erased.invalid"  # RFC 2606: a name that can never receive mail


def personal_data_download(*, actor: Any) -> dict[str, Any]:
    """The actor's own data, and a record that they downloaded it."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied(_("Sign in to download your data."))
    with transaction.atomic():
        PersonalDataRequest.objects.create(
            user_id_number=actor.pk, kind=PersonalDataRequest.Kind.EXPORT
        )
        data = personal_data_of(actor)
    return {"format": "techbridge-personal-data/1", "generated_at": timezone.now(), "data": data}


def organisations_left_without_administrator(user: User) -> list[Organisation]:
    """Organisations where the user is the only administrator and others remain: erasing the
    account would leave those members with nobody to manage them."""
    held = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values("organisation")
    return list(
        Organisation.objects.filter(pk__in=held)
        .annotate(
            admins=Count("memberships", filter=Q(memberships__role=MembershipRole.ADMIN)),
            people=Count("memberships"),
        )
        .filter(admins=1, people__gt=1)
        .order_by("pk")
    )


def account_delete(*, actor: Any, password: str) -> PersonalDataRequest:
    """The signed-in user erases their own account, after giving their password again."""
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Sign in to delete your account."))
    if not actor.check_password(password):
        raise ServiceValidationError({"password": [_("The password is not correct.")]})
    stranded = organisations_left_without_administrator(actor)
    if stranded:
        names = ", ".join(str(organisation.name) for organisation in stranded)
        raise ServiceValidationError(
            _(
                "You are the only administrator of %(names)s. Make another member an "
                "administrator first, so the organisation is not left without one."
            )
            % {"names": names}
        )
    return _erase(actor, PersonalDataRequest.Kind.ERASURE)


def _erase(user: User, kind: str) -> PersonalDataRequest:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from techbridge.facilities.models import Booking, BookingStatus, InstrumentTraining
    from techbridge.matching.models import Alert, SavedSearch, SuggestionFeedback
    from techbridge.notifications.models import Notification, NotificationPreference
    from techbridge.pipeline.models import IdempotencyKey

    removable = {
        "second_factor": TOTPDevice.objects.filter(user=user),
        "notifications": Notification.objects.filter(recipient=user),
        "notification_preferences": NotificationPreference.objects.filter(user=user),
        "saved_searches": SavedSearch.objects.filter(user=user),
        "alerts": Alert.objects.filter(user=user),
        "suggestion_feedback": SuggestionFeedback.objects.filter(user=user),
        "idempotency_keys": IdempotencyKey.objects.filter(user=user),
        "join_requests": JoinRequest.objects.filter(user=user),
        "memberships": Membership.objects.filter(user=user),
        "trainings": InstrumentTraining.objects.filter(user=user),
        "access_attempts": AccessAttempt.objects.filter(key=account_key(user.email)),
    }
    for section in all_sections():
        if section.erasable is not None:
            removable[section.key] = section.erasable(user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        removed = {name: queryset.delete()[0] for name, queryset in removable.items()}
        # Booked time the person can no longer use goes back to others.
        removed["bookings_cancelled"] = Booking.objects.filter(
            requester=locked,
            status__in=[BookingStatus.REQUESTED, BookingStatus.APPROVED],
            starts_at__gt=timezone.now(),
        ).update(status=BookingStatus.CANCELLED, updated_at=timezone.now())
        locked.email = f"erased-{locked.pk}-{secrets.token_hex(8)}@{ERASED_DOMAIN}"
        locked.full_name = ""
        locked.residence_region = ""
        locked.set_unusable_password()  # also ends every session: their hash no longer matches
        locked.is_active = locked.is_staff = locked.is_superuser = False
        locked.last_login = None
        locked.erased_at = timezone.now()
        locked.save()
        locked.groups.clear()
        locked.user_permissions.clear()
        return PersonalDataRequest.objects.create(
            user_id_number=locked.pk, kind=kind, removed=removed
        )


def retention_purge(now: Any = None) -> dict[str, int]:
    """Erase sign-ups never confirmed within the retention period, and forget access attempts
    older than theirs. Each period is a setting (README: personal data)."""
    now = now or timezone.now()
    unconfirmed_before = now - timedelta(days=settings.TECHBRIDGE_RETENTION_UNCONFIRMED_DAYS)
    attempts_before = now - timedelta(days=settings.TECHBRIDGE_RETENTION_ACCESS_ATTEMPT_DAYS)
    never_confirmed = User.objects.filter(
        is_active=False,
        erased_at__isnull=True,
        last_login__isnull=True,
        date_joined__lt=unconfirmed_before,
    )
    erased = 0
    for user in never_confirmed.iterator():
        _erase(user, PersonalDataRequest.Kind.RETENTION)
        erased += 1
    attempts = AccessAttempt.objects.filter(at__lt=attempts_before).delete()[0]
    return {"accounts_erased": erased, "access_attempts_deleted": attempts}
