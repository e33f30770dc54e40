"""How far this node's search index is behind the change log (read by ``/readyz``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils import timezone

from techbridge.matching.changelog import log_state
from techbridge.matching.index import IndexUnavailable, search_index
from techbridge.matching.models import SearchChange


@dataclass(frozen=True)
class IndexLag:
    checkpoint: int | None
    head: int
    behind_changes: int
    behind_seconds: float
    ready: bool
    reason: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def index_lag() -> IndexLag:
    """The node's checkpoint against the log's head, in changes and in seconds (the age of
    the oldest change not yet applied)."""
    head, pruned = log_state()
    try:
        checkpoint = search_index(create=False).checkpoint()
    except IndexUnavailable:
        checkpoint = None
    if checkpoint is None or checkpoint < pruned:
        reason = "index not built yet" if checkpoint is None else "index older than the log"
        return IndexLag(checkpoint, head, head - (checkpoint or 0), 0.0, False, reason)
    behind = max(0, head - checkpoint)
    seconds = 0.0
    if behind:
        oldest = (
            SearchChange.objects.filter(sequence__gt=checkpoint)
            .order_by("sequence")
            .values_list("committed_at", flat=True)
            .first()
        )
        if oldest is not None:
            seconds = max(0.0, (timezone.now() - oldest).total_seconds())
    too_many = behind > settings.TECHBRIDGE_READY_MAX_LAG_CHANGES
    too_old = seconds > settings.TECHBRIDGE_READY_MAX_LAG_SECONDS
    reason = "index behind the log" if too_many or too_old else ""
    return IndexLag(checkpoint, head, behind, round(seconds, 3), not reason, reason)
