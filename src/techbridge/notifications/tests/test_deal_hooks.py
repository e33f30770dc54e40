"""Every step of a deal tells the right people: the other side's active editors, never the
actor; the platform's own steps (the NDA in force, obligations due) both sides; expiring
listings their owners, e-mailed in their language with a link to the listing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole
from techbridge.accounts.models import Organisation, User
from techbridge.accounts.tests.factories import member_of
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import (
    listing_notify_expiring,
    listing_publish,
    listing_submit_for_review,
)
from techbridge.catalogue.tests.factories import create_offer
from techbridge.notifications.models import Notification
from techbridge.notifications.tests.smtp import Inbox, smtp
from techbridge.pipeline.models import Deal
from techbridge.pipeline.reminders import obligations_remind
from techbridge.pipeline.services import (
    AgreementInput,
    agreement_record,
    deal_advance,
    deal_document_upload,
    deal_express_interest,
    deal_message_post,
    nda_choose_law,
    nda_confirm,
    obligation_add,
)

pytestmark = pytest.mark.django_db

__all__ = ["smtp"]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _told(after: int) -> list[tuple[str, str, str | None]]:
    """(recipient, kind, step) of the notifications created after the given pk."""
    return [
        (n.recipient.email, n.kind, n.params.get("step"))
        for n in Notification.objects.filter(pk__gt=after).order_by("pk")
    ]


def _last() -> int:
    latest = Notification.objects.order_by("-pk").first()
    return latest.pk if latest else 0


def test_each_step_tells_the_other_side_and_never_the_actor(
    nda_offer: Listing,
    officer: User,
    outsider: User,
    hk_university: Organisation,
    cq_enterprise: Organisation,
    private_uploads: Storage,
) -> None:
    colleague = member_of(hk_university, MembershipRole.MEMBER, email="colleague@hk.example.org")
    member_of(cq_enterprise, MembershipRole.MEMBER, email="buyer@cq.example.org")
    gone = member_of(cq_enterprise, MembershipRole.ADMIN, email="gone@cq.example.org")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    # Each side's people, in the order they are told (by e-mail address).
    HK = ["colleague@hk.example.org", "officer@hk.example.org"]
    CQ = ["buyer@cq.example.org", "outsider@cq.example.org"]

    deal = deal_express_interest(
        actor=outsider, listing=nda_offer, organisation=cq_enterprise, message="Keen."
    )
    # The interest goes to the owner's administrators only.
    assert _told(0) == [("officer@hk.example.org", "interest_expressed", None)]

    mark = _last()
    deal_message_post(actor=colleague, deal=deal, body="Which territory?")
    assert _told(mark) == [(email, "message_posted", None) for email in CQ]

    mark = _last()
    deal_advance(actor=officer, deal=deal, event="screen")
    deal_advance(actor=officer, deal=deal, event="accept")
    assert _told(mark) == [(e, "deal_stage_moved", "screen") for e in CQ] + [
        (e, "deal_stage_moved", "accept") for e in CQ
    ]

    mark = _last()
    nda_choose_law(actor=outsider, deal=deal, law="prc_cietac")
    assert _told(mark) == [(e, "nda_proposed", None) for e in HK]

    mark = _last()
    nda_confirm(actor=officer, deal=deal)
    assert _told(mark) == [(e, "nda_confirmed", None) for e in CQ]

    mark = _last()
    nda_confirm(actor=outsider, deal=deal)
    # In force: both sides, but not the person whose confirmation put it in force.
    assert _told(mark) == [(e, "nda_in_force", None) for e in [*HK, "buyer@cq.example.org"]]

    mark = _last()
    deal_document_upload(actor=officer, deal=deal, upload=SimpleUploadedFile("terms.pdf", PDF))
    assert _told(mark) == [(e, "document_added", None) for e in CQ]
    assert Notification.objects.filter(kind="document_added").first().params["name"] == "terms.pdf"  # type: ignore[union-attr]

    deal_advance(actor=outsider, deal=deal, event="negotiate")
    mark = _last()
    agreement_record(
        actor=officer,
        deal=deal,
        data=AgreementInput(
            deal_type="licence",
            exclusivity="exclusive",
            territory="Chongqing",
            signed_on=date(2026, 11, 1),
            value=Decimal("800000"),
            currency="CNY",
        ),
    )
    assert _told(mark) == [(e, "agreement_recorded", None) for e in CQ]

    deal_advance(actor=officer, deal=deal, event="sign")
    obligation_add(
        actor=outsider, deal=deal, description="Royalty report", due_on=date(2027, 1, 10)
    )
    mark = _last()
    assert len(obligations_remind(today=date(2027, 1, 3))) == 1
    # The reminder, like before, goes to both sides' administrators.
    assert _told(mark) == [
        ("officer@hk.example.org", "obligation_due", None),
        ("outsider@cq.example.org", "obligation_due", None),
    ]
    every = set(Notification.objects.values_list("recipient__email", flat=True))
    assert "gone@cq.example.org" not in every


def test_a_refused_step_tells_nobody(
    nda_offer: Listing, officer: User, outsider: User, cq_enterprise: Organisation
) -> None:
    deal: Deal = deal_express_interest(
        actor=outsider, listing=nda_offer, organisation=cq_enterprise
    )
    before = _last()
    with pytest.raises(Exception, match="not possible"):
        deal_advance(actor=officer, deal=deal, event="sign")
    assert _last() == before


def test_expiring_listing_is_a_notification_mailed_in_the_owners_language(
    smtp: Inbox, reviewer: User, hk_university: Organisation
) -> None:
    officer = member_of(
        hk_university, "admin", preferred_language="zh-hant", email="kto@hk.example.org"
    )
    listing = create_offer(officer, hk_university)
    listing_submit_for_review(actor=officer, listing=listing)
    listing_publish(actor=reviewer, listing=listing, now=timezone.now() - timedelta(days=355))

    assert listing_notify_expiring() == [listing.reference]
    [mail] = smtp.received
    assert mail.recipients == ["kto@hk.example.org"]
    assert mail.subject.startswith(f"您的項目 {listing.reference} 將於 ")
    link = f"https://techbridge.test/zh-hant/listings/{listing.reference}/"
    assert link in mail.part("text/plain") and link in mail.part("text/html")
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (officer, "listing_expiring")
    assert notification.emailed_at is not None
