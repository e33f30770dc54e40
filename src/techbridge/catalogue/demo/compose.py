"""Turns hand-written topics into demo listings: deterministic, no randomness.

Each topic yields a technology offer (by the owner), a technology request (by the seeker), an
R&D partner request (alternately by either side) and an expert profile (by the owner). The
language of each text follows who writes it: Hong Kong authors mostly English or Traditional
Chinese, Chongqing authors mostly Simplified Chinese, some in two languages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from techbridge.accounts.reference_data import INSTITUTIONS_BY_KEY

from . import templates_en, templates_hans, templates_hant
from .organisations import ORGANISATIONS_BY_KEY
from .phrasing import ANONYMOUS_OWNER, Context
from .spec import DemoIPRight, DemoListing, DemoText
from .topics_base import Topic

_TEMPLATES = {"en": templates_en, "zh-hant": templates_hant, "zh-hans": templates_hans}

# Language plans, cycled by position so that the mix is stable between runs.
_PLANS: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {
    ("offer", "hk"): (("en",), ("en", "zh-hant"), ("zh-hant",), ("en",), ("zh-hant", "en")),
    ("offer", "cq"): (("zh-hans",), ("zh-hans", "en"), ("zh-hans",)),
    ("request", "hk"): (("en",), ("zh-hant",), ("en", "zh-hant")),
    ("request", "cq"): (("zh-hans",), ("zh-hans",), ("zh-hans", "en"), ("zh-hans",)),
    ("rd_request", "hk"): (("en",), ("zh-hant",)),
    ("rd_request", "cq"): (("zh-hans",), ("zh-hans",), ("zh-hans", "en")),
    ("expertise", "hk"): (("en",), ("en", "zh-hant"), ("zh-hant",)),
    ("expertise", "cq"): (("zh-hans",), ("zh-hans", "en")),
}

_OFFER_PARTNERSHIPS = {
    "patent_granted": (("licence", "assignment"), ("licence", "manufacturing"), ("licence",)),
    "patent_applied": (("licence", "joint_rd"), ("joint_rd", "investment"), ("licence",)),
    "know_how": (("technical_service", "joint_rd"), ("joint_rd",)),
    "copyright": (("licence", "technical_service"), ("licence",)),
    "design_rights": (("licence", "manufacturing"),),
    "other": (("licence", "joint_rd"),),
}
_REQUEST_PARTNERSHIPS = (
    ("licence", "joint_rd"),
    ("technical_service",),
    ("assignment", "licence"),
    ("joint_rd", "investment"),
    ("manufacturing", "licence"),
)
_PRICE_TERMS = ("negotiable", "royalty", "fixed", "negotiable", "on_request")

HOME_CURRENCY = {"hk": "HKD", "cq": "CNY"}


def region_of(key: str) -> str:
    if key in ORGANISATIONS_BY_KEY:
        return ORGANISATIONS_BY_KEY[key].region
    return INSTITUTIONS_BY_KEY[key].region


def name_of(key: str, language: str) -> str:
    names = (
        ORGANISATIONS_BY_KEY[key].names
        if key in ORGANISATIONS_BY_KEY
        else INSTITUTIONS_BY_KEY[key].names
    )
    return names.get(language) or next(iter(names.values()))


def _texts(
    kind: str, languages: Iterable[str], build: Callable[[str], Context]
) -> tuple[DemoText, ...]:
    return tuple(getattr(_TEMPLATES[lang], kind)(build(lang)) for lang in languages)


def _keywords(topic: Topic, languages: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for lang in languages:
        for word in topic.version(lang).keyword_tuple():
            seen.setdefault(word, None)
    return tuple(seen)


def _co_owner(owner: str, region: str, n: int) -> str:
    peers = sorted(
        k
        for k, i in INSTITUTIONS_BY_KEY.items()
        if i.region == region and i.org_type == "university" and k != owner
    )
    return peers[n % len(peers)]


def _ip_rights(topic: Topic, n: int, language: str) -> tuple[DemoIPRight, ...]:
    """Plausible rights with numbers that are visibly demo numbers, not real registrations."""
    region = region_of(topic.owner)
    owner_name = name_of(topic.owner, language)
    owners: tuple[tuple[str, int], ...] = ((owner_name, 100),)
    if n % 3 == 1:
        share = (70, 60, 50)[n % 3 if n % 9 < 3 else (n // 3) % 3]
        partner = name_of(_co_owner(topic.owner, region, n), language)
        owners = ((owner_name, share), (partner, 100 - share))
    year = 2019 + n % 5
    serial = 100 + n * 37
    if topic.ip == "copyright":
        return (
            DemoIPRight(
                "software_copyright", f"DEMO-{year}SR{serial:07d}", "CN", "granted", owners
            ),
        )
    if topic.ip == "design_rights":
        return (
            DemoIPRight(
                "design_patent", f"DEMO-ZL{year}3{serial:07d}.{n % 10}", "CN", "granted", owners
            ),
        )
    if topic.ip == "other":
        return (
            DemoIPRight("plant_variety", f"DEMO-CNA{year}{serial:06d}", "CN", "granted", owners),
        )
    if topic.ip not in ("patent_granted", "patent_applied"):
        return ()
    granted = topic.ip == "patent_granted"
    cn = DemoIPRight(
        "invention_patent",
        f"DEMO-ZL{year}1{serial:07d}.{n % 10}",
        "CN",
        "granted" if granted else "published",
        owners,
    )
    if region == "hk":
        rights = [
            DemoIPRight(
                "invention_patent",
                f"DEMO-US{11_200_000 + serial}B2" if granted else f"DEMO-US{year}0{serial:06d}A1",
                "US",
                "granted" if granted else "filed",
                owners,
            ),
            cn,
        ]
        if granted and n % 2 == 0:
            rights.append(
                DemoIPRight(
                    "invention_patent", f"DEMO-HK{30_000_000 + serial}", "HK", "granted", owners
                )
            )
        if not granted:
            rights.append(
                DemoIPRight(
                    "invention_patent",
                    f"DEMO-PCT/CN{year}/{serial:06d}",
                    "PCT",
                    "published",
                    owners,
                )
            )
        return tuple(rights)
    if n % 4 == 0:
        return (
            cn,
            DemoIPRight(
                "invention_patent", f"DEMO-PCT/CN{year}/{serial:06d}", "PCT", "published", owners
            ),
        )
    return (cn,)


def topic_listings(
    topics: Iterable[Topic], start: dict[str, int], first: int = 0
) -> list[DemoListing]:
    """Listings for topics numbered from ``first`` (the number varies their languages, terms
    and owners' choices); `start` holds the next serial number per kind and is advanced."""
    out: list[DemoListing] = []
    for i, topic in enumerate(topics, first):
        out.extend(_one_topic(topic, i, start))
    return out


def _ref(kind: str, start: dict[str, int]) -> str:
    prefix = {"offer": "OFF", "request": "REQ", "rd_request": "RDR", "expertise": "EXP"}[kind]
    start[kind] = start.get(kind, 0) + 1
    return f"DEMO-{prefix}-{start[kind]:04d}"


def _one_topic(t: Topic, i: int, start: dict[str, int]) -> list[DemoListing]:
    owner_region = region_of(t.owner)
    seeker_region = region_of(t.seeker)
    listings = []

    # Technology offer by the owner.
    langs = _PLANS[("offer", owner_region)][i % len(_PLANS[("offer", owner_region)])]
    partnerships = _OFFER_PARTNERSHIPS[t.ip][i % len(_OFFER_PARTNERSHIPS[t.ip])]
    anonymous = i % 11 == 7
    terms = _PRICE_TERMS[i % len(_PRICE_TERMS)]
    currency = HOME_CURRENCY[owner_region]
    if owner_region == "hk" and i % 4 == 3:
        currency = "USD"
    amount = None
    if terms == "fixed":
        base = {"HKD": 600_000, "CNY": 500_000, "USD": 80_000}[currency]
        amount = Decimal(base + (i % 5) * base // 4)

    def offer_ctx(lang: str) -> Context:
        owner = ANONYMOUS_OWNER[lang][owner_region] if anonymous else name_of(t.owner, lang)
        return Context(t.version(lang), i, owner, t.trl, partnerships, t.ip)

    listings.append(
        DemoListing(
            external_ref=_ref("offer", start),
            kind="offer",
            owner_key=t.owner,
            texts=_texts("offer", langs, offer_ctx),
            areas=t.areas,
            keywords=_keywords(t, langs),
            sectors=t.sectors,
            trl=t.trl,
            ip_status=t.ip,
            partnership_types=partnerships,
            price_terms=terms,
            price_amount=amount,
            currency=currency,
            anonymous=anonymous,
            ip_rights=_ip_rights(t, i, langs[0]),
        )
    )

    # Technology request by the seeker.
    plan = _PLANS[("request", seeker_region)]
    langs = plan[i % len(plan)]
    wanted = _REQUEST_PARTNERSHIPS[i % len(_REQUEST_PARTNERSHIPS)]
    # Half the needs ask for one step less maturity than is on offer, a quarter for the same and
    # a quarter for one more, so the catalogue also shows matches capped by readiness.
    req_trl = max(1, min(9, t.trl + (-1, -1, 0, 1)[i % 4]))
    currency = HOME_CURRENCY[seeker_region]
    budget = None
    if i % 3 == 0:
        budget = Decimal((300_000, 500_000, 800_000, 1_200_000, 2_000_000)[i % 5])

    def request_ctx(lang: str) -> Context:
        return Context(
            t.version(lang), i + 1, "", req_trl, wanted, "none", budget=budget, currency=currency
        )

    listings.append(
        DemoListing(
            external_ref=_ref("request", start),
            kind="request",
            owner_key=t.seeker,
            texts=_texts("request", langs, request_ctx),
            areas=t.areas,
            keywords=_keywords(t, langs),
            sectors=t.sectors,
            trl=req_trl,
            ip_status="none",
            partnership_types=wanted,
            price_terms="fixed" if budget is not None else "negotiable",
            price_amount=budget,
            currency=currency,
            anonymous=i % 5 == 2,
        )
    )

    # R&D partner request, alternately by the technology side and the need side.
    from_owner = i % 2 == 0
    poster = t.owner if from_owner else t.seeker
    poster_region = owner_region if from_owner else seeker_region
    plan = _PLANS[("rd_request", poster_region)]
    langs = plan[(i // 2) % len(plan)]
    rd_trl = max(2, t.trl - 2)
    rd_partnerships = ("joint_rd", "investment") if i % 6 == 1 else ("joint_rd",)

    def rd_ctx(lang: str) -> Context:
        return Context(
            t.version(lang), i + 2, "", rd_trl, rd_partnerships, "none", from_owner=from_owner
        )

    listings.append(
        DemoListing(
            external_ref=_ref("rd_request", start),
            kind="rd_request",
            owner_key=poster,
            texts=_texts("rd_request", langs, rd_ctx),
            areas=t.areas,
            keywords=_keywords(t, langs),
            sectors=t.sectors,
            trl=rd_trl,
            ip_status="patent_applied" if from_owner and t.ip != "know_how" else "none",
            partnership_types=rd_partnerships,
            currency=HOME_CURRENCY[poster_region],
            anonymous=i % 7 == 3,
        )
    )

    # Expert profile of the team behind the technology.
    plan = _PLANS[("expertise", owner_region)]
    langs = plan[i % len(plan)]

    def expertise_ctx(lang: str) -> Context:
        return Context(
            t.version(lang),
            i + 3,
            name_of(t.owner, lang),
            None,
            ("technical_service", "joint_rd"),
            "know_how",
            years=5 + (i * 7) % 16,
            staff=6 + (i * 5) % 21,
            projects=3 + (i * 3) % 26,
        )

    listings.append(
        DemoListing(
            external_ref=_ref("expertise", start),
            kind="expertise",
            owner_key=t.owner,
            texts=_texts("expertise", langs, expertise_ctx),
            areas=t.areas,
            keywords=_keywords(t, langs),
            sectors=t.sectors,
            trl=None,
            ip_status="know_how",
            partnership_types=("technical_service", "joint_rd"),
            price_terms="on_request",
        )
    )
    return listings
