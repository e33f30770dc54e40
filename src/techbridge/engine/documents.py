"""Public value types of the engine: documents, queries, hits and their explanations.

Documents are validated on construction so that a malformed record fails loudly at the
boundary (with the offending field named) instead of producing a silently broken index.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Language = Literal["en", "zh-hant", "zh-hans"]
LANGUAGES: tuple[Language, ...] = ("en", "zh-hant", "zh-hans")

#: Free-text fields with their weight; any other text field is indexed as "body". A term in a
#: field counts ``weight`` times in the document's one scored field (BM25F, Robertson, Zaragoza
#: & Taylor 2004: weight term frequencies across fields, then saturate once, normalised by the
#: weighted length), rather than a sum of per-field BM25 scores, which over-rewards short fields:
#: a word in a distractor's title would outscore the same words throughout a relevant body.
FIELD_WEIGHTS: dict[str, int] = {"title": 6, "keywords": 4, "summary": 4, "body": 2}
#: A document's word-by-word dictionary translation counts half as much as its body: it is a
#: guess among senses, and at the body's weight it let documents in the query's language
#: outscore the others by matching twice, by their own words and by their translation.
TRANSLATION_WEIGHT = 1
FIELD_BOOSTS: dict[str, float] = {name: float(w) for name, w in FIELD_WEIGHTS.items()}
TEXT_FIELDS: tuple[str, ...] = tuple(FIELD_WEIGHTS)

#: Facets carried as sets of strings; "kind" and "tier" come from dedicated attributes.
#: ``audience`` lets a caller publish several versions of one record for different readers
#: (e.g. a public teaser and a fuller version for registered readers) and filter on the
#: reader's class, so that each reader matches, counts and sees exactly one version.
STRING_FACETS: tuple[str, ...] = (
    "area",
    "region",
    "ip_status",
    "partnership",
    "org_type",
    "audience",
)
FACETS: tuple[str, ...] = ("kind", *STRING_FACETS, "tier", "trl")

#: "expert" is a person's profile rather than a listing; callers searching listings filter on
#: the listing kinds.
KINDS: tuple[str, ...] = (
    "offer",
    "request",
    "partner",
    "expertise",
    "facility",
    "other",
    "expert",
)


class DocumentError(ValueError):
    """A document that cannot be indexed; the message names the document and the field."""


@dataclass(frozen=True)
class Document:
    """One searchable record.

    ``texts`` maps a language code to ``{field name: text}``; a listing written in English with
    a Traditional Chinese translation has two entries and is indexed in both languages.
    ``facets`` maps a name from :data:`STRING_FACETS` to one value or a list of values.
    """

    id: str
    kind: str
    texts: Mapping[str, Mapping[str, str]]
    keywords: Sequence[str] = ()
    facets: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    trl: int | None = None
    tier: int = 0
    owner: str = ""

    def __post_init__(self) -> None:
        where = f"document {self.id!r}"
        if not isinstance(self.id, str) or not self.id.strip():
            raise DocumentError(f"{where}: id must be a non-empty string")
        if self.kind not in KINDS:
            raise DocumentError(f"{where}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if not isinstance(self.texts, Mapping) or not self.texts:
            raise DocumentError(f"{where}: texts must map a language code to fields")
        for lang, fields in self.texts.items():
            if lang not in LANGUAGES:
                raise DocumentError(
                    f"{where}: language {lang!r} is not one of en, zh-hant, zh-hans"
                )
            if not isinstance(fields, Mapping):
                raise DocumentError(f"{where}: texts[{lang!r}] must map field names to text")
            for name, text in fields.items():
                if not isinstance(name, str) or not isinstance(text, str):
                    raise DocumentError(f"{where}: texts[{lang!r}][{name!r}] must be a string")
        if isinstance(self.keywords, str) or not all(isinstance(k, str) for k in self.keywords):
            raise DocumentError(f"{where}: keywords must be a list of strings")
        for name, value in self.facets.items():
            if name not in STRING_FACETS:
                raise DocumentError(
                    f"{where}: facet {name!r} is not one of {', '.join(STRING_FACETS)}"
                )
            values = [value] if isinstance(value, str) else list(value)
            if not all(isinstance(v, str) and v for v in values):
                raise DocumentError(f"{where}: facet {name!r} values must be non-empty strings")
        if self.trl is not None and (
            isinstance(self.trl, bool) or not isinstance(self.trl, int) or not 1 <= self.trl <= 9
        ):
            raise DocumentError(f"{where}: trl must be an integer from 1 to 9")
        if isinstance(self.tier, bool) or not isinstance(self.tier, int) or not 0 <= self.tier <= 3:
            raise DocumentError(f"{where}: tier must be an integer from 0 to 3")
        if not isinstance(self.owner, str):
            raise DocumentError(f"{where}: owner must be a string")
        # Canonical containers, so a document equals itself after a JSON round trip.
        object.__setattr__(self, "keywords", tuple(self.keywords))
        facets = {k: v if isinstance(v, str) else tuple(v) for k, v in self.facets.items()}
        object.__setattr__(self, "facets", facets)
        object.__setattr__(self, "texts", {k: dict(v) for k, v in self.texts.items()})

    def facet_values(self, name: str) -> list[str]:
        """Values of one facet as strings (``kind`` and ``tier`` included)."""
        if name == "kind":
            return [self.kind]
        if name == "tier":
            return [str(self.tier)]
        if name == "trl":
            return [] if self.trl is None else [str(self.trl)]
        value = self.facets.get(name, ())
        return [value] if isinstance(value, str) else list(value)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready form; :meth:`from_json` reverses it."""
        return {
            "id": self.id,
            "kind": self.kind,
            "texts": {lang: dict(fields) for lang, fields in self.texts.items()},
            "keywords": list(self.keywords),
            "facets": {k: v if isinstance(v, str) else list(v) for k, v in self.facets.items()},
            "trl": self.trl,
            "tier": self.tier,
            "owner": self.owner,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Document:
        """Build a document from :meth:`to_json` output, validating every field."""
        try:
            return cls(
                id=data["id"],  # type: ignore[arg-type]
                kind=data.get("kind", "other"),  # type: ignore[arg-type]
                texts=data["texts"],  # type: ignore[arg-type]
                keywords=data.get("keywords", ()),  # type: ignore[arg-type]
                facets=data.get("facets", {}),  # type: ignore[arg-type]
                trl=data.get("trl"),  # type: ignore[arg-type]
                tier=data.get("tier", 0),  # type: ignore[arg-type]
                owner=data.get("owner", ""),  # type: ignore[arg-type]
            )
        except KeyError as exc:
            raise DocumentError(f"document is missing {exc.args[0]!r}") from None


@dataclass(frozen=True)
class Query:
    """A search request.

    ``filters`` maps a facet name (see :data:`FACETS`, except ``trl``) to accepted values: values
    of one facet are OR-ed, facets are AND-ed. ``trl_range`` is inclusive. ``facets`` names the
    facets whose counts over the matching documents should be returned.
    """

    text: str
    language: Language | None = None
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    trl_range: tuple[int, int] | None = None
    facets: Sequence[str] = ()
    k: int = 10
    explain: bool = False
    translate: bool = True
    exclude: frozenset[str] = frozenset()
    #: Leave out the words that say what kind of listing a text is rather than what it is
    #: about (see ``lexicon.generic``): for queries built from a listing, not typed by a reader.
    drop_generic: bool = False


@dataclass(frozen=True)
class TermMatch:
    """One query term found in one field of a hit.

    ``source`` is what the user typed, ``alternative`` the word it was looked for as (the
    typed word, its other-script or regional form, or a translation), ``term`` the indexed
    form of that word, ``via`` how it was derived: ``query`` (as typed), ``script``
    (Traditional→Simplified folding), ``variant`` (regional term variant), ``glossary`` or
    ``cedict`` (cross-lingual, from the curated glossary or CC-CEDICT, with its ``weight``).
    """

    source: str
    term: str
    via: str
    field: str
    weight: float
    boost: float
    alternative: str = ""


@dataclass(frozen=True)
class Highlight:
    """A fragment of a document's original text; ``spans`` are offsets into ``text``."""

    field: str
    language: str
    text: str
    spans: tuple[tuple[int, int], ...]

    def marked(self, start: str = "<mark>", end: str = "</mark>") -> str:
        """The fragment with every span wrapped in ``start``/``end`` (no escaping)."""
        out: list[str] = []
        pos = 0
        for a, b in self.spans:
            out += [self.text[pos:a], start, self.text[a:b], end]
            pos = b
        out.append(self.text[pos:])
        return "".join(out)


@dataclass(frozen=True)
class Hit:
    """One ranked result."""

    id: str
    score: float
    highlights: tuple[Highlight, ...] = ()
    matches: tuple[TermMatch, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits, the number of matching documents and the requested facet counts."""

    hits: tuple[Hit, ...]
    total: int
    facets: Mapping[str, Mapping[str, int]]
    query_terms: tuple[tuple[str, str, str, float], ...] = ()


@dataclass(frozen=True)
class IndexStats:
    """Size and shape of an index."""

    documents: int
    segments: int
    bytes_on_disk: int
    by_kind: Mapping[str, int]
