"""Query construction over the weighted fields, filters and facet counts.

Scoring is BM25F (tantivy's BM25, k1=1.2, b=0.75, over the one text field in which each term
counts by its field's weight: title 6, keywords 4, summary 4, body 2, a document's dictionary
translation 1; see ``documents.FIELD_WEIGHTS``). Each concept is a disjunction-max over its
alternatives, each alternative boosted by its translation weight.
Filters are non-scoring required clauses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

import tantivy

from techbridge.engine.documents import FACETS, Query
from techbridge.engine.index.schema import KEYWORD_FACETS, TEXT
from techbridge.engine.lexicon.translate import Alternative, Concept

Occur = tantivy.Occur
Q = tantivy.Query


class QueryError(ValueError):
    """A query naming an unknown facet or an invalid range."""


def text_query(schema: tantivy.Schema, concepts: list[Concept]) -> tantivy.Query | None:
    """The scoring part: OR over concepts, dis-max over each concept's alternatives."""
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for concept in concepts:
        alternatives: list[tantivy.Query] = []
        for alternative in concept.alternatives:
            alternatives.append(
                Q.boost_query(_alternative_query(schema, alternative), alternative.weight)
            )
        if len(alternatives) == 1:
            clauses.append((Occur.Should, alternatives[0]))
        elif alternatives:
            clauses.append((Occur.Should, Q.disjunction_max_query(alternatives)))
    return Q.boolean_query(clauses) if clauses else None


def _alternative_query(schema: tantivy.Schema, alternative: Alternative) -> tantivy.Query:
    return Q.boolean_query(
        [
            (_occur(alternative, i), Q.term_query(schema, TEXT, term, "freq"))
            for i, term in enumerate(alternative.terms)
        ]
    )


def _occur(alternative: Alternative, position: int) -> tantivy.Occur:
    """How one term of an alternative takes part. The bigrams standing in for a glossary
    term (跌倒检测 → 跌倒, 倒检, 检测) need its first and last together: one generic piece
    alone (检测, "testing") matched a third of the catalogue; a glossary phrase needs every
    word. Other words' bigrams and dictionary glosses stay loose: requiring them cost the
    quality benchmark's Chinese and cross-lingual figures."""
    if len(alternative.terms) < 2:
        return Occur.Should
    if alternative.anchored and position in (0, len(alternative.terms) - 1):
        return Occur.Must
    if alternative.via == "glossary" and not alternative.part:
        # A curated term is a phrase ("fall detection", "food safety"): all of its words, or
        # it is another subject. Dictionary glosses ("to form an image") stay loose.
        return Occur.Must
    return Occur.Should


#: A translated term found in more than this share of the documents is a near-stopword of the
#: index: BM25 gives it an idf of at most 1.6 (a term in one document in a million, 13.4), yet
#: its posting list is among the longest to score: on the speed benchmark's queries at
#: 1,000,000 listings such terms were a third of all postings read. Like Lucene's
#: CommonTermsQuery cutoff, they are left out of a query's translations (see
#: :func:`without_common_translations`); words as typed are always kept.
COMMON_TRANSLATION_SHARE = 0.2
#: Below this many documents no translated term is left out: scoring is cheap there, and in a
#: small catalogue one document is already a large share.
COMMON_TRANSLATION_MIN_DOCUMENTS = 10_000


def without_common_translations(
    concepts: list[Concept], doc_freq: Callable[[str], int], documents: int
) -> list[Concept]:
    """``concepts`` with the common terms (see :data:`COMMON_TRANSLATION_SHARE`) left out of a
    translated concept when another translated concept keeps a term that is not common: the
    query then still has something specific to find in the other language. A translation with
    no such company keeps its common words (体系 alone → system), so a one-word Chinese search
    still reaches English documents. Speed, not ranking, is the point (benchmarks/README.md,
    "Common translations")."""
    if documents < COMMON_TRANSLATION_MIN_DOCUMENTS:
        return concepts
    limit = COMMON_TRANSLATION_SHARE * documents
    counts: dict[str, int] = {}

    def common(term: str) -> bool:
        if term not in counts:
            counts[term] = doc_freq(term)
        return counts[term] > limit

    specific = {
        i
        for i, concept in enumerate(concepts)
        if concept.translated and any(not common(t) for a in concept.alternatives for t in a.terms)
    }
    out: list[Concept] = []
    for i, concept in enumerate(concepts):
        if not concept.translated or not specific - {i}:
            out.append(concept)
            continue
        alternatives = []
        for alternative in concept.alternatives:
            terms = tuple(t for t in alternative.terms if not common(t))
            if terms:
                alternatives.append(dataclasses.replace(alternative, terms=terms))
        if alternatives:
            out.append(dataclasses.replace(concept, alternatives=tuple(alternatives)))
    return out


def filter_clauses(
    schema: tantivy.Schema, filters: Mapping[str, Sequence[str]], trl: tuple[int, int] | None
) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """Required, zero-score clauses: values OR-ed within a facet, facets AND-ed."""
    out: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for name, values in filters.items():
        if name not in KEYWORD_FACETS:
            raise QueryError(f"unknown filter {name!r}; use one of {', '.join(KEYWORD_FACETS)}")
        wanted = [str(v) for v in values]
        out.append((Occur.Must, Q.const_score_query(Q.term_set_query(schema, name, wanted), 0.0)))
    if trl is not None:
        low, high = trl
        if not 1 <= low <= high <= 9:
            raise QueryError(f"trl_range {trl!r} must satisfy 1 <= low <= high <= 9")
        rng = Q.range_query(schema, "trl", tantivy.FieldType.Integer, low, high)
        out.append((Occur.Must, Q.const_score_query(rng, 0.0)))
    return out


def build(schema: tantivy.Schema, query: Query, concepts: list[Concept]) -> tantivy.Query:
    """Text query AND filters, minus excluded ids; with no text, every document passing the
    filters."""
    scoring = text_query(schema, concepts)
    clauses = filter_clauses(schema, query.filters, query.trl_range)
    if query.exclude:
        excluded = Q.term_set_query(schema, "id", sorted(query.exclude))
        clauses.append((Occur.MustNot, excluded))
        if scoring is None:
            clauses.append((Occur.Must, Q.all_query()))
    if scoring is None:
        if not clauses:
            return Q.all_query()
        return Q.boolean_query(clauses)
    if not clauses:
        return scoring
    return Q.boolean_query([(Occur.Must, scoring), *clauses])


def facet_counts(
    searcher: tantivy.Searcher, query: tantivy.Query, names: Sequence[str]
) -> dict[str, dict[str, int]]:
    """Counts of each facet value over all documents matching ``query``."""
    for name in names:
        if name not in FACETS and name != "owner":
            raise QueryError(f"unknown facet {name!r}; use one of {', '.join(FACETS)}")
    if not names:
        return {}
    spec = {name: {"terms": {"field": name, "size": 1000}} for name in names}
    result = searcher.aggregate(query, spec)
    out: dict[str, dict[str, int]] = {}
    for name in names:
        buckets = result.get(name, {}).get("buckets", [])
        out[name] = {str(b["key"]): int(b["doc_count"]) for b in buckets}
    return out


#: Coverage ranking applies to queries of two to this many subject words: what people type
#: into a search box. Longer texts (questions, a listing's own text in matching) are ranked by
#: BM25 alone, where requiring every word would leave nothing to rank.
MAX_COVERAGE_WORDS = 4


def coverage_requirement(
    schema: tantivy.Schema, concepts: list[Concept], generic: frozenset[str]
) -> tantivy.Query | None:
    """The documents matching every subject word of the query, in its own language or through
    a translation: ranked above the others (see ``Index._covering_first``), they put ultrasound
    tumour therapies before wastewater treatment, matched by 治疗 alone, for 超声 治疗 肿瘤, as
    web search engines rank pages with every word first.

    A subject word is a typed word of two characters or more that is not generic (seeking,
    partner, 合作); its translations stand for it, and so does a phrase translated whole
    (machine learning → 机器学习 covers both words). None when the query has fewer than two
    or more than :data:`MAX_COVERAGE_WORDS` subject words."""
    words = [
        c
        for c in concepts
        if not c.translated
        and len(c.alternatives[0].terms[0]) >= 2
        # A typed phrase (new energy vehicle) is generic only when all its words are.
        and not all(term in generic for term in c.alternatives[0].terms)
    ]
    if not 2 <= len(words) <= MAX_COVERAGE_WORDS:
        return None
    translated = [c for c in concepts if c.translated]
    groups: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for word in words:
        alternatives = list(word.alternatives)
        for other in translated:
            if _part_of(word.source, other.source):
                alternatives += other.alternatives
        # A part (a bigram of a longer word) is not the word: it does not cover it.
        clauses = [_alternative_query(schema, a) for a in alternatives if not a.part]
        groups.append((Occur.Must, Q.disjunction_max_query(clauses)))
    return Q.boolean_query(groups)


def _part_of(word: str, phrase: str) -> bool:
    """Whether ``word`` is among the words of ``phrase``: whole English words ("art" is not
    part of "smart"; "fall detection" is part of itself), a Chinese word anywhere in a compound
    (机器 in 机器学习)."""
    word, phrase = word.lower(), phrase.lower()
    if phrase.isascii():
        return set(word.split()) <= set(phrase.split())
    return word in phrase


def among(schema: tantivy.Schema, query: tantivy.Query, ids: Sequence[str]) -> tantivy.Query:
    """``query`` restricted to the documents with the given ids, unscored."""
    restricted = Q.boolean_query(
        [(Occur.Must, query), (Occur.Must, Q.term_set_query(schema, "id", list(ids)))]
    )
    return Q.const_score_query(restricted, 0.0)
