"""Bounds every text and number a user can send must respect, checked the same way everywhere.

A value that is accepted must also be storable in both databases and readable back, and be
writable to every export format (XML 1.0 inside XLSX refuses most control characters). So:

- text carries no control characters (Unicode category Cc): C0 controls, DEL and C1
  controls, and no lone surrogates or U+FFFE/U+FFFF (which no UTF-8 encoder or XML writer
  takes). Long texts keep tab, line feed and carriage return — authors paste paragraphs and
  tables; single-line texts (titles, names, keywords, references) refuse those too;
- decimals are finite (no NaN, no ±Infinity) and fit the ``max_digits``/``decimal_places`` of
  the column that stores them (SQLite would store 1e30 and then fail to read it back; PostgreSQL
  refuses the write);
- integers sit in a stated range.

The ``*_problem`` functions return a translated message (or None) so that any service can
collect them per field; ``TextSafetyValidator`` is the same text rule as a Django validator for
forms, serializers and model fields (in the manner of ``ProhibitNullCharactersValidator``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Characters no text of ours may hold: C0 controls except tab/LF/CR, DEL, C1 controls, lone
# surrogates and the two non-characters XML forbids.
_FORBIDDEN_IN_ANY_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)
# Single-line texts additionally refuse tab, LF, CR and the Unicode line/paragraph separators,
# which would split a title across lines in a page, an e-mail subject or a CSV reader.
_FORBIDDEN_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 (and so openpyxl) cannot store at all; exports replace these.
_ILLEGAL_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT_CHARACTER = "\ufffd"


def has_forbidden_characters(value: str, *, multiline: bool) -> bool:
    pattern = _FORBIDDEN_IN_ANY_TEXT if multiline else _FORBIDDEN_IN_LINE
    return pattern.search(value) is not None


def text_problem(
    value: Any, *, label: str = "", multiline: bool = False, max_length: int | None = None
) -> str | None:
    """Why ``value`` cannot be stored as text, or None when it can. ``label`` names the field
    in the message (e.g. "The title in English"); without it the message says "This text"."""
    name = label or _("This text")
    if not isinstance(value, str):
        return _("%(field)s must be text.") % {"field": name}
    if has_forbidden_characters(value, multiline=multiline):
        if multiline:
            return _("%(field)s contains control characters; remove them.") % {"field": name}
        return _("%(field)s contains line breaks, tabs or control characters; remove them.") % {
            "field": name
        }
    if max_length is not None and len(value) > max_length:
        return _("%(field)s is longer than %(limit)d characters.") % {
            "field": name,
            "limit": max_length,
        }
    return None


def xml_safe(value: str) -> str:
    """``value`` with what XML 1.0 cannot hold replaced, for writers that must never fail on
    a value stored before these bounds existed."""
    return _ILLEGAL_IN_XML.sub(REPLACEMENT_CHARACTER, value)


def decimal_limit(max_digits: int, decimal_places: int) -> Decimal:
    """The smallest magnitude a column of ``max_digits`` and ``decimal_places`` cannot hold:
    (14, 2) → 1000000000000, so 999999999999.99 is the largest storable value."""
    return Decimal(10) ** (max_digits - decimal_places)


def decimal_problem(
    value: Any,
    *,
    max_digits: int,
    decimal_places: int,
    minimum: Decimal | None = None,
) -> str | None:
    """Why ``value`` cannot be stored in a decimal column of the given shape, or None."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return _("Enter a number.")
    number = Decimal(value)
    if not number.is_finite():
        return _("Enter a finite number.")
    if minimum is not None and number < minimum:
        return _("Enter a number of at least %(minimum)s.") % {"minimum": minimum}
    if abs(number) >= decimal_limit(max_digits, decimal_places):
        return _("Enter a number below %(limit)s.") % {
            "limit": f"{decimal_limit(max_digits, decimal_places):,}"
        }
    try:
        exact = number.quantize(Decimal(1).scaleb(-decimal_places))
    except InvalidOperation:  # pragma: no cover - magnitude is bounded above
        return _("Enter a number.")
    if exact != number:
        return _("Use at most %(places)d decimal places.") % {"places": decimal_places}
    return None


def integer_problem(value: Any, *, minimum: int, maximum: int) -> str | None:
    """Why ``value`` is not a whole number in ``minimum..maximum``, or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return _("Enter a whole number.")
    if not minimum <= value <= maximum:
        return _("Enter a whole number from %(minimum)d to %(maximum)d.") % {
            "minimum": minimum,
            "maximum": maximum,
        }
    return None


@deconstructible
class TextSafetyValidator:
    """Refuses control characters (and, for single-line text, line breaks and tabs).

    Django's ``ProhibitNullCharactersValidator`` refuses only NUL; a vertical tab or an
    escape character is accepted there and breaks the XLSX export afterwards.
    """

    code = "control_characters"

    def __init__(self, multiline: bool = True) -> None:
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        text = value if isinstance(value, str) else str(value)
        if has_forbidden_characters(text, multiline=self.multiline):
            raise ValidationError(self.message, code=self.code)

    @property
    def message(self) -> Any:
        if self.multiline:
            return gettext_lazy("This text contains control characters; remove them.")
        return gettext_lazy(
            "This text contains line breaks, tabs or control characters; remove them."
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextSafetyValidator) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((type(self), self.multiline))
