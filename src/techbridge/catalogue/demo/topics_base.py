"""The shape of a hand-written demo technology topic, from which listings are composed.

A topic describes one concrete technology in each of the three languages: what it is, where
it is used, why it is better, and how an enterprise on the demand side would phrase its need.
The composer turns each topic into an offer, a request, an R&D partner request and an expert
profile, choosing languages by the side that writes each listing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Version:
    """One language version of a topic. Every field is a complete phrase or sentence."""

    name: str  # noun phrase naming the technology, usable as a title
    what: str  # what it is and how it works
    use: str  # where it is applied
    edge: str  # why it beats the alternatives
    need: str  # how an enterprise would describe its need for it
    keywords: str  # "|"-separated technology keywords

    def keyword_tuple(self) -> tuple[str, ...]:
        return tuple(k.strip() for k in self.keywords.split("|") if k.strip())


@dataclass(frozen=True)
class Topic:
    key: str
    side: str  # "hk" or "cq": where the technology comes from
    owner: str  # key of the organisation offering it
    seeker: str  # key of the enterprise that needs it
    areas: tuple[str, ...]  # programme area codes
    sectors: tuple[str, ...]  # sector codes
    trl: int  # maturity of the offered technology
    ip: str  # catalogue.choices.IPStatus value of the offer
    en: Version
    hant: Version
    hans: Version

    def version(self, language: str) -> Version:
        return {"en": self.en, "zh-hant": self.hant, "zh-hans": self.hans}[language]


V = Version
