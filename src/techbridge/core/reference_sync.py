"""Bring the reference tables in line with the reference data shipped in the code.

Idempotent: rows are created or updated by their natural key, never deleted, so an
administrator's additions survive. Takes an app registry so that the same function serves
data migrations (historical models) and the ``sync_reference_data`` command (live models).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.reference_data import INSTITUTIONS
from techbridge.catalogue.choices import PartnershipType
from techbridge.catalogue.reference_data import SECTORS
from techbridge.catalogue.reference_trl import TRL_LEVELS
from techbridge.programme.reference_data import AREAS, MECHANISMS, PRIMARY_MECHANISM


def _names(en: str, hant: str, hans: str) -> dict[str, str]:
    return {"name_en": en, "name_zh_hant": hant, "name_zh_hans": hans}


def sync_reference_data(apps: Any) -> dict[str, int]:
    """Create or update every reference row; return how many rows each table now holds."""
    Mechanism = apps.get_model("programme", "Mechanism")
    CooperationArea = apps.get_model("programme", "CooperationArea")
    TRLLevel = apps.get_model("catalogue", "TRLLevel")
    PartnershipTypeRef = apps.get_model("catalogue", "PartnershipTypeRef")
    Sector = apps.get_model("catalogue", "Sector")
    Organisation = apps.get_model("accounts", "Organisation")

    with transaction.atomic():
        for code, en, hant, hans, year, city, primary in MECHANISMS:
            Mechanism.objects.update_or_create(
                code=code,
                defaults={
                    **_names(en, hant, hans),
                    "established_year": year,
                    "partner_city_en": city,
                    "is_primary": primary,
                },
            )
        primary_mechanism = Mechanism.objects.get(code=PRIMARY_MECHANISM)
        for position, (code, en, hant, hans) in enumerate(AREAS, start=1):
            CooperationArea.objects.update_or_create(
                mechanism=primary_mechanism,
                code=code,
                defaults={**_names(en, hant, hans), "position": position},
            )
        for level, en, hant, hans, een, maturity in TRL_LEVELS:
            TRLLevel.objects.update_or_create(
                level=level,
                defaults={**_names(en, hant, hans), "een_stage": een, "maturity_stage": maturity},
            )
        for position, code in enumerate(PartnershipType.values, start=1):
            PartnershipTypeRef.objects.update_or_create(code=code, defaults={"position": position})
        for code, en, hant, hans in SECTORS:
            Sector.objects.update_or_create(code=code, defaults=_names(en, hant, hans))
        for institution in INSTITUTIONS:
            Organisation.objects.update_or_create(
                slug=institution.key,
                defaults={
                    "name_en": institution.names.get("en", ""),
                    "name_zh_hant": institution.names.get("zh-hant", ""),
                    "name_zh_hans": institution.names.get("zh-hans", ""),
                    "org_type": institution.org_type,
                    "region": institution.region,
                    "website": institution.website,
                    "is_reference": True,
                },
                # Real institutions are verified when first loaded; an administrator may
                # later withdraw that, and a re-sync must not silently restore it.
                create_defaults={
                    "name_en": institution.names.get("en", ""),
                    "name_zh_hant": institution.names.get("zh-hant", ""),
                    "name_zh_hans": institution.names.get("zh-hans", ""),
                    "org_type": institution.org_type,
                    "region": institution.region,
                    "website": institution.website,
                    "is_reference": True,
                    "is_verified": True,
                    "verified_at": timezone.now(),
                },
            )
    return {
        "mechanisms": Mechanism.objects.count(),
        "areas": CooperationArea.objects.count(),
        "trl_levels": TRLLevel.objects.count(),
        "partnership_types": PartnershipTypeRef.objects.count(),
        "sectors": Sector.objects.count(),
        "reference_organisations": Organisation.objects.filter(is_reference=True).count(),
    }
