"""Write operations on listings. Views, API, admin, commands and tasks call only these."""

from techbridge.catalogue.services.editing import (
    ListingInput,
    TextInput,
    listing_create,
    listing_update,
)
from techbridge.catalogue.services.lifecycle import (
    listing_archive,
    listing_expire_due,
    listing_notify_expiring,
    listing_publish,
    listing_put_on_hold,
    listing_renew,
    listing_resume,
    listing_return_to_draft,
    listing_submit_for_review,
)

__all__ = [
    "ListingInput",
    "TextInput",
    "listing_archive",
    "listing_create",
    "listing_expire_due",
    "listing_notify_expiring",
    "listing_publish",
    "listing_put_on_hold",
    "listing_renew",
    "listing_resume",
    "listing_return_to_draft",
    "listing_submit_for_review",
    "listing_update",
]
