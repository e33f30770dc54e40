"""Load the demo catalogue through the real services, so demo rows look exactly like rows
made by people: events, references, conversions and lifecycle dates included.

Idempotent: organisations, users and listings are keyed by slug, e-mail and external
reference; a second run creates nothing and finishes quickly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Membership, Organisation, User
from techbridge.catalogue.choices import DisclosureTier
from techbridge.catalogue.demo.content import demo_listings, demo_organisations
from techbridge.catalogue.demo.spec import DemoListing, DemoOrganisation
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import (
    listing_archive,
    listing_create,
    listing_expire_due,
    listing_publish,
    listing_put_on_hold,
    listing_submit_for_review,
)
from techbridge.catalogue.services.inputs import IPRightInput, ListingInput, TextInput
from techbridge.matching.upkeep import index_rebuild

DEMO_EMAIL_DOMAIN = "demo.techbridge.example"
DEMO_REVIEWER_EMAIL = f"reviewer@{DEMO_EMAIL_DOMAIN}"


@dataclass
class DemoLoadReport:
    organisations_created: int = 0
    users_created: int = 0
    listings_created: int = 0
    listings_present: int = 0


def demo_user_email(organisation_slug: str) -> str:
    return f"{organisation_slug}@{DEMO_EMAIL_DOMAIN}"


def load_demo_catalogue() -> DemoLoadReport:
    report = DemoLoadReport()
    specs = demo_listings()
    existing = set(
        Listing.objects.filter(external_ref__in=[spec.external_ref for spec in specs]).values_list(
            "external_ref", flat=True
        )
    )
    report.listings_present = len(existing)
    if len(existing) == len(specs):
        return report  # already loaded: the quick path for a repeated ``make run``
    reviewer = _demo_reviewer(report)
    organisations = {org.key: _demo_organisation(org, report) for org in demo_organisations()}
    for index, spec in enumerate(specs):
        if spec.external_ref in existing:
            continue
        owner = organisations.get(spec.owner_key) or Organisation.objects.get(slug=spec.owner_key)
        author = _demo_member(owner, report)
        with transaction.atomic():
            listing = listing_create(actor=author, data=_listing_input(spec, owner))
            _advance(listing, index if spec.slot is None else spec.slot, author, reviewer)
        report.listings_created += 1
    if report.listings_created:
        # The per-listing index tasks are queued too; a rebuild makes the demo searchable now.
        index_rebuild()
    return report


def _demo_reviewer(report: DemoLoadReport) -> User:
    reviewer, created = User.objects.get_or_create(
        email=DEMO_REVIEWER_EMAIL,
        defaults={"full_name": "Demo reviewer", "is_staff": True},
    )
    if created:
        reviewer.set_unusable_password()
        reviewer.save()
        report.users_created += 1
    return reviewer


def _demo_organisation(spec: DemoOrganisation, report: DemoLoadReport) -> Organisation:
    organisation, created = Organisation.objects.get_or_create(
        slug=slugify(spec.key),
        defaults={
            "name_en": spec.names.get("en", ""),
            "name_zh_hant": spec.names.get("zh-hant", ""),
            "name_zh_hans": spec.names.get("zh-hans", ""),
            "org_type": spec.org_type,
            "region": spec.region,
            "size_band": spec.size_band,
            "website": spec.website,
            "is_demo": True,
        },
    )
    report.organisations_created += int(created)
    return organisation


def _demo_member(organisation: Organisation, report: DemoLoadReport) -> User:
    language = {"hk": "zh-hant", "cq": "zh-hans"}.get(organisation.region, "en")
    user, created = User.objects.get_or_create(
        email=demo_user_email(organisation.slug),
        defaults={
            "full_name": f"Demo officer, {organisation.name_en or organisation.slug}",
            "preferred_language": language,
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
        report.users_created += 1
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": MembershipRole.ADMIN}
    )
    return user


def _listing_input(spec: DemoListing, owner: Organisation) -> ListingInput:
    texts = {
        text.language: TextInput(
            title=text.title,
            summary=text.summary,
            description=text.description,
            advantages=text.advantages,
            requirements=text.requirements,
            origin="author" if position == 0 else "human",
            source_language="" if position == 0 else spec.texts[0].language,
        )
        for position, text in enumerate(spec.texts)
    }
    return ListingInput(
        kind=spec.kind,
        owner=owner,
        original_language=spec.texts[0].language,
        texts=texts,
        areas=spec.areas,
        sectors=spec.sectors,
        partnership_types=spec.partnership_types,
        keywords=spec.keywords,
        trl=spec.trl,
        ip_status=spec.ip_status,
        price_terms=spec.price_terms,
        price_amount=spec.price_amount,
        currency=spec.currency,
        is_anonymous=spec.anonymous,
        teaser_tier=DisclosureTier.PUBLIC,
        detail_tier=DisclosureTier.REGISTERED
        if len(spec.keywords) % 3
        else DisclosureTier.VERIFIED,
        external_ref=spec.external_ref,
        ip_rights=tuple(
            IPRightInput(
                right_type=right.right_type,
                number=right.number,
                territory=right.territory,
                status=right.status,
                owners=tuple((name, Decimal(share)) for name, share in right.owners),
            )
            for right in spec.ip_rights
        ),
        is_demo=True,
    )


def _advance(listing: Listing, index: int, author: User, reviewer: User) -> None:
    """Spread the demo over the lifecycle: mostly published, some in every other state.

    Publication dates are spread over the past year so that expiry notices and expiry
    itself can be seen in the demo.
    """
    bucket = index % 20
    if bucket == 0:
        return  # draft
    listing_submit_for_review(actor=author, listing=listing)
    if bucket == 1:
        return  # waiting for review
    # Bucket 4 was published 400 days ago, so its year has run out and it expires below.
    published_days_ago = 400 if bucket == 4 else (index * 37) % 360
    listing_publish(
        actor=reviewer, listing=listing, now=timezone.now() - timedelta(days=published_days_ago)
    )
    if bucket == 2:
        listing_put_on_hold(actor=author, listing=listing)
    elif bucket == 3:
        listing_archive(actor=author, listing=listing)
    elif bucket == 4:
        listing_expire_due()
