"""Shared wording for composing demo listing texts: maturity stages, partnership and IP phrases.

The maturity ladder beside TRL follows the Chinese convention 概念/实验室/小试/中试/产业化.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .topics_base import Version

STAGES: dict[str, tuple[str, ...]] = {
    # index = TRL - 1
    "en": (
        "concept",
        "concept",
        "laboratory",
        "laboratory",
        "small-scale trial",
        "pilot",
        "pilot",
        "industrialisation",
        "industrialisation",
    ),
    "zh-hant": ("概念", "概念", "實驗室", "實驗室", "小試", "中試", "中試", "產業化", "產業化"),
    "zh-hans": ("概念", "概念", "实验室", "实验室", "小试", "中试", "中试", "产业化", "产业化"),
}

PARTNERSHIPS: dict[str, dict[str, str]] = {
    "en": {
        "licence": "licensing",
        "assignment": "assignment of the patents",
        "joint_rd": "joint development",
        "technical_service": "technical services",
        "investment": "investment",
        "manufacturing": "manufacturing with know-how transfer",
    },
    "zh-hant": {
        "licence": "技術授權",
        "assignment": "專利轉讓",
        "joint_rd": "合作研發",
        "technical_service": "技術服務",
        "investment": "投資合作",
        "manufacturing": "生產技術轉移",
    },
    "zh-hans": {
        "licence": "技术许可",
        "assignment": "专利转让",
        "joint_rd": "联合研发",
        "technical_service": "技术服务",
        "investment": "投资入股",
        "manufacturing": "委托生产及工艺转移",
    },
}

IP_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "patent_granted": "Granted invention patents protect the core method.",
        "patent_applied": "Patent applications have been filed in the main markets.",
        "know_how": "Protocols, process know-how and training are transferred together.",
        "copyright": "Software copyright is registered; source-code escrow can be arranged.",
        "design_rights": "The product designs are registered.",
        "other": "The new varieties are protected by plant variety rights.",
    },
    "zh-hant": {
        "patent_granted": "核心方法已獲發明專利保護。",
        "patent_applied": "已於主要市場提交專利申請。",
        "know_how": "可連同操作規程、工藝訣竅及培訓一併轉移。",
        "copyright": "軟件已登記版權，可安排源代碼託管。",
        "design_rights": "產品外觀設計已經註冊。",
        "other": "新品種受植物品種權保護。",
    },
    "zh-hans": {
        "patent_granted": "核心方法已获发明专利授权。",
        "patent_applied": "已在主要市场提交专利申请。",
        "know_how": "可同步转移操作规程、工艺诀窍并提供培训。",
        "copyright": "软件已登记著作权，可安排源代码托管。",
        "design_rights": "产品外观设计已获专利授权。",
        "other": "新品种已获植物新品种权保护。",
    },
}

ANONYMOUS_OWNER: dict[str, dict[str, str]] = {
    "en": {"hk": "a Hong Kong research institution", "cq": "a Chongqing research institution"},
    "zh-hant": {"hk": "香港一所研究機構", "cq": "重慶一所研究機構"},
    "zh-hans": {"hk": "香港某研究机构", "cq": "重庆某研究机构"},
}


def partners_phrase(language: str, types: tuple[str, ...]) -> str:
    words = [PARTNERSHIPS[language][t] for t in types]
    if language == "en":
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return "、".join(words)


def money_phrase(language: str, amount: Decimal | None, currency: str) -> str:
    """A budget or price in the words a user of that language would write."""
    if amount is None:
        return {"en": "negotiable", "zh-hant": "面議", "zh-hans": "面议"}[language]
    if language == "en":
        return f"{currency} {amount:,.0f}"
    wan = amount / 10000
    text = f"{wan:.0f}" if wan == wan.to_integral_value() else f"{wan:.1f}"
    units = {
        "zh-hant": {"HKD": "萬港元", "CNY": "萬元人民幣", "USD": "萬美元"},
        "zh-hans": {"HKD": "万港元", "CNY": "万元", "USD": "万美元"},
    }
    return (
        f"约{text}{units[language][currency]}"
        if language == "zh-hans"
        else (f"約{text}{units[language][currency]}")
    )


def lower_first(text: str) -> str:
    """Lower-case a leading word unless it is an acronym such as AI or CRISPR."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


@dataclass(frozen=True)
class Context:
    """Everything a language template needs to write one listing text."""

    version: Version
    variant: int
    owner: str  # display name of the posting organisation, or an anonymous phrase
    trl: int | None
    partnerships: tuple[str, ...]
    ip_status: str
    budget: Decimal | None = None
    currency: str = ""
    from_owner: bool = True  # R&D requests: posted by the technology side or the need side
    years: int = 10
    staff: int = 8
    projects: int = 12

    def stage(self, language: str) -> str:
        return STAGES[language][(self.trl or 1) - 1]

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return options[self.variant % len(options)]
