"""The deal pipeline as a pure table: which event moves a deal from which stage to which, who
may fire it, and what must be true first.

No database, no Django models: the services read a deal into :class:`DealFacts`, ask
:func:`next_stage`, and write the result. The whole table is tested state × event × role
without a database (``tests/test_transitions.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    INTEREST = "interest"  # expression of interest sent, waiting for the owner
    SCREENING = "screening"  # the owner is screening the interested party
    NDA = "nda"  # screened in: a non-disclosure agreement is being signed
    DUE_DILIGENCE = "due_diligence"  # NDA in force: confidential detail released
    NEGOTIATION = "negotiation"  # deal type, scope, territory and terms
    SIGNED = "signed"  # agreement signed
    OBLIGATIONS = "obligations"  # post-deal obligations running
    CLOSED = "closed"


class Outcome(StrEnum):
    OPEN = ""
    WON = "won"
    LOST = "lost"
    WITHDRAWN = "withdrawn"


class Event(StrEnum):
    SCREEN = "screen"
    ACCEPT = "accept"
    DECLINE = "decline"
    NDA_IN_FORCE = "nda_in_force"
    NEGOTIATE = "negotiate"
    SIGN = "sign"
    START_OBLIGATIONS = "start_obligations"
    CLOSE_WON = "close_won"
    CLOSE_LOST = "close_lost"
    WITHDRAW = "withdraw"


class Role(StrEnum):
    OWNER = "owner"  # a member of the listing's owner organisation
    COUNTERPARTY = "counterparty"  # a member of the organisation that expressed interest
    SYSTEM = "system"  # the platform itself (the NDA coming into force)
    OTHER = "other"  # anyone else, platform staff included: they see, they do not act


class Guard(StrEnum):
    """A condition an event needs; its value names the refusal shown to the user."""

    EXPORT_CLASSIFIED = "export_classified"
    EXPORT_NOT_PROHIBITED = "export_not_prohibited"
    NDA_IN_FORCE = "nda_in_force"
    EXPORT_LICENCE_IF_RESTRICTED = "export_licence_if_restricted"
    AGREEMENT_RECORDED = "agreement_recorded"
    HAS_OBLIGATIONS = "agreement_has_obligations"


@dataclass(frozen=True)
class DealFacts:
    """What the guards need to know about a deal, read from the database by the services."""

    checkpoint_applies: bool = False  # mainland technology going to Hong Kong or overseas
    export_classification: str = ""  # "", "prohibited", "restricted", "free"
    export_licence: bool = False
    nda_in_force: bool = False
    agreement_recorded: bool = False
    obligations: int = 0


GUARD_CHECKS: dict[Guard, Callable[[DealFacts], bool]] = {
    Guard.EXPORT_CLASSIFIED: lambda f: not f.checkpoint_applies or bool(f.export_classification),
    Guard.EXPORT_NOT_PROHIBITED: lambda f: f.export_classification != "prohibited",
    Guard.NDA_IN_FORCE: lambda f: f.nda_in_force,
    Guard.EXPORT_LICENCE_IF_RESTRICTED: lambda f: (
        f.export_classification != "restricted" or f.export_licence
    ),
    Guard.AGREEMENT_RECORDED: lambda f: f.agreement_recorded,
    Guard.HAS_OBLIGATIONS: lambda f: f.obligations > 0,
}


@dataclass(frozen=True)
class Transition:
    target: Stage
    roles: frozenset[Role]
    guards: tuple[Guard, ...] = ()
    outcome: Outcome = Outcome.OPEN


def _t(
    target: Stage, *roles: Role, guards: tuple[Guard, ...] = (), outcome: Outcome = Outcome.OPEN
) -> Transition:
    return Transition(target, frozenset(roles), guards, outcome)


OWNER, COUNTERPARTY, SYSTEM = Role.OWNER, Role.COUNTERPARTY, Role.SYSTEM
OPEN_BEFORE_SIGNING = (
    Stage.INTEREST,
    Stage.SCREENING,
    Stage.NDA,
    Stage.DUE_DILIGENCE,
    Stage.NEGOTIATION,
)

TABLE: dict[tuple[Stage, Event], Transition] = {
    (Stage.INTEREST, Event.SCREEN): _t(Stage.SCREENING, OWNER),
    (Stage.SCREENING, Event.ACCEPT): _t(
        Stage.NDA, OWNER, guards=(Guard.EXPORT_CLASSIFIED, Guard.EXPORT_NOT_PROHIBITED)
    ),
    (Stage.INTEREST, Event.DECLINE): _t(Stage.CLOSED, OWNER, outcome=Outcome.LOST),
    (Stage.SCREENING, Event.DECLINE): _t(Stage.CLOSED, OWNER, outcome=Outcome.LOST),
    (Stage.NDA, Event.NDA_IN_FORCE): _t(
        Stage.DUE_DILIGENCE,
        SYSTEM,
        guards=(Guard.NDA_IN_FORCE, Guard.EXPORT_CLASSIFIED, Guard.EXPORT_NOT_PROHIBITED),
    ),
    # The classification may still change during due diligence, so every step towards an
    # agreement checks again that the technology is not prohibited from export.
    (Stage.DUE_DILIGENCE, Event.NEGOTIATE): _t(
        Stage.NEGOTIATION,
        OWNER,
        COUNTERPARTY,
        guards=(Guard.EXPORT_NOT_PROHIBITED, Guard.EXPORT_LICENCE_IF_RESTRICTED),
    ),
    (Stage.NEGOTIATION, Event.SIGN): _t(
        Stage.SIGNED,
        OWNER,
        guards=(
            Guard.EXPORT_NOT_PROHIBITED,
            Guard.AGREEMENT_RECORDED,
            Guard.EXPORT_LICENCE_IF_RESTRICTED,
        ),
    ),
    (Stage.SIGNED, Event.START_OBLIGATIONS): _t(
        Stage.OBLIGATIONS, OWNER, COUNTERPARTY, guards=(Guard.HAS_OBLIGATIONS,)
    ),
    (Stage.SIGNED, Event.CLOSE_WON): _t(Stage.CLOSED, OWNER, outcome=Outcome.WON),
    (Stage.OBLIGATIONS, Event.CLOSE_WON): _t(Stage.CLOSED, OWNER, outcome=Outcome.WON),
    **{
        (stage, Event.WITHDRAW): _t(Stage.CLOSED, COUNTERPARTY, outcome=Outcome.WITHDRAWN)
        for stage in OPEN_BEFORE_SIGNING
    },
    **{
        (stage, Event.CLOSE_LOST): _t(Stage.CLOSED, OWNER, COUNTERPARTY, outcome=Outcome.LOST)
        for stage in (Stage.NDA, Stage.DUE_DILIGENCE, Stage.NEGOTIATION)
    },
}


class TransitionRefused(Exception):
    """The event cannot happen now; ``reason`` is ``"stage"``, ``"role"`` or a guard."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def next_stage(stage: Stage, event: Event, role: Role, facts: DealFacts) -> Transition:
    """The transition ``role`` may make with ``event`` from ``stage``, or TransitionRefused."""
    transition = TABLE.get((stage, event))
    if transition is None:
        raise TransitionRefused("stage")
    if role not in transition.roles:
        raise TransitionRefused("role")
    for guard in transition.guards:
        if not GUARD_CHECKS[guard](facts):
            raise TransitionRefused(guard.value)
    return transition


def available_events(stage: Stage, role: Role) -> list[Event]:
    """Events ``role`` may try from ``stage`` (guards aside), in the table's order."""
    return [
        event
        for (from_stage, event), transition in TABLE.items()
        if from_stage == stage and role in transition.roles and role != Role.SYSTEM
    ]
