"""Shape and composition of demo research facilities (instruments open to outside users)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .spec import DemoListing, DemoText


@dataclass(frozen=True)
class FacilityVersion:
    name: str  # instrument or platform name
    what: str  # what it is and its key specification
    use: str  # typical analyses and users
    access: str  # booking and training rules


@dataclass(frozen=True)
class Facility:
    key: str
    owner: str
    areas: tuple[str, ...]
    sectors: tuple[str, ...]
    hourly_fee: Decimal
    currency: str
    en: FacilityVersion
    zh: FacilityVersion  # Traditional Chinese for Hong Kong owners, Simplified for Chongqing
    zh_language: str  # "zh-hant" or "zh-hans"
    keywords: tuple[str, ...] = ()

    def versions(self) -> tuple[tuple[str, FacilityVersion], ...]:
        return (("en", self.en), (self.zh_language, self.zh))


FV = FacilityVersion

_FEE_WORDS = {
    "en": "Standard rate {currency} {fee:,.0f} per hour for external users; academic and "
    "cross-boundary cooperation projects receive a reduced rate.",
    "zh-hant": "校外用戶標準收費每小時{fee:,.0f}{unit}；學術機構及跨境合作項目可享優惠收費。",
    "zh-hans": "校外用户标准收费每小时{fee:,.0f}{unit}，高校及跨境合作项目享受优惠价格。",
}
_UNITS = {
    "zh-hant": {"HKD": "港元", "CNY": "元人民幣", "USD": "美元"},
    "zh-hans": {"HKD": "港元", "CNY": "元", "USD": "美元"},
}


def _text(language: str, v: FacilityVersion, f: Facility) -> DemoText:
    fee = _FEE_WORDS[language].format(
        currency=f.currency, fee=f.hourly_fee, unit=_UNITS.get(language, {}).get(f.currency, "")
    )
    sep = " " if language == "en" else ""
    return DemoText(
        language=language,
        title=v.name,
        summary=v.what,
        description=f"{v.what}{sep}{v.use}",
        advantages=fee,
        requirements=v.access,
    )


def facility_listings(facilities: tuple[Facility, ...], start: int = 0) -> list[DemoListing]:
    out = []
    for i, f in enumerate(facilities):
        # Hong Kong owners write in English, Traditional Chinese or both; Chongqing owners
        # mostly in Simplified Chinese, sometimes with English.
        if f.zh_language == "zh-hant":
            plan = (("en",), ("en", "zh-hant"), ("zh-hant", "en"))[i % 3]
        else:
            plan = (("zh-hans",), ("zh-hans", "en"))[i % 2]
        versions = dict(f.versions())
        texts = tuple(_text(lang, versions[lang], f) for lang in plan)
        out.append(
            DemoListing(
                external_ref=f"DEMO-FAC-{start + i + 1:04d}",
                kind="facility",
                owner_key=f.owner,
                texts=texts,
                areas=f.areas,
                keywords=f.keywords,
                sectors=f.sectors,
                trl=None,
                ip_status="none",
                partnership_types=("technical_service",),
                price_terms="fixed",
                price_amount=f.hourly_fee,
                currency=f.currency,
            )
        )
    return out
