"""Amounts of money written one way everywhere: pages, mails, match reasons."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import formats


def currency_label(code: str) -> str:
    """What the pages call a currency: renminbi is "RMB" to its users, "CNY" only in ISO 4217."""
    return "RMB" if code == "CNY" else code


def format_money(amount: Any, currency: str = "") -> str:
    """An amount of money with its currency, in the active language.

    The convention, in all three languages: the currency as its users write it (``HKD``,
    ``RMB`` for ISO ``CNY``, ``USD``), a no-break space, then the amount with two decimals and
    its digits grouped as the page's language groups them: "HKD 4,200.00", "RMB 1,234,567.50".
    Codes rather than symbols, because "$" and "¥" are ambiguous across the boundary (HK$ or
    US$; renminbi or yen). No amount (None or "") prints nothing; no currency, the amount alone.
    """
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    except InvalidOperation:
        return str(amount)
    number = formats.number_format(value, decimal_pos=2, force_grouping=True)
    label = currency_label(currency or "")
    return f"{label}\u00a0{number}" if label else number
