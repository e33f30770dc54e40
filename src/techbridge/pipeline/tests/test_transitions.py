"""The transition table, every stage × event × role, without a database."""

from __future__ import annotations

import itertools

import pytest

from techbridge.pipeline.transitions import (
    TABLE,
    DealFacts,
    Event,
    Guard,
    Outcome,
    Role,
    Stage,
    TransitionRefused,
    available_events,
    next_stage,
)

# Facts under which every guard passes: a mainland export that is free, NDA in force, an
# agreement with obligations.
ALL_CLEAR = DealFacts(
    checkpoint_applies=True,
    export_classification="free",
    nda_in_force=True,
    agreement_recorded=True,
    obligations=1,
)

# The expected table, written out independently of TABLE: (stage, event) → (target,
# roles, outcome).
OWN, CPTY, SYS = Role.OWNER, Role.COUNTERPARTY, Role.SYSTEM
EXPECTED: dict[tuple[Stage, Event], tuple[Stage, set[Role], Outcome]] = {
    (Stage.INTEREST, Event.SCREEN): (Stage.SCREENING, {OWN}, Outcome.OPEN),
    (Stage.INTEREST, Event.DECLINE): (Stage.CLOSED, {OWN}, Outcome.LOST),
    (Stage.INTEREST, Event.WITHDRAW): (Stage.CLOSED, {CPTY}, Outcome.WITHDRAWN),
    (Stage.SCREENING, Event.ACCEPT): (Stage.NDA, {OWN}, Outcome.OPEN),
    (Stage.SCREENING, Event.DECLINE): (Stage.CLOSED, {OWN}, Outcome.LOST),
    (Stage.SCREENING, Event.WITHDRAW): (Stage.CLOSED, {CPTY}, Outcome.WITHDRAWN),
    (Stage.NDA, Event.NDA_IN_FORCE): (Stage.DUE_DILIGENCE, {SYS}, Outcome.OPEN),
    (Stage.NDA, Event.WITHDRAW): (Stage.CLOSED, {CPTY}, Outcome.WITHDRAWN),
    (Stage.NDA, Event.CLOSE_LOST): (Stage.CLOSED, {OWN, CPTY}, Outcome.LOST),
    (Stage.DUE_DILIGENCE, Event.NEGOTIATE): (Stage.NEGOTIATION, {OWN, CPTY}, Outcome.OPEN),
    (Stage.DUE_DILIGENCE, Event.WITHDRAW): (Stage.CLOSED, {CPTY}, Outcome.WITHDRAWN),
    (Stage.DUE_DILIGENCE, Event.CLOSE_LOST): (Stage.CLOSED, {OWN, CPTY}, Outcome.LOST),
    (Stage.NEGOTIATION, Event.SIGN): (Stage.SIGNED, {OWN}, Outcome.OPEN),
    (Stage.NEGOTIATION, Event.WITHDRAW): (Stage.CLOSED, {CPTY}, Outcome.WITHDRAWN),
    (Stage.NEGOTIATION, Event.CLOSE_LOST): (Stage.CLOSED, {OWN, CPTY}, Outcome.LOST),
    (Stage.SIGNED, Event.START_OBLIGATIONS): (Stage.OBLIGATIONS, {OWN, CPTY}, Outcome.OPEN),
    (Stage.SIGNED, Event.CLOSE_WON): (Stage.CLOSED, {OWN}, Outcome.WON),
    (Stage.OBLIGATIONS, Event.CLOSE_WON): (Stage.CLOSED, {OWN}, Outcome.WON),
}


@pytest.mark.parametrize(("stage", "event", "role"), list(itertools.product(Stage, Event, Role)))
def test_every_stage_event_role(stage: Stage, event: Event, role: Role) -> None:
    expected = EXPECTED.get((stage, event))
    if expected is None:
        with pytest.raises(TransitionRefused) as refused:
            next_stage(stage, event, role, ALL_CLEAR)
        assert refused.value.reason == "stage"
        return
    target, roles, outcome = expected
    if role not in roles:
        with pytest.raises(TransitionRefused) as refused:
            next_stage(stage, event, role, ALL_CLEAR)
        assert refused.value.reason == "role"
        return
    transition = next_stage(stage, event, role, ALL_CLEAR)
    assert (transition.target, transition.outcome) == (target, outcome)


def test_table_has_exactly_the_expected_entries() -> None:
    assert set(TABLE) == set(EXPECTED)


def test_closed_is_final() -> None:
    assert not [key for key in TABLE if key[0] == Stage.CLOSED]


@pytest.mark.parametrize(
    ("stage", "event", "role", "facts", "guard"),
    [
        # Mainland technology to Hong Kong: classification first, and never if prohibited.
        (
            Stage.SCREENING,
            Event.ACCEPT,
            OWN,
            DealFacts(checkpoint_applies=True),
            Guard.EXPORT_CLASSIFIED,
        ),
        (
            Stage.SCREENING,
            Event.ACCEPT,
            OWN,
            DealFacts(checkpoint_applies=True, export_classification="prohibited"),
            Guard.EXPORT_NOT_PROHIBITED,
        ),
        (Stage.NDA, Event.NDA_IN_FORCE, SYS, DealFacts(), Guard.NDA_IN_FORCE),
        (
            Stage.DUE_DILIGENCE,
            Event.NEGOTIATE,
            CPTY,
            DealFacts(
                checkpoint_applies=True, export_classification="restricted", nda_in_force=True
            ),
            Guard.EXPORT_LICENCE_IF_RESTRICTED,
        ),
        (Stage.NEGOTIATION, Event.SIGN, OWN, DealFacts(), Guard.AGREEMENT_RECORDED),
        (
            Stage.SIGNED,
            Event.START_OBLIGATIONS,
            CPTY,
            DealFacts(agreement_recorded=True),
            Guard.HAS_OBLIGATIONS,
        ),
    ],
)
def test_guards_refuse_with_their_name(
    stage: Stage, event: Event, role: Role, facts: DealFacts, guard: Guard
) -> None:
    with pytest.raises(TransitionRefused) as refused:
        next_stage(stage, event, role, facts)
    assert refused.value.reason == guard.value


def test_checkpoint_only_when_it_applies() -> None:
    hk_to_cq = DealFacts(checkpoint_applies=False)
    assert next_stage(Stage.SCREENING, Event.ACCEPT, OWN, hk_to_cq).target == Stage.NDA


def test_restricted_with_licence_may_negotiate() -> None:
    facts = DealFacts(
        checkpoint_applies=True, export_classification="restricted", export_licence=True
    )
    assert next_stage(Stage.DUE_DILIGENCE, Event.NEGOTIATE, CPTY, facts).target == Stage.NEGOTIATION


def test_available_events_never_offer_system_events() -> None:
    assert available_events(Stage.NDA, OWN) == [Event.CLOSE_LOST]
    assert available_events(Stage.NDA, CPTY) == [Event.WITHDRAW, Event.CLOSE_LOST]
    assert available_events(Stage.NDA, SYS) == []
    assert available_events(Stage.INTEREST, Role.OTHER) == []


PROHIBITED = DealFacts(
    checkpoint_applies=True,
    export_classification="prohibited",
    nda_in_force=True,
    agreement_recorded=True,
    obligations=1,
)


@pytest.mark.parametrize(
    ("stage", "event", "role"),
    [
        (Stage.SCREENING, Event.ACCEPT, OWN),
        (Stage.NDA, Event.NDA_IN_FORCE, SYS),
        (Stage.DUE_DILIGENCE, Event.NEGOTIATE, OWN),
        (Stage.DUE_DILIGENCE, Event.NEGOTIATE, CPTY),
        (Stage.NEGOTIATION, Event.SIGN, OWN),
    ],
)
def test_prohibited_technology_goes_no_further(stage: Stage, event: Event, role: Role) -> None:
    # The classification may change up to due diligence: every step towards the NDA, the
    # negotiation and the signature checks it again.
    with pytest.raises(TransitionRefused) as refused:
        next_stage(stage, event, role, PROHIBITED)
    assert refused.value.reason == Guard.EXPORT_NOT_PROHIBITED.value


def test_every_step_towards_an_agreement_is_guarded_against_prohibited_export() -> None:
    towards = {Stage.NDA, Stage.DUE_DILIGENCE, Stage.NEGOTIATION, Stage.SIGNED}
    unguarded = [
        key
        for key, transition in TABLE.items()
        if transition.target in towards and Guard.EXPORT_NOT_PROHIBITED not in transition.guards
    ]
    assert unguarded == []


def test_prohibited_does_not_stop_closing_or_withdrawing() -> None:
    assert next_stage(Stage.NEGOTIATION, Event.WITHDRAW, CPTY, PROHIBITED).outcome == (
        Outcome.WITHDRAWN
    )
    assert next_stage(Stage.DUE_DILIGENCE, Event.CLOSE_LOST, OWN, PROHIBITED).outcome == (
        Outcome.LOST
    )
