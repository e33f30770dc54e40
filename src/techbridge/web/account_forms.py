"""Forms of the account pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.choices import OrganisationType, Region, SizeBand
from techbridge.web.base_forms import TextSafeForm


class PrivacyConsentForm(TextSafeForm):
    """Where the person lives and their consents to the current privacy notice; the service
    (``accounts.privacy.privacy_consent_record``) decides what is required."""

    residence_region = forms.ChoiceField(
        label=_("Where you live"), choices=[("", "—"), *Region.choices]
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree to my personal data being used as it says"
        ),
        required=False,
    )
    accept_cross_border = forms.BooleanField(
        label=_(
            "Living on the mainland: I consent separately to my personal information being "
            "provided to parties in Hong Kong, as the privacy notice explains"
        ),
        required=False,
    )


class SignUpForm(PrivacyConsentForm):
    field_order = [
        "email",
        "full_name",
        "preferred_language",
        "password1",
        "password2",
        "residence_region",
        "accept_privacy",
        "accept_cross_border",
    ]
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class OrganisationForm(TextSafeForm):
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_zh_hant = forms.CharField(
        label=_("Name in Traditional Chinese"), max_length=200, required=False
    )
    name_zh_hans = forms.CharField(
        label=_("Name in Simplified Chinese"), max_length=200, required=False
    )
    org_type = forms.ChoiceField(label=_("Type"), choices=OrganisationType.choices)
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    size_band = forms.ChoiceField(
        label=_("Size (enterprises)"), choices=[("", "—"), *SizeBand.choices], required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    about_en = forms.CharField(
        label=_("About the organisation, in English"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    about_zh_hant = forms.CharField(
        label=_("About the organisation, in Traditional Chinese"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    about_zh_hans = forms.CharField(
        label=_("About the organisation, in Simplified Chinese"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )


class PreferencesForm(TextSafeForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language and script for pages and e-mails"), choices=settings.LANGUAGES
    )
    digest_frequency = forms.ChoiceField(
        label=_("E-mail digest of new matches and saved-search results"),
        choices=[("daily", _("Daily")), ("weekly", _("Weekly")), ("never", _("Never"))],
        required=False,  # left out: unchanged
    )
