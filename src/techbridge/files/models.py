"""Files kept in the platform's database by ``DatabaseStorage``."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    """One file's whole content, in the database every node shares.

    Any node reads the same bytes, and a file is written in the transaction of the rows that
    refer to it, so it commits or rolls back with them. Rows are written and read only through
    ``techbridge.files.storage.DatabaseStorage``; a stored file is never changed, only deleted.
    Query with ``.defer("content")`` unless the bytes are wanted: a document is up to 20 MB.
    """

    name = models.CharField(_("name"), max_length=300)
    content = models.BinaryField(_("content"))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="files_storedfile_name_unique"),
            models.CheckConstraint(
                condition=Q(size=Length("content")), name="files_storedfile_size_is_content_length"
            ),
        ]

    def __str__(self) -> str:
        return self.name
