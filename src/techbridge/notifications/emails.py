"""The e-mails: one per notification, or one digest per person; in the recipient's language,
plain text and HTML, with an absolute link to the page and a one-click unsubscribe
(RFC 8058: ``List-Unsubscribe`` with an https link and ``List-Unsubscribe-Post``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from techbridge.notifications.kinds import KINDS, render
from techbridge.notifications.links import absolute, in_language, unprefixed
from techbridge.notifications.models import Notification
from techbridge.notifications.tokens import unsubscribe_token

# The language of an e-mail, as its HTML part's ``lang`` gives it (RFC 3282 Content-Language).
LANGUAGE_TAGS = {"en": "en", "zh-hant": "zh-Hant-HK", "zh-hans": "zh-Hans-CN"}


def _unsubscribe_url(user: Any, kinds: list[str]) -> str:
    path = unprefixed("web:notifications_unsubscribe", unsubscribe_token(user.pk, kinds))
    return absolute(in_language(path, user.preferred_language))


def _item(notification: Notification, language: str) -> dict[str, Any]:
    rendered = render(notification)
    return {
        "title": rendered.title,
        "body": rendered.body,
        "url": absolute(in_language(notification.link, language)),
        "kind_label": KINDS[notification.kind].label,
    }


def _message(
    user: Any, subject: str, template: str, context: dict[str, Any], kinds: list[str]
) -> EmailMultiAlternatives:
    unsubscribe = _unsubscribe_url(user, kinds)
    context = {**context, "user": user, "unsubscribe_url": unsubscribe}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"notifications/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": LANGUAGE_TAGS.get(user.preferred_language, "en"),
        },
    )
    message.attach_alternative(
        render_to_string(f"notifications/{template}.html", context), "text/html"
    )
    return message


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    user = notification.recipient
    language = user.preferred_language
    with translation.override(language):
        item = _item(notification, language)
        return _message(
            user, item["title"], "email", {"item": item, "language": language}, [notification.kind]
        )


def notification_email_send(notification: Notification) -> None:
    """Send now and mark it e-mailed; an SMTP error propagates and nothing is marked."""
    notification_email(notification).send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def digest_email(user: Any, notifications: Sequence[Notification]) -> EmailMultiAlternatives:
    language = user.preferred_language
    kinds = sorted({notification.kind for notification in notifications})
    with translation.override(language):
        items = [_item(notification, language) for notification in notifications]
        subject = ngettext(
            "Your techbridge digest: %(count)d new notification",
            "Your techbridge digest: %(count)d new notifications",
            len(items),
        ) % {"count": len(items)}
        return _message(
            user,
            subject,
            "digest",
            {
                "items": items,
                "language": language,
                "preferences_url": absolute(in_language(unprefixed("web:notifications"), language)),
            },
            kinds,
        )
