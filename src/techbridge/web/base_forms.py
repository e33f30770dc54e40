"""The base of every form of the pages: no text field accepts control characters.

Django's ``CharField`` refuses only NUL (``ProhibitNullCharactersValidator``); a vertical tab
or an escape character would be stored and later break the XLSX export or a page. Each text
field of a ``TextSafeForm`` gets ``TextSafetyValidator``: a field shown as a text area keeps
tab and line breaks; a one-line field refuses those too. Passwords are left as typed (they are
never shown or exported, and refusing a character could lock out an existing user).
"""

from __future__ import annotations

from typing import Any

from django import forms

from techbridge.core.bounds import TextSafetyValidator
from techbridge.core.errors import ServiceValidationError


def guard_form_text_fields(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        if any(isinstance(validator, TextSafetyValidator) for validator in field.validators):
            continue
        multiline = isinstance(field.widget, forms.Textarea)
        # Copy: a form's fields are deep copies, but their validator lists may be shared.
        field.validators = [*field.validators, TextSafetyValidator(multiline=multiline)]


class TextSafeFormMixin:
    """Mix in before ``forms.Form``/``forms.ModelForm``; fields added in a subclass's
    ``__init__`` after ``super().__init__`` are guarded when the form is cleaned."""

    def full_clean(self) -> None:
        guard_form_text_fields(self)  # type: ignore[arg-type]
        super().full_clean()  # type: ignore[misc]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        guard_form_text_fields(self)  # type: ignore[arg-type]


class TextSafeForm(TextSafeFormMixin, forms.Form):
    """A form whose text fields refuse control characters."""


class TextSafeModelForm(TextSafeFormMixin, forms.ModelForm):
    """A model form whose text fields refuse control characters."""


def add_service_errors(form: forms.BaseForm, error: ServiceValidationError) -> None:
    """A service's refusal on the form: per field when the service named fields, else as an
    error of the whole form (a refusal built from one message has no fields)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)
