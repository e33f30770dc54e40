"""The registry of notification kinds: each one's label, default delivery and text.

Texts are rendered when read, in the language active then (the page's, or the recipient's
for an e-mail), from the parameters stored with the notification. Any organisation a deal
notification names goes through ``party_names`` with the recipient's side, so the owner of
an anonymous listing stays unnamed to the interested party until it accepts the interest.
Organisations and instruments named by join-request and booking notifications are stored with
their name in each language, so each reader gets theirs without a query per notification.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from techbridge.notifications.choices import Delivery
from techbridge.notifications.links import LANGUAGE_CODES

if TYPE_CHECKING:
    from techbridge.notifications.models import Notification


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    default: Delivery
    render: Callable[[Notification], Rendered]


def _actor_name(notification: Notification) -> str:
    """The acting organisation's name as this recipient may read it."""
    from techbridge.pipeline.selectors import party_names

    deal, params = notification.deal, notification.params
    organisation_id = params.get("organisation")
    if deal is None or organisation_id is None:
        return _("The platform")
    return party_names(deal, str(params.get("role", "")))[int(organisation_id)]


def _values(notification: Notification, **extra: Any) -> dict[str, Any]:
    return {"reference": notification.params.get("reference", ""), **extra}


def _interest(n: Notification) -> Rendered:
    values = _values(n, organisation=_actor_name(n))
    body = _("%(organisation)s has expressed interest in your listing %(reference)s.") % values
    message = str(n.params.get("message", "")).strip()
    if message:
        body += "\n\n" + _("Their message:") + "\n" + message
    return Rendered(_("New expression of interest in %(reference)s") % values, body)


def _message(n: Notification) -> Rendered:
    values = _values(n, organisation=_actor_name(n))
    body = _("%(organisation)s wrote in the deal on %(reference)s:") % values
    return Rendered(
        _("New message in the deal on %(reference)s") % values,
        body + "\n\n" + str(n.params.get("excerpt", "")),
    )


def _nda_proposed(n: Notification) -> Rendered:
    values = _values(n, organisation=_actor_name(n))
    return Rendered(
        _("NDA proposed in the deal on %(reference)s") % values,
        _(
            "%(organisation)s proposed a new NDA text in the deal on %(reference)s. Read it and "
            "confirm it for your side."
        )
        % values,
    )


def _nda_confirmed(n: Notification) -> Rendered:
    values = _values(n, organisation=_actor_name(n))
    return Rendered(
        _("NDA confirmed by the other side in the deal on %(reference)s") % values,
        _(
            "%(organisation)s confirmed the NDA in the deal on %(reference)s. It comes into "
            "force when your side confirms it too."
        )
        % values,
    )


def _nda_in_force(n: Notification) -> Rendered:
    values = _values(n)
    return Rendered(
        _("The NDA is in force in the deal on %(reference)s") % values,
        _(
            "Both parties confirmed the NDA in the deal on %(reference)s: it is in force and "
            "the deal is in due diligence."
        )
        % values,
    )


def step_phrases() -> Mapping[str, str]:
    """What each step of a deal did, as the other party reads it."""
    return {
        "screen": _("started screening the interest"),
        "accept": _("accepted the interest; the NDA is next"),
        "decline": _("declined the interest"),
        "negotiate": _("moved the deal to negotiation"),
        "sign": _("marked the agreement as signed"),
        "start_obligations": _("started the post-deal obligations"),
        "close_won": _("closed the deal as won"),
        "close_lost": _("closed the deal as lost"),
        "withdraw": _("withdrew from the deal"),
    }


def _stage_moved(n: Notification) -> Rendered:
    step = str(n.params.get("step", ""))
    values = _values(
        n, organisation=_actor_name(n), step=step_phrases().get(step, step.replace("_", " "))
    )
    return Rendered(
        _("The deal on %(reference)s moved on") % values,
        _("%(organisation)s %(step)s (deal on %(reference)s).") % values,
    )


def _document(n: Notification) -> Rendered:
    values = _values(n, organisation=_actor_name(n), name=n.params.get("name", ""))
    return Rendered(
        _("New document in the deal on %(reference)s") % values,
        _("%(organisation)s shared the document “%(name)s” in the deal on %(reference)s.") % values,
    )


def _agreement(n: Notification) -> Rendered:
    values = _values(n, organisation=_actor_name(n))
    return Rendered(
        _("Agreement recorded in the deal on %(reference)s") % values,
        _("%(organisation)s recorded the signed agreement in the deal on %(reference)s.") % values,
    )


def _obligation(n: Notification) -> Rendered:
    values = _values(n, what=n.params.get("what", ""), date=n.params.get("date", ""))
    return Rendered(
        _("Obligation due on %(date)s: %(what)s") % values,
        _("In the deal on %(reference)s, “%(what)s” is due on %(date)s.") % values,
    )


def _listing_expiring(n: Notification) -> Rendered:
    titles = n.params.get("titles") or {}
    title = titles.get(get_language() or "en") or titles.get("en", "")
    values = _values(n, title=title, date=n.params.get("date", ""))
    return Rendered(
        _("Your listing %(reference)s expires on %(date)s") % values,
        _(
            "Your listing “%(title)s” (%(reference)s) will expire on %(date)s. "
            "Renew it on techbridge to keep it visible for another year; a listing can "
            "stay published for at most two years."
        )
        % values,
    )


def names_in_languages(named: Any) -> dict[str, str]:
    """A trilingual name (``name_in``) in each of the site's languages, to store in a
    notification's parameters."""
    return {language: named.name_in(language) for language in LANGUAGE_CODES}


def _named(n: Notification, key: str) -> str:
    """A name stored in each language (an organisation's, an instrument's), in the active
    one; English where that one is missing."""
    names = n.params.get(key) or {}
    return str(names.get(get_language() or "en") or names.get("en", ""))


def _join_requested(n: Notification) -> Rendered:
    values = {
        "person": n.params.get("person", ""),
        "email": n.params.get("email", ""),
        "organisation": _named(n, "organisation"),
    }
    return Rendered(
        _("%(person)s asks to join %(organisation)s") % values,
        _(
            "%(person)s (%(email)s) asks to join %(organisation)s on techbridge. Approve or "
            "decline the request on your organisations page."
        )
        % values,
    )


def _join_request_decided(n: Notification) -> Rendered:
    values = {"organisation": _named(n, "organisation")}
    if n.params.get("approved"):
        return Rendered(
            _("Your request to join %(organisation)s is approved") % values,
            _("The administrators of %(organisation)s approved your request: you are now a member.")
            % values,
        )
    return Rendered(
        _("Your request to join %(organisation)s is declined") % values,
        _("The administrators of %(organisation)s declined your request to join.") % values,
    )


def _booking_values(n: Notification) -> dict[str, Any]:
    return {
        "person": n.params.get("person", ""),
        "instrument": _named(n, "instrument"),
        "start": n.params.get("start", ""),
        "end": n.params.get("end", ""),
    }


def _with_purpose(body: str, n: Notification) -> str:
    purpose = str(n.params.get("purpose", "")).strip()
    return body + "\n\n" + _("Purpose:") + "\n" + purpose if purpose else body


def _booking_requested(n: Notification) -> Rendered:
    values = _booking_values(n)
    body = (
        _(
            "%(person)s asks to book %(instrument)s from %(start)s to %(end)s. Approve or "
            "decline the request on your bookings page."
        )
        % values
    )
    return Rendered(
        _("Booking request for %(instrument)s on %(start)s") % values, _with_purpose(body, n)
    )


def _booking_made(n: Notification) -> Rendered:
    values = _booking_values(n)
    body = (
        _(
            "%(person)s booked %(instrument)s from %(start)s to %(end)s. The instrument takes "
            "bookings without approval, so the time is theirs."
        )
        % values
    )
    return Rendered(_("%(instrument)s booked from %(start)s") % values, _with_purpose(body, n))


def _booking_decided(n: Notification) -> Rendered:
    values = _booking_values(n)
    if n.params.get("approved"):
        return Rendered(
            _("Your booking of %(instrument)s is approved") % values,
            _(
                "The managers of %(instrument)s approved your booking from %(start)s to "
                "%(end)s: the time is yours."
            )
            % values,
        )
    return Rendered(
        _("Your booking of %(instrument)s is declined") % values,
        _("The managers of %(instrument)s declined your booking request from %(start)s to %(end)s.")
        % values,
    )


def _booking_cancelled(n: Notification) -> Rendered:
    values = _booking_values(n)
    return Rendered(
        _("Booking of %(instrument)s on %(start)s cancelled") % values,
        _("%(person)s cancelled the booking of %(instrument)s from %(start)s to %(end)s.") % values,
    )


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind(
            "interest_expressed",
            gettext_lazy("Someone expresses interest in your listing"),
            Delivery.IMMEDIATE,
            _interest,
        ),
        Kind(
            "message_posted",
            gettext_lazy("A message in one of your deals"),
            Delivery.IMMEDIATE,
            _message,
        ),
        Kind(
            "nda_proposed",
            gettext_lazy("An NDA text proposed in a deal"),
            Delivery.IMMEDIATE,
            _nda_proposed,
        ),
        Kind(
            "nda_confirmed",
            gettext_lazy("The other side confirms an NDA"),
            Delivery.IMMEDIATE,
            _nda_confirmed,
        ),
        Kind(
            "nda_in_force",
            gettext_lazy("An NDA comes into force"),
            Delivery.IMMEDIATE,
            _nda_in_force,
        ),
        Kind(
            "deal_stage_moved",
            gettext_lazy("A deal moves to another stage"),
            Delivery.IMMEDIATE,
            _stage_moved,
        ),
        Kind(
            "document_added",
            gettext_lazy("A document shared in a deal"),
            Delivery.IMMEDIATE,
            _document,
        ),
        Kind(
            "agreement_recorded",
            gettext_lazy("An agreement recorded in a deal"),
            Delivery.IMMEDIATE,
            _agreement,
        ),
        Kind(
            "obligation_due",
            gettext_lazy("A post-deal obligation falls due"),
            Delivery.IMMEDIATE,
            _obligation,
        ),
        Kind(
            "listing_expiring",
            gettext_lazy("One of your listings is about to expire"),
            Delivery.IMMEDIATE,
            _listing_expiring,
        ),
        Kind(
            "join_requested",
            gettext_lazy("Someone asks to join your organisation"),
            Delivery.IMMEDIATE,
            _join_requested,
        ),
        Kind(
            "join_request_decided",
            gettext_lazy("Your request to join an organisation is decided"),
            Delivery.IMMEDIATE,
            _join_request_decided,
        ),
        Kind(
            "booking_requested",
            gettext_lazy("Someone asks to book an instrument you manage"),
            Delivery.IMMEDIATE,
            _booking_requested,
        ),
        Kind(
            "booking_made",
            gettext_lazy("Someone books an instrument you manage that needs no approval"),
            Delivery.DIGEST,
            _booking_made,
        ),
        Kind(
            "booking_decided",
            gettext_lazy("Your booking request is approved or declined"),
            Delivery.IMMEDIATE,
            _booking_decided,
        ),
        Kind(
            "booking_cancelled",
            gettext_lazy("A booking you made or manage is cancelled"),
            Delivery.IMMEDIATE,
            _booking_cancelled,
        ),
    )
}


def render(notification: Notification) -> Rendered:
    """The notification's text in the active language."""
    return KINDS[notification.kind].render(notification)
