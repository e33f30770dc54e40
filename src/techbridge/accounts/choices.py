"""Closed vocabularies for organisations and memberships."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    LABORATORY = "laboratory", _("Laboratory")
    ENTERPRISE = "enterprise", _("Enterprise")
    GOVERNMENT = "government", _("Government unit")
    INTERMEDIARY = "intermediary", _("Intermediary")


class SizeBand(models.TextChoices):
    """Enterprise size by head count, after the EU SME definition used by EEN."""

    MICRO = "micro", _("Micro (fewer than 10 staff)")
    SMALL = "small", _("Small (10–49 staff)")
    MEDIUM = "medium", _("Medium (50–249 staff)")
    LARGE = "large", _("Large (250 staff or more)")


class Region(models.TextChoices):
    HONG_KONG = "hk", _("Hong Kong")
    CHONGQING = "cq", _("Chongqing")
    MAINLAND_OTHER = "mainland", _("Other mainland China")
    INTERNATIONAL = "intl", _("International")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Organisation administrator")
    MEMBER = "member", _("Member")
    FACILITY_MANAGER = "facility_manager", _("Facility manager")
