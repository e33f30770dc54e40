"""Builders of listing input and listings, going through the real services."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from techbridge.accounts.models import Organisation, User
from techbridge.catalogue.models import Listing
from techbridge.catalogue.services import listing_create
from techbridge.catalogue.services.inputs import IPRightInput, ListingInput, TextInput


def offer_input(owner: Organisation, **changes: Any) -> ListingInput:
    """A complete, valid technology offer written in English."""
    data = ListingInput(
        kind="offer",
        owner=owner,
        original_language="en",
        texts={
            "en": TextInput(
                title="Portable ultrasound tumour imaging",
                summary="Handheld ultrasound probe that maps tumour margins in real time.",
                description="Confidential: the beamforming uses a patented sparse array.",
                advantages="Ten times cheaper than MRI guidance.",
            )
        },
        areas=("innovation_technology",),
        sectors=(),
        partnership_types=("licence", "joint_rd"),
        keywords=("ultrasound", "oncology"),
        trl=6,
        ip_status="patent_granted",
        price_terms="negotiable",
        price_amount=Decimal("500000.00"),
        currency="HKD",
        ip_rights=(
            IPRightInput(
                right_type="invention_patent",
                number="HK1234567",
                territory="HK",
                status="granted",
                owners=(("University A", Decimal("60")), ("Clinic B", Decimal("40"))),
            ),
        ),
    )
    return replace(data, **changes)


def need_input_zh_hans(owner: Organisation, **changes: Any) -> ListingInput:
    data = ListingInput(
        kind="request",
        owner=owner,
        original_language="zh-hans",
        texts={
            "zh-hans": TextInput(
                title="寻求肿瘤超声成像软件",
                summary="重庆医疗器械企业寻求网络化的超声成像软件。",
                requirements="希望技术成熟度达到中试。",
            )
        },
        areas=("innovation_technology",),
        partnership_types=("licence",),
        keywords=("超声",),
        trl=None,
    )
    return replace(data, **changes)


def create_offer(actor: User, owner: Organisation, **changes: Any) -> Listing:
    return listing_create(actor=actor, data=offer_input(owner, **changes))
