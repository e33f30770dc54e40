"""The tantivy schema and the mapping from :class:`Document` to index fields.

Text is analysed in Python (see :mod:`techbridge.engine.text`) and handed to tantivy as
space-separated terms with a whitespace tokenizer, so documents and queries share one
analyzer and tantivy only does what it is best at: postings, BM25 and top-k collection.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import tantivy

from techbridge.engine.documents import (
    FIELD_WEIGHTS,
    STRING_FACETS,
    TEXT_FIELDS,
    TRANSLATION_WEIGHT,
    Document,
)
from techbridge.engine.text.analyzer import Analyzer

#: Raised whenever what a document puts in the index changes (fields, analysis, dictionary
#: senses): a node finding an index of another version rebuilds it from the database. 5: British
#: spellings are indexed in American spelling, and English → Chinese senses ranked anew. 6: 不是
#: ("is not") is no longer glossed as the noun ("fault") in a document's translation. 7: a
#: document's translation keeps four senses of each word and four glosses of a Chinese one.
#: 8: a document's English words are translated as written, not by stem, and an adjective
#: with no sense of its own takes its noun's (inflationary → 通货膨胀); a sense the segmenter
#: does not know glosses a document (quarterback → 四分卫). 9: a word CC-CEDICT defines after
#: a comma translates (喇嘛 "lama, spiritual teacher…"), and a name's last word in its own
#: pinyin is no surname (yuan is not 屈原); only a person's name is reachable by its last word
#: (area is not 大湾区); the glossary's countries; Latin words lose their accents (Temüjin);
#: a counted measure word is no head (两个 is not "individual").
SCHEMA_VERSION = 9
#: The one scored text field: every text field's terms, each repeated by its field weight.
TEXT = "text"
TERMS_TOKENIZER = "techbridge_terms"
KEYWORD_FACETS: tuple[str, ...] = ("kind", *STRING_FACETS, "tier", "owner")


def build_schema() -> tantivy.Schema:
    """Fields: id, stored source JSON, the weighted text, facets, TRL."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_bytes_field("source", stored=True, indexed=False)
    # Term frequencies are all BM25 needs; positions would double the index size.
    builder.add_text_field(TEXT, tokenizer_name=TERMS_TOKENIZER, index_option="freq")
    for name in KEYWORD_FACETS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_integer_field("trl", indexed=True, fast=True)
    return builder.build()


def terms_analyzer() -> tantivy.TextAnalyzer:
    """Whitespace splitting only: the terms arrive fully analysed."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def field_of(name: str) -> str:
    """Index field of a document text field: title and summary keep theirs, the rest is body."""
    if name in ("title", "summary", "keywords"):
        return name
    return "body"


def to_tantivy(
    document: Document,
    analyzer: Analyzer,
    glosser: Callable[[list[str]], list[str]] | None = None,
) -> tantivy.Document:
    """Analyse every language version of every field into the weighted text; with a
    ``glosser`` (words → their translations' terms), add each text's dictionary
    translation at :data:`TRANSLATION_WEIGHT`."""
    fields: dict[str, list[str]] = {name: [] for name in TEXT_FIELDS}
    glosses: list[str] = []
    for texts in document.texts.values():
        for name, text in texts.items():
            if glosser is None:
                fields[field_of(name)].extend(analyzer.index_terms(text))
                continue
            terms, words = analyzer.index_terms_and_words(text)
            fields[field_of(name)].extend(terms)
            glosses.extend(glosser(words))
    for keyword in document.keywords:
        fields["keywords"].extend(analyzer.index_terms(keyword))
    values: dict[str, object] = {
        "id": document.id,
        "source": json.dumps(document.to_json(), ensure_ascii=False).encode("utf-8"),
        "owner": document.owner or "-",
    }
    # A term counts its field's weight times: each field's terms joined once, then repeated.
    weighted = [(" ".join(terms) + " ") * FIELD_WEIGHTS[name] for name, terms in fields.items()]
    weighted.append((" ".join(glosses) + " ") * TRANSLATION_WEIGHT)
    text = "".join(weighted).strip()
    if text:
        values[TEXT] = text
    for name in ("kind", *STRING_FACETS, "tier"):
        facet = document.facet_values(name)
        if facet:
            values[name] = facet
    if document.trl is not None:
        values["trl"] = document.trl
    return tantivy.Document(**values)


def from_source(source: bytes) -> Document:
    """Rebuild the original document from its stored JSON."""
    data = json.loads(source.decode("utf-8"))
    return Document.from_json(data)
