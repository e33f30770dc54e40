"""``makemessages`` without msgmerge's fuzzy matching.

A new message similar to an old one would otherwise inherit the old translation marked fuzzy
(e.g. "Revoke" taking "revoked"'s); an empty entry is honest and the completeness check
names it.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
