"""Template helpers for the public pages."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from techbridge.engine import Highlight

register = template.Library()


@register.filter
def marked(highlight: Highlight) -> SafeString:
    """The fragment, HTML-escaped, with matched spans in <mark> (escape first, then mark)."""
    out: list[str] = []
    position = 0
    for start, end in highlight.spans:
        out.append(escape(highlight.text[position:start]))
        out.append(f"<mark>{escape(highlight.text[start:end])}</mark>")
        position = end
    out.append(escape(highlight.text[position:]))
    # Every piece above is escaped; only the <mark> tags are markup.
    return mark_safe("".join(out))
