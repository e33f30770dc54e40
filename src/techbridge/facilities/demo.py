"""Demo instruments behind the demo catalogue's facility listings, with fees per user category
and three years of bookings (used, cross-boundary, pending), so that the instrument pages, the
managers' queue and the programme's usage indicators show something on a new installation.

Built through the booking services, like a real history: requests are made ahead of time,
approved by the host's administrator and completed with the hours actually used. Seeded, so two
installations loaded on the same day hold the same bookings. Loaded once.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.choices import MembershipRole, Region
from techbridge.accounts.models import Membership, User
from techbridge.catalogue.choices import ListingKind, ListingStatus
from techbridge.catalogue.models import Listing
from techbridge.facilities.models import Instrument, InstrumentCategory, InstrumentFee
from techbridge.facilities.services import (
    booking_approve,
    booking_complete,
    booking_request,
    training_record,
)

DEMO_INSTRUMENTS = 8
PAST_BOOKINGS_PER_INSTRUMENT = 14
HISTORY_DAYS = 3 * 365

# Words in a facility's English title that tell its category.
CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (InstrumentCategory.IMAGING, ("microscop", "imaging", "electron", "scanner")),
    (InstrumentCategory.COMPUTING, ("computing", "gpu", "data centre", "supercomput")),
    (InstrumentCategory.BIOMEDICAL, ("cell", "clinical", "medicine", "bio", "animal", "herb")),
    (InstrumentCategory.FABRICATION, ("extrusion", "fabrication", "printing", "pilot", "foundry")),
    (InstrumentCategory.TESTING, ("test", "wind tunnel", "vibration", "emc", "calibration")),
)
# Hourly fee per category as a share of the listing's advertised rate.
FEE_SHARES = {"internal": "0.5", "academic": "1", "industry": "1.5", "cross_boundary": "1"}
RESULTS_TERMS = {
    "en": "Results and data belong to the user; the host may publish aggregate usage figures. "
    "Acknowledge the facility in publications.",
    "zh-hant": "結果及數據歸使用者所有；主辦機構可公布使用量的匯總數字。發表成果時請鳴謝本設施。",
    "zh-hans": "结果和数据归用户所有；依托单位可公布使用量的汇总数字。发表成果时请致谢本设施。",
}

# Chinese names and capabilities of the demo instruments whose facility listing is in English
# only (keyed by the listing's English title), so that the instrument pages and calendar
# feeds read in Chinese for Chinese readers: Hong Kong usage in 繁體, mainland usage in 简体.
CHINESE_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "300 kV cryo-electron microscope": {
        "zh-hant": (
            "300 kV 冷凍電子顯微鏡",
            "300 kV 冷凍透射電子顯微鏡，配備直接電子偵測器及自動數據收集系統。",
        ),
        "zh-hans": (
            "300 kV 冷冻电子显微镜",
            "300 kV 冷冻透射电子显微镜，配备直接电子探测器和自动数据采集系统。",
        ),
    },
    "Functional textile testing laboratory": {
        "zh-hant": (
            "功能紡織品測試實驗室",
            "測試熱舒適度、濕氣傳送、彈性回復及耐洗性能，設有出汗暖體假人。",
        ),
        "zh-hans": (
            "功能纺织品检测实验室",
            "检测热舒适性、湿传导、弹性回复和耐洗涤性能，配备出汗暖体假人。",
        ),
    },
}


def _category(title: str) -> str:
    lowered = title.lower()
    for category, words in CATEGORY_WORDS:
        if any(word in lowered for word in words):
            return category
    return InstrumentCategory.ANALYTICAL


def _members(organisation_id: int, role: str) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(organisation_id=organisation_id, role=role)
        .select_related("user")
        .order_by("pk")
    ]


def _outside_admins(region: str) -> list[User]:
    """Administrators of organisations on the other side of the boundary."""
    other = Region.CHONGQING if region == Region.HONG_KONG else Region.HONG_KONG
    return [
        m.user
        for m in Membership.objects.filter(organisation__region=other, role=MembershipRole.ADMIN)
        .select_related("user")
        .order_by("pk")[:6]
    ]


def _instrument_for(listing: Listing) -> Instrument:
    names = {language: listing.text_in(language) for language in ("en", "zh-hant", "zh-hans")}
    summaries = {lang: t.summary if t is not None else "" for lang, t in names.items()}
    titles = {lang: t.title if t is not None else "" for lang, t in names.items()}
    english = titles["en"]
    for language, (name, capabilities) in CHINESE_TEXTS.get(english, {}).items():
        titles[language] = titles[language] or name
        summaries[language] = summaries[language] or capabilities
    owner = listing.owner
    instrument = Instrument.objects.create(
        organisation=listing.owner,
        listing=listing,
        name_en=english,
        name_zh_hant=titles["zh-hant"],
        name_zh_hans=titles["zh-hans"],
        category=_category(english),
        location_en=owner.name_in("en"),
        location_zh_hant=owner.name_in("zh-hant"),
        location_zh_hans=owner.name_in("zh-hans"),
        capabilities_en=summaries["en"],
        capabilities_zh_hant=summaries["zh-hant"],
        capabilities_zh_hans=summaries["zh-hans"],
        lead_time_days=2,
        slot_minutes=60,
        requires_training=listing.pk % 3 == 0,
        results_terms_en=RESULTS_TERMS["en"],
        results_terms_zh_hant=RESULTS_TERMS["zh-hant"],
        results_terms_zh_hans=RESULTS_TERMS["zh-hans"],
    )
    rate = listing.price_amount or Decimal(500)
    currency = listing.currency or ("HKD" if listing.owner.region == Region.HONG_KONG else "CNY")
    InstrumentFee.objects.bulk_create(
        InstrumentFee(
            instrument=instrument,
            user_category=category,
            currency=currency,
            hourly_rate=(rate * Decimal(share)).quantize(Decimal("1")),
        )
        for category, share in FEE_SHARES.items()
    )
    return instrument


def _history(instrument: Instrument, now: datetime, rng: random.Random) -> int:
    """Past bookings used (some by the host's own people, most across the boundary) and a few
    upcoming ones: one approved, one waiting for the manager."""
    manager = _members(instrument.organisation_id, MembershipRole.ADMIN)[0]
    own = _members(instrument.organisation_id, MembershipRole.MEMBER) or [manager]
    outsiders = _outside_admins(instrument.organisation.region) or own
    days = sorted(rng.sample(range(7, HISTORY_DAYS), PAST_BOOKINGS_PER_INSTRUMENT), reverse=True)
    if instrument.requires_training:
        # Everyone who books it was trained by the host before their first booking.
        trained_on = (now - timedelta(days=HISTORY_DAYS + 7)).date()
        for user in dict.fromkeys([*own, *outsiders]):
            training_record(actor=manager, instrument=instrument, user=user, trained_on=trained_on)
    made = 0
    for index, days_ago in enumerate(days):
        day = (now - timedelta(days=days_ago)).date()
        start = timezone.make_aware(datetime.combine(day, time(9 + index % 4 * 2)))
        hours = rng.choice((2, 3, 4, 6))
        user = own[index % len(own)] if index % 3 == 0 else outsiders[index % len(outsiders)]
        booking = booking_request(
            actor=user,
            instrument=instrument,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            purpose="Sample measurements for a joint project",
            now=start - timedelta(days=7),
        )
        booking = booking_approve(actor=manager, booking=booking)
        used = Decimal(hours) - Decimal(rng.choice((0, 0, 0.5, 1)))
        booking_complete(actor=manager, booking=booking, actual_hours=used)
        made += 1
    for offset, decide in ((5, True), (9, False)):
        start = timezone.make_aware(
            datetime.combine((now + timedelta(days=offset)).date(), time(10))
        )
        booking = booking_request(
            actor=outsiders[offset % len(outsiders)],
            instrument=instrument,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            purpose="Characterisation of prototype samples",
            now=now,
        )
        if decide:
            booking_approve(actor=manager, booking=booking)
        made += 1
    return made


def load_demo_instruments(now: datetime | None = None) -> tuple[int, int]:
    """Create the demo instruments and their bookings (if none exist): (instruments, bookings)."""
    if Instrument.objects.filter(listing__is_demo=True).exists():
        return 0, 0
    now = now or timezone.now()
    facilities = (
        Listing.objects.filter(
            is_demo=True, kind=ListingKind.FACILITY, status=ListingStatus.PUBLISHED
        )
        .select_related("owner")
        .prefetch_related("texts")
        .order_by("pk")
    )
    hk = [f for f in facilities if f.owner.region == Region.HONG_KONG][: DEMO_INSTRUMENTS // 2]
    cq = [f for f in facilities if f.owner.region == Region.CHONGQING][: DEMO_INSTRUMENTS // 2]
    rng = random.Random(20261123)
    instruments = bookings = 0
    with transaction.atomic():
        for listing in [*hk, *cq]:
            if not _members(listing.owner_id, MembershipRole.ADMIN):
                continue
            bookings += _history(_instrument_for(listing), now, rng)
            instruments += 1
    return instruments, bookings
