"""Writes of the pipeline: views, the API, the admin and tasks call these."""

from techbridge.pipeline.services.agreements import (
    AgreementInput,
    agreement_record,
    agreement_registration_record,
    obligation_add,
    obligation_mark_done,
)
from techbridge.pipeline.services.audit import audit_verify, event_append
from techbridge.pipeline.services.deals import (
    deal_advance,
    deal_export_classify,
    deal_express_interest,
    refusal_message,
)
from techbridge.pipeline.services.exchange import (
    contact_consent_give,
    deal_document_download,
    deal_document_upload,
    deal_message_post,
)
from techbridge.pipeline.services.nda import nda_choose_law, nda_confirm, nda_use_uploaded

__all__ = [
    "AgreementInput",
    "agreement_record",
    "agreement_registration_record",
    "audit_verify",
    "contact_consent_give",
    "deal_advance",
    "deal_document_download",
    "deal_document_upload",
    "deal_export_classify",
    "deal_express_interest",
    "deal_message_post",
    "event_append",
    "nda_choose_law",
    "nda_confirm",
    "nda_use_uploaded",
    "obligation_add",
    "obligation_mark_done",
    "refusal_message",
]
