"""Stored match suggestions with their reasons and users' feedback, saved searches, and the
alerts both produce (shown in the app and sent in each user's e-mail digest)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MatchStrength(models.TextChoices):
    """A suggestion's label, from how much of the source's core subject it covers."""

    STRONG = "strong", _("Strong match")
    GOOD = "good", _("Good match")
    POSSIBLE = "possible", _("Possible match")


class Suggestion(models.Model):
    """``candidate`` suggested for ``source`` (an offer for a need, a need for an offer),
    refreshed by a background task whenever either side changes."""

    source = models.ForeignKey(
        "catalogue.Listing",
        verbose_name=_("listing"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    candidate = models.ForeignKey(
        "catalogue.Listing",
        verbose_name=_("suggested listing"),
        on_delete=models.CASCADE,
        related_name="suggested_for",
    )
    score = models.FloatField(_("score"))
    relevance = models.FloatField(_("text relevance"))
    factor = models.FloatField(_("compatibility factor"))
    reasons = models.JSONField(_("reasons"), default=dict)
    is_strong = models.BooleanField(_("strong match"), default=False)
    label = models.CharField(
        _("strength"), max_length=10, choices=MatchStrength.choices, default=MatchStrength.POSSIBLE
    )
    created_at = models.DateTimeField(_("first suggested"), default=timezone.now)
    refreshed_at = models.DateTimeField(_("refreshed"), default=timezone.now)

    class Meta:
        verbose_name = _("match suggestion")
        verbose_name_plural = _("match suggestions")
        ordering = ["source_id", "-score"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "candidate"], name="matching_suggestion_pair_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("candidate")), name="matching_suggestion_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.candidate_id} ({self.score:.2f})"


class SuggestionFeedback(models.Model):
    """One user's verdict on one suggestion: useful or not."""

    suggestion = models.ForeignKey(
        Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    useful = models.BooleanField(_("useful"))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("suggestion feedback")
        verbose_name_plural = _("suggestion feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "user"], name="matching_feedback_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {'useful' if self.useful else 'not useful'}"


class SavedSearch(models.Model):
    """A search a user keeps; new published listings it finds become alerts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    query = models.CharField(_("search words"), max_length=300)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    checked_at = models.DateTimeField(_("last checked"), default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.query


class Alert(models.Model):
    """Something new for a user: a strong match for their listing or a saved search's hit."""

    class Kind(models.TextChoices):
        MATCH = "match", _("New strong match")
        SAVED_SEARCH = "saved_search", _("New result of a saved search")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    listing = models.ForeignKey(
        "catalogue.Listing", verbose_name=_("listing"), on_delete=models.CASCADE, related_name="+"
    )
    suggestion = models.ForeignKey(
        Suggestion, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    saved_search = models.ForeignKey(
        SavedSearch, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "listing", "suggestion"],
                name="matching_alert_once_per_match",
                condition=Q(kind="match"),
            ),
            models.UniqueConstraint(
                fields=["user", "saved_search", "listing"],
                name="matching_alert_once_per_search_hit",
                condition=Q(kind="saved_search"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.listing_id}"


class SearchChange(models.Model):
    """One entry of the search change log (transactional outbox): a write that changes what
    search shows, appended in the same transaction as the write.

    Sequence numbers come from :class:`SearchLogState`, taken under its row lock, so they have
    no gaps and follow commit order: a follower that has applied sequence N has seen every
    change numbered up to N. Each node's follower re-reads what changed and replaces its
    documents, so entries carry only what changed, never content.
    """

    sequence = models.BigIntegerField(_("sequence"), primary_key=True)
    listing = models.ForeignKey(
        "catalogue.Listing",
        verbose_name=_("listing"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    expert = models.ForeignKey(
        "experts.ExpertProfile",
        verbose_name=_("expert profile"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    committed_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("search change")
        verbose_name_plural = _("search changes")
        ordering = ["sequence"]
        constraints = [
            models.CheckConstraint(
                condition=Q(listing__isnull=False)
                | Q(organisation__isnull=False)
                | Q(expert__isnull=False),
                name="matching_searchchange_names_a_record",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.sequence}"


class SearchLogState(models.Model):
    """The search change log's one row: the last sequence handed out (its row lock orders the
    writers) and the sequence up to which entries were pruned."""

    last_sequence = models.BigIntegerField(_("last sequence"), default=0)
    pruned_through = models.BigIntegerField(_("pruned through"), default=0)

    class Meta:
        verbose_name = _("search change log")
        verbose_name_plural = _("search change log")
        constraints = [
            models.CheckConstraint(
                condition=Q(pruned_through__lte=F("last_sequence")),
                name="matching_searchlogstate_pruned_within_log",
            )
        ]

    def __str__(self) -> str:
        return f"{self.last_sequence} (pruned through {self.pruned_through})"


class IndexNode(models.Model):
    """A node's search index replica, registered by its follower with a heartbeat.

    Log entries are pruned once every node heard from recently is past them; a node silent
    for longer than ``TECHBRIDGE_INDEX_NODE_SILENCE`` no longer holds pruning back (it
    rebuilds from a snapshot when it comes back).
    """

    name = models.CharField(_("name"), max_length=64, unique=True)
    hostname = models.CharField(_("host name"), max_length=200)
    index_path = models.CharField(_("index directory"), max_length=500)
    checkpoint = models.BigIntegerField(_("applied through"), default=0)
    beat_at = models.DateTimeField(_("last heartbeat"), default=timezone.now)

    class Meta:
        verbose_name = _("search index node")
        verbose_name_plural = _("search index nodes")

    def __str__(self) -> str:
        return f"{self.hostname} {self.index_path}"
