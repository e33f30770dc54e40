"""IP rights as text: the ``ip_rights`` column of import and export files, and the owner
lines of the listing form.

One right per line, seven fields separated by ``|``::

    invention_patent|CN|ZL202310001234.5|granted|2023-01-05|2024-06-01|HKU 60; CQU 40

type, territory, number, status, filing date, grant date (ISO dates, either may be empty),
then the owners separated by ``;``, each a name followed by its share in percent (a ``%``
after it is allowed). A ``|``, ``;`` or ``\\`` inside a name or number is written with a ``\\``
before it, so that every stored value reads back unchanged. The parser only reads the shape;
whether the values are allowed (known type, shares adding up to 100) is the services' rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from techbridge.catalogue.models import IPRight
from techbridge.catalogue.services.inputs import IPRightInput

FIELD_SEPARATOR = "|"
OWNER_SEPARATOR = ";"
ESCAPE = "\\"
FIELD_COUNT = 7
# A name, at least one separator, then the share: "HKU 60", "HKU; 60", "香港大學：60%".
_SHARE = r"[\s;；,，:：]+(?P<share>[0-9]{1,3}(?:\.[0-9]{1,2})?)\s*[%％]?"
_OWNER = re.compile(r"(?P<name>.*?\S)" + _SHARE)
# The same in the file's text form, where a name may hold escaped characters ("A\; B").
_ESCAPED_OWNER = re.compile(r"(?P<name>(?:\\.|[^\\])*?(?:\\.|[^\s\\]))" + _SHARE)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class IPTextError(ValueError):
    """The text is not in the documented shape; the message is a translated sentence."""


def share_text(share: Decimal) -> str:
    """A share as people write it: 60, 33.5 (never 6E+1)."""
    return format(share.normalize(), "f")


def _escape(value: str) -> str:
    for special in (ESCAPE, FIELD_SEPARATOR, OWNER_SEPARATOR):
        value = value.replace(special, ESCAPE + special)
    return value


def _split(text: str, separator: str) -> list[str]:
    """``text`` cut at each ``separator`` that has no ``\\`` before it; escapes are kept."""
    parts, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == ESCAPE:
            current.append(char)
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def format_ip_rights(rights: Iterable[IPRight], *, with_owners: bool = True) -> str:
    """The rights of a listing in the column's text form (owners largest share first);
    without owners, the last field is left empty."""
    lines = []
    for right in rights:
        owners = f"{OWNER_SEPARATOR} ".join(
            f"{_escape(owner.name)} {share_text(owner.share_percent)}"
            for owner in (right.owners.all() if with_owners else ())
        )
        fields = (
            right.right_type,
            right.territory,
            _escape(right.number),
            right.status,
            right.filed_on.isoformat() if right.filed_on else "",
            right.granted_on.isoformat() if right.granted_on else "",
            owners,
        )
        lines.append(FIELD_SEPARATOR.join(fields))
    return "\n".join(lines)


def parse_ip_rights(text: str) -> tuple[IPRightInput, ...]:
    """The rights written in ``text``; raises ``IPTextError`` naming the first bad line."""
    rights = []
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    for number, line in enumerate((line for line in lines if line), start=1):
        try:
            rights.append(_parse_right(line))
        except IPTextError as error:
            raise IPTextError(
                _("IP right %(number)d: %(problem)s") % {"number": number, "problem": error}
            ) from error
    return tuple(rights)


def _parse_right(line: str) -> IPRightInput:
    fields = [field.strip() for field in _split(line, FIELD_SEPARATOR)]
    if len(fields) != FIELD_COUNT:
        raise IPTextError(
            _(
                "write seven fields separated by “|”: type, territory, number, status, "
                "filing date, grant date, owners."
            )
        )
    right_type, territory, number, status, filed, granted, owners = fields
    return IPRightInput(
        right_type=right_type.lower(),
        territory=territory.upper(),
        number=_unescape(number),
        status=status.lower(),
        filed_on=_date(filed, _("the filing date")),
        granted_on=_date(granted, _("the grant date")),
        owners=parse_owners(_split(owners, OWNER_SEPARATOR), escaped=True),
    )


def _date(value: str, label: str) -> date | None:
    if not value:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise IPTextError(
            _("%(label)s must be a date written as 2024-06-01.") % {"label": label}
        ) from None


def parse_owners(
    entries: Sequence[str], *, escaped: bool = False
) -> tuple[tuple[str, Decimal], ...]:
    """Owners from entries such as "HKU 60" or "HKU; 60" (blank entries skipped)."""
    owners = []
    for entry in entries:
        entry = entry.strip()
        if not entry:
            continue
        match = (_ESCAPED_OWNER if escaped else _OWNER).fullmatch(entry)
        if match is None:
            raise IPTextError(
                _("write each owner as a name followed by a share in percent, such as “HKU 60”.")
            )
        name = _unescape(match["name"]) if escaped else match["name"]
        owners.append((name.strip(), Decimal(match["share"])))
    return tuple(owners)
