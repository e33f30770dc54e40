"""Signed unsubscribe tokens: whoever holds one may turn the named kinds off for its user
(RFC 8058 one-click), without logging in. They do not expire: an old e-mail's link must
still work."""

from __future__ import annotations

from django.core import signing

SALT = "techbridge.notifications.unsubscribe"


def unsubscribe_token(user_id: int, kinds: list[str]) -> str:
    return signing.dumps({"u": user_id, "k": sorted(set(kinds))}, salt=SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, list[str]] | None:
    """(user id, kinds), or None for a token that was not signed by us."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, kinds = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or not isinstance(kinds, list):
        return None
    return user_id, [str(kind) for kind in kinds]
