"""Closed vocabularies of the pipeline and the deal-type crosswalk.

The crosswalk (docs/deal-types.md explains it) maps each deal type to the catalogue's
partnership type, to the kind of agreement in the Enterprise Europe Network's partnership
records, and to the contract class of the mainland's Civil Code (技术开发 / 技术转让 /
技术许可 / 技术咨询 / 技术服务), which decides whether technology-contract registration
(技术合同认定登记) applies. ``counts_as_transfer`` follows EEN's definition of an achieved
transfer: a signed licence, assignment, joint-venture, manufacturing or technical-assistance
agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.pipeline.transitions import Event, Outcome, Stage


class StageChoice(models.TextChoices):
    INTEREST = Stage.INTEREST.value, _("Expression of interest")
    SCREENING = Stage.SCREENING.value, _("Screening by the owner")
    NDA = Stage.NDA.value, _("Non-disclosure agreement")
    DUE_DILIGENCE = Stage.DUE_DILIGENCE.value, _("Due diligence")
    NEGOTIATION = Stage.NEGOTIATION.value, _("Negotiation")
    SIGNED = Stage.SIGNED.value, _("Agreement signed")
    OBLIGATIONS = Stage.OBLIGATIONS.value, _("Post-deal obligations")
    CLOSED = Stage.CLOSED.value, _("Closed")


class OutcomeChoice(models.TextChoices):
    OPEN = Outcome.OPEN.value, _("Open")
    WON = Outcome.WON.value, _("Won")
    LOST = Outcome.LOST.value, _("Lost")
    WITHDRAWN = Outcome.WITHDRAWN.value, _("Withdrawn")


EVENT_LABELS = {
    Event.SCREEN: _("Start screening"),
    Event.ACCEPT: _("Accept and move to NDA"),
    Event.DECLINE: _("Decline"),
    Event.NDA_IN_FORCE: _("NDA in force"),
    Event.NEGOTIATE: _("Start negotiation"),
    Event.SIGN: _("Mark the agreement signed"),
    Event.START_OBLIGATIONS: _("Start post-deal obligations"),
    Event.CLOSE_WON: _("Close as won"),
    Event.CLOSE_LOST: _("Close as lost"),
    Event.WITHDRAW: _("Withdraw"),
}


# What each verb of a deal's history means to a reader. The JSON-lines export keeps the raw
# verbs; the deal page shows these.
VERB_LABELS = {
    "interest_expressed": _("Interest expressed"),
    "message_posted": _("Message sent"),
    Event.SCREEN.value: _("Screening started"),
    Event.ACCEPT.value: _("Accepted: NDA stage"),
    Event.DECLINE.value: _("Declined"),
    Event.NDA_IN_FORCE.value: _("NDA in force"),
    Event.NEGOTIATE.value: _("Negotiation started"),
    Event.SIGN.value: _("Agreement marked signed"),
    Event.START_OBLIGATIONS.value: _("Post-deal obligations started"),
    Event.CLOSE_WON.value: _("Closed as won"),
    Event.CLOSE_LOST.value: _("Closed as lost"),
    Event.WITHDRAW.value: _("Withdrawn"),
    "nda_proposed": _("Standard NDA proposed"),
    "nda_confirmed": _("NDA confirmed"),
    "nda_law_chosen": _("NDA governing law changed"),
    "nda_pdf_stored": _("Agreed NDA stored as PDF"),
    "nda_uploaded": _("Signed NDA uploaded"),
    "disclosed": _("Confidential detail released"),
    "confidential_viewed": _("Confidential detail viewed"),
    "document_uploaded": _("Document uploaded"),
    "document_downloaded": _("Document downloaded"),
    "contact_consent_given": _("Contact details shared"),
    "export_classified": _("Export classification recorded"),
    "agreement_recorded": _("Agreement recorded"),
    "agreement_corrected": _("Agreement corrected"),
    "registration_recorded": _("Technology-contract registration recorded"),
    "obligation_added": _("Obligation added"),
    "obligation_reminded": _("Obligation reminder sent"),
    "obligation_done": _("Obligation done"),
}


def verb_label(verb: str) -> str:
    """A history verb in the reader's language (an unknown verb as it is)."""
    label = VERB_LABELS.get(verb)
    return str(label) if label is not None else verb


class ExportClassification(models.TextChoices):
    """The mainland's Catalogue of Technologies Prohibited or Restricted from Export."""

    PROHIBITED = "prohibited", _("Prohibited from export")
    RESTRICTED = "restricted", _("Restricted: export licence needed")
    FREE = "free", _("Freely exportable")


class NDAKind(models.TextChoices):
    STANDARD = "standard", _("Platform standard NDA, confirmed by both parties")
    UPLOADED = "uploaded", _("Signed NDA uploaded as a PDF")


class GoverningLaw(models.TextChoices):
    """Law and forum of the standard NDA, chosen when it is requested; both parties confirm
    the text with the choice in it."""

    HK_COURTS = "hk_courts", _("Hong Kong law, Hong Kong courts")
    HK_HKIAC = "hk_hkiac", _("Hong Kong law, HKIAC arbitration in Hong Kong")
    PRC_CIETAC = "prc_cietac", _("PRC law, CIETAC arbitration in Chongqing")


class DocumentPurpose(models.TextChoices):
    NDA = "nda", _("Signed NDA")
    DILIGENCE = "diligence", _("Due diligence material")
    AGREEMENT = "agreement", _("Agreement")
    OTHER = "other", _("Other")


class DealType(models.TextChoices):
    LICENCE = "licence", _("Licence")
    ASSIGNMENT = "assignment", _("Assignment")
    JOINT_RD = "joint_rd", _("Joint research and development")
    TECHNICAL_SERVICE = "technical_service", _("Technical service or consultancy")
    INVESTMENT = "investment", _("Investment or joint venture")
    MANUFACTURING = "manufacturing", _("Manufacturing with know-how")
    CDA_MTA = "cda_mta", _("Confidentiality or material transfer agreement")


class LicenceExclusivity(models.TextChoices):
    EXCLUSIVE = "exclusive", _("Exclusive")
    SOLE = "sole", _("Sole")
    NON_EXCLUSIVE = "non_exclusive", _("Non-exclusive")


@dataclass(frozen=True)
class DealTypeMapping:
    partnership: str  # catalogue PartnershipType code ("" for none)
    een_agreement: str  # EEN partnership-agreement type
    mainland_contract: str  # Civil Code technology-contract class ("" when not one)
    counts_as_transfer: bool


CROSSWALK: dict[str, DealTypeMapping] = {
    DealType.LICENCE: DealTypeMapping("licence", "license agreement", "技术许可", True),
    DealType.ASSIGNMENT: DealTypeMapping("assignment", "license agreement", "技术转让", True),
    DealType.JOINT_RD: DealTypeMapping(
        "joint_rd", "research cooperation agreement", "技术开发", False
    ),
    DealType.TECHNICAL_SERVICE: DealTypeMapping(
        "technical_service", "technical cooperation agreement", "技术服务", True
    ),
    DealType.INVESTMENT: DealTypeMapping("investment", "joint venture agreement", "", True),
    DealType.MANUFACTURING: DealTypeMapping(
        "manufacturing", "manufacturing agreement", "技术转让", True
    ),
    DealType.CDA_MTA: DealTypeMapping("", "", "", False),
}


def counts_as_transfer(deal_type: str) -> bool:
    mapping = CROSSWALK.get(deal_type)
    return bool(mapping and mapping.counts_as_transfer)


def registration_applies(deal_type: str, mainland_party: bool) -> bool:
    """Technology-contract registration applies to a Civil Code technology contract with a
    mainland party (it is how that party claims the tax relief on it)."""
    mapping = CROSSWALK.get(deal_type)
    return bool(mainland_party and mapping and mapping.mainland_contract)
