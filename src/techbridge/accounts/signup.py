"""Sign-up with e-mail verification: the account stays inactive until its owner opens the
link mailed to them, in their language."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.accounts.privacy import privacy_consent_record
from techbridge.core.errors import ServiceValidationError

VERIFY_SALT = "techbridge.accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600  # three days


def user_sign_up(
    *,
    email: str,
    password: str,
    full_name: str,
    preferred_language: str,
    residence_region: str = "",
    accept_privacy: bool = False,
    accept_cross_border: bool = False,
) -> User:
    """Create an inactive account with its consents to the current privacy notice (refused,
    creating nothing, without them); the caller mails the verification link."""
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            taken = _("An account with this e-mail address exists.")
            raise ServiceValidationError({"email": [taken]})
        user = User.objects.create_user(
            email=email,
            password=password,
            full_name=full_name,
            preferred_language=preferred_language,
            is_active=False,
        )
        privacy_consent_record(
            user=user,
            residence_region=residence_region,
            language=preferred_language,
            notice=accept_privacy,
            cross_border=accept_cross_border,
        )
    return user


def verification_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)


def user_verify_email(token: str) -> User:
    """Activate the account the token names; raises ServiceValidationError if bad or expired."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ServiceValidationError(
            {"token": [_("This link has expired. Sign up again to get a new one.")]}
        ) from error
    except signing.BadSignature as error:
        raise ServiceValidationError({"token": [_("This link is not valid.")]}) from error
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data["user"], email=data["email"]).first()
        if user is None:
            raise ServiceValidationError({"token": [_("This link is not valid.")]})
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
    return user


def send_verification_mail(user: User, link: str) -> None:
    with translation.override(user.preferred_language):
        send_mail(
            _("Confirm your e-mail address for techbridge"),
            _(
                "Welcome to techbridge. Open this link within three days to confirm your "
                "e-mail address and activate your account:\n\n%(link)s\n\n"
                "If you did not sign up, ignore this message."
            )
            % {"link": link},
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
