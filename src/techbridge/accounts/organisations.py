"""Organisations from the users' side: create one, ask to join, invite by e-mail.

Administrators of an organisation (role ``admin``) decide on requests and send invitations;
platform administrators verify organisations (``services.organisation_set_verified``). A new
request notifies the organisation's administrators, a decision the requester.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from techbridge.accounts.choices import MembershipRole, OrganisationType, Region
from techbridge.accounts.models import JoinRequest, Membership, Organisation, User
from techbridge.core.bounds import text_problem
from techbridge.core.errors import PermissionDenied, ServiceValidationError
from techbridge.notifications.kinds import names_in_languages
from techbridge.notifications.links import unprefixed
from techbridge.notifications.services import notify

INVITE_SALT = "techbridge.accounts.invitation"
INVITE_MAX_AGE = 14 * 24 * 3600  # two weeks


@dataclass(frozen=True)
class OrganisationInput:
    name_en: str
    name_zh_hant: str
    name_zh_hans: str
    org_type: str
    region: str
    size_band: str = ""
    website: str = ""
    about_en: str = ""
    about_zh_hant: str = ""
    about_zh_hans: str = ""


def is_organisation_admin(user: Any, organisation: Organisation) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, role=MembershipRole.ADMIN
    ).exists()


def organisation_create(*, actor: Any, data: OrganisationInput) -> Organisation:
    """A new, unverified organisation with ``actor`` as its administrator."""
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Log in to create an organisation."))
    names = _validated(data)
    with transaction.atomic():
        organisation = Organisation.objects.create(
            slug=_free_slug(next(name for name in names if name)),
            name_en=names[0],
            name_zh_hant=names[1],
            name_zh_hans=names[2],
            org_type=data.org_type,
            region=data.region,
            size_band=data.size_band,
            website=data.website,
            about_en=data.about_en.strip(),
            about_zh_hant=data.about_zh_hant.strip(),
            about_zh_hans=data.about_zh_hans.strip(),
        )
        Membership.objects.create(user=actor, organisation=organisation, role=MembershipRole.ADMIN)
    return organisation


def _validated(data: OrganisationInput) -> list[str]:
    """The three names stripped, or ServiceValidationError naming every problem."""
    errors: dict[str, list[str]] = {}
    names = [data.name_en.strip(), data.name_zh_hant.strip(), data.name_zh_hans.strip()]
    if not any(names):
        errors["name_en"] = [_("Give the organisation's name in at least one language.")]
    if data.org_type not in OrganisationType.values:
        errors["org_type"] = [_("Choose a valid type of organisation.")]
    if data.region not in Region.values:
        errors["region"] = [_("Choose a valid region.")]
    if data.size_band and data.org_type != OrganisationType.ENTERPRISE:
        errors["size_band"] = [_("Only enterprises give a size band.")]
    for name in ("about_en", "about_zh_hant", "about_zh_hans"):
        problem = text_problem(
            getattr(data, name), label=_("The description"), multiline=True, max_length=4000
        )
        if problem:
            errors[name] = [problem]
    if errors:
        raise ServiceValidationError(errors)
    return names


def organisation_update(
    *, actor: Any, organisation: Organisation, data: OrganisationInput
) -> Organisation:
    """The organisation's administrators change its names, type, region, website and
    description. Its listings and experts are searched by its region and type, so the change
    is recorded for search in the same transaction. A verified organisation stays verified."""
    if not is_organisation_admin(actor, organisation):
        raise PermissionDenied(_("Only the organisation's administrators edit its profile."))
    names = _validated(data)
    # Imported here: matching builds on the accounts app.
    from techbridge.matching.upkeep import organisation_search_changed

    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        locked.name_en, locked.name_zh_hant, locked.name_zh_hans = names
        locked.org_type, locked.region = data.org_type, data.region
        locked.size_band, locked.website = data.size_band, data.website
        locked.about_en = data.about_en.strip()
        locked.about_zh_hant = data.about_zh_hant.strip()
        locked.about_zh_hans = data.about_zh_hans.strip()
        locked.save()
        organisation_search_changed(locked)
    return locked


def _free_slug(name: str) -> str:
    base = slugify(name)[:60] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def organisation_request_join(*, actor: Any, organisation: Organisation) -> JoinRequest:
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Log in to ask to join an organisation."))
    with transaction.atomic():
        if Membership.objects.filter(user=actor, organisation=organisation).exists():
            raise ServiceValidationError(_("You are already a member of this organisation."))
        if JoinRequest.objects.filter(
            user=actor, organisation=organisation, status=JoinRequest.Status.PENDING
        ).exists():
            raise ServiceValidationError(_("Your request is already waiting for a decision."))
        join_request = JoinRequest.objects.create(user=actor, organisation=organisation)
        _join_request_notify_admins(join_request)
    return join_request


def join_request_decide(*, actor: Any, join_request: JoinRequest, approve: bool) -> JoinRequest:
    """Approve (the requester becomes a member) or decline a pending request."""
    if not is_organisation_admin(actor, join_request.organisation):
        raise PermissionDenied(_("Only the organisation's administrators decide on requests."))
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != JoinRequest.Status.PENDING:
            raise ServiceValidationError(_("This request has been decided already."))
        locked.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        if approve:
            Membership.objects.get_or_create(user=locked.user, organisation=locked.organisation)
        if locked.user_id != actor.pk:
            notify(
                [locked.user],
                "join_request_decided",
                params={
                    "organisation": names_in_languages(locked.organisation),
                    "approved": approve,
                },
                link=unprefixed("web:my_organisations"),
            )
    return locked


def _join_request_notify_admins(join_request: JoinRequest) -> None:
    """The organisation's active administrators learn of a new request, with a link to where
    they decide it (never the requester, should they be one)."""
    admins = (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=join_request.organisation_id,
            memberships__role=MembershipRole.ADMIN,
        )
        .exclude(pk=join_request.user_id)
        .distinct()
        .order_by("email")
    )
    requester = join_request.user
    notify(
        admins,
        "join_requested",
        params={
            "person": requester.get_full_name(),
            "email": requester.email,
            "organisation": names_in_languages(join_request.organisation),
            "join_request": join_request.pk,
        },
        link=unprefixed("web:my_organisations") + f"#join-request-{join_request.pk}",
    )


def organisation_invite(
    *, actor: Any, organisation: Organisation, email: str, role: str, link_for: Any
) -> str:
    """Mail an invitation (a signed link valid two weeks); returns the token.

    ``link_for(token)`` turns the token into an absolute URL.
    """
    if not is_organisation_admin(actor, organisation):
        raise PermissionDenied(_("Only the organisation's administrators invite."))
    if role not in MembershipRole.values:
        raise ServiceValidationError({"role": [_("Choose a valid role.")]})
    email = User.objects.normalize_email(email).strip().lower()
    if "@" not in email:
        raise ServiceValidationError({"email": [_("Enter a valid e-mail address.")]})
    token = signing.dumps({"org": organisation.pk, "email": email, "role": role}, salt=INVITE_SALT)
    existing = User.objects.filter(email__iexact=email).first()
    language = existing.preferred_language if existing else translation.get_language()
    with translation.override(language or settings.LANGUAGE_CODE):
        send_mail(
            _("You are invited to join %(organisation)s on techbridge")
            % {"organisation": organisation.name},
            _(
                "%(inviter)s invites you to join %(organisation)s on techbridge. Open this "
                "link within two weeks, logged in with this e-mail address (sign up first if "
                "you have no account), to accept:\n\n%(link)s"
            )
            % {
                "inviter": actor.get_full_name(),
                "organisation": organisation.name,
                "link": link_for(token),
            },
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    return token


def invitation_accept(*, actor: Any, token: str) -> Membership:
    """Join the organisation named in the invitation, if it was sent to ``actor``'s address."""
    try:
        data = signing.loads(token, salt=INVITE_SALT, max_age=INVITE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ServiceValidationError(_("This invitation has expired.")) from error
    except signing.BadSignature as error:
        raise ServiceValidationError(_("This invitation is not valid.")) from error
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Log in to accept the invitation."))
    if actor.email.lower() != data["email"]:
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    organisation = Organisation.objects.filter(pk=data["org"]).first()
    if organisation is None:
        raise ServiceValidationError(_("This invitation is not valid."))
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(
            user=actor, organisation=organisation, defaults={"role": data["role"]}
        )
        JoinRequest.objects.filter(
            user=actor, organisation=organisation, status=JoinRequest.Status.PENDING
        ).update(status=JoinRequest.Status.APPROVED, decided_at=timezone.now())
    return membership
