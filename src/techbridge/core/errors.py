"""Errors raised by service functions; their messages are translated and safe to show."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["PermissionDenied", "ServiceValidationError"]


class ServiceValidationError(ValidationError):
    """The request is understood but breaks a business rule; nothing was changed."""
