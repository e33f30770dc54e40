from techbridge.pipeline.models.audit import DealEvent
from techbridge.pipeline.models.deal import Deal
from techbridge.pipeline.models.records import (
    NDA,
    Agreement,
    ContactConsent,
    DealDocument,
    DealMessage,
    IdempotencyKey,
    NDATemplate,
    Obligation,
)

__all__ = [
    "NDA",
    "Agreement",
    "ContactConsent",
    "Deal",
    "DealDocument",
    "DealEvent",
    "DealMessage",
    "IdempotencyKey",
    "NDATemplate",
    "Obligation",
]
