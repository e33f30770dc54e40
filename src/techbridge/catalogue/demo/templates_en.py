"""English wording of demo listings, composed from a topic's English version."""

from __future__ import annotations

from .phrasing import IP_PHRASES, Context, lower_first, money_phrase, partners_phrase
from .spec import DemoText

L = "en"

_OFFER_REQUIREMENTS = {
    "licence": "Licensee with production capability and a sales channel in the target market.",
    "assignment": "Buyer able to maintain the patents and commercialise within two years.",
    "joint_rd": "Partner able to co-fund development and provide real application scenarios.",
    "technical_service": "Clients with a defined technical problem and samples for testing.",
    "investment": "Investors with experience in the sector and a long-term view.",
    "manufacturing": "Manufacturer with the relevant quality certification and clean production.",
}

_SEEKER_OFFERS = (
    "We provide application scenarios, pilot sites and access to our customers.",
    "We can fund a pilot and have engineering staff ready to work with the technology owner.",
    "Our sales network covers Hong Kong, Macao and Southeast Asia, ready for a joint launch.",
)


def _mid(owner: str) -> str:
    """An official name starting with "The" inside a sentence."""
    return "the " + owner[4:] if owner.startswith("The ") else owner


def offer(c: Context) -> DemoText:
    v = c.version
    name = v.name
    partners = partners_phrase(L, c.partnerships)
    stage = c.stage(L)
    title = c.pick(
        (
            name,
            f"{name}: licensing opportunity",
            f"{name}, ready for industrial partners",
            f"Technology offer: {lower_first(name)}",
        )
    )
    description = c.pick(
        (
            f"{v.what} {v.use} The technology was developed at {_mid(c.owner)} and has reached TRL "
            f"{c.trl} ({stage} stage). We welcome {partners} with companies in Chongqing, the "
            "Greater Bay Area and beyond.",
            f"{v.use} To meet this need, {_mid(c.owner)} has developed the following approach. "
            f"{v.what} Prototypes and test data (TRL {c.trl}, {stage} stage) can be shown to "
            "qualified partners after a non-disclosure agreement is signed.",
            f"{c.owner} offers {lower_first(name)} for {partners}. {v.what} {v.use} The team "
            "will support the transfer with training, documentation and on-site commissioning; "
            f"current maturity is TRL {c.trl} ({stage} stage).",
        )
    )
    ip = IP_PHRASES[L].get(c.ip_status, "")
    return DemoText(
        language=L,
        title=title,
        summary=v.what,
        description=description,
        advantages=f"{v.edge} {ip}".strip(),
        requirements=_OFFER_REQUIREMENTS[c.partnerships[0]],
    )


def request(c: Context) -> DemoText:
    v = c.version
    name = lower_first(v.name)
    partners = partners_phrase(L, c.partnerships)
    stage = c.stage(L)
    title = c.pick((f"Seeking {name}", f"Wanted: {name}", f"Request for partners: {name}"))
    description = c.pick(
        (
            f"{v.need} Application scenario: {v.use} We would like to hear from universities, "
            "research institutes and companies in Hong Kong and Chongqing that can offer a "
            f"solution at TRL {c.trl} or above.",
            f"{v.need} We are open to {partners}. The solution should be mature enough (around "
            f"TRL {c.trl}, {stage} stage) to start a pilot within 12 months. {v.use}",
            f"Background: {v.need} {v.use} Proposals from either city are welcome; we can "
            "provide test sites, samples and engineering staff for a joint pilot.",
        )
    )
    budget = money_phrase(L, c.budget, c.currency)
    return DemoText(
        language=L,
        title=title,
        summary=v.need,
        description=description,
        advantages=c.pick(_SEEKER_OFFERS),
        requirements=(
            f"Technology maturity of at least TRL {c.trl}; clear ownership of the intellectual "
            f"property; preferred cooperation: {partners}; budget: {budget}."
        ),
    )


def rd_request(c: Context) -> DemoText:
    v = c.version
    name = lower_first(v.name)
    if c.from_owner:
        return DemoText(
            language=L,
            title=c.pick((f"Industrial partner wanted to co-develop {name}", f"Joint R&D: {name}")),
            summary=(
                f"A research team seeks an industrial partner for a Hong Kong–Chongqing joint "
                f"R&D project on {name}."
            ),
            description=(
                f"{v.what} Having completed the {c.stage(L)} stage (TRL {c.trl}), the team needs "
                f"a company to define product specifications, run field trials and share the "
                f"cost of scale-up. {v.use}"
            ),
            advantages=v.edge,
            requirements=(
                "The partner should contribute application know-how, matching funds for a joint "
                "funding application and engineering staff; expected duration 18 to 24 months."
            ),
        )
    return DemoText(
        language=L,
        title=c.pick((f"R&D partner sought: {name}", f"Research team wanted for {name}")),
        summary=f"A company seeks a research partner to develop {name} jointly.",
        description=(
            f"{v.need} Rather than licensing a finished product, we want to develop it with a "
            f"research team and share results under an agreed IP plan. {v.use}"
        ),
        advantages=c.pick(_SEEKER_OFFERS),
        requirements=(
            "Research team with patents or publications in the field, able to join a joint "
            "funding application and to station researchers at our site for trials."
        ),
    )


def expertise(c: Context) -> DemoText:
    v = c.version
    name = lower_first(v.name)
    return DemoText(
        language=L,
        title=c.pick(
            (
                f"{v.name}: research team and consultancy",
                f"Expert team in {name}",
                f"Consulting and joint research on {name}",
            )
        ),
        summary=(
            f"A research group at {_mid(c.owner)} working on {name} for {c.years} years, available "
            "for consultancy, testing and joint projects."
        ),
        description=(
            f"{v.what} {v.use} The group has {c.staff} researchers and engineers and has "
            f"completed {c.projects} projects with industry in Hong Kong and the mainland."
        ),
        advantages=v.edge,
    )
