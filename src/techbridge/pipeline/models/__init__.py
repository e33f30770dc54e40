from techbridge.pipeline.models.audit import DealEvent
from techbridge.pipeline.models.deal import Deal
from techbridge.pipeline.models.records import (
    NDA,
    Agreement,
    ContactConsent,
    CrossBorderTransfer,
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
    "CrossBorderTransfer",
    "Deal",
    "DealDocument",
    "DealEvent",
    "DealMessage",
    "IdempotencyKey",
    "NDATemplate",
    "Obligation",
]
