"""Structured query translation between English and Chinese.

Every source word or phrase becomes a *concept* whose translations are weighted alternatives;
the index scores a concept by the best-matching alternative (a disjunction-max), so a word
with many dictionary senses cannot flood the query. This follows Pirkola's structured query
translation (SIGIR 1998) with per-alternative weights in the spirit of probabilistic
structured queries (Darwish & Oard, SIGIR 2003). Sources, in order of trust: the curated
glossary, then CC-CEDICT: English → Chinese ranked by the headword's jieba frequency, then gloss
position; Chinese → English by gloss position.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from techbridge.engine.lexicon.cedict import Cedict, Sense, load_cedict
from techbridge.engine.lexicon.glossary import Glossary, english_key, english_words, load_glossary
from techbridge.engine.text.analyzer import Analyzer, Token
from techbridge.engine.text.english import lemma, same_word, stem

#: Senses kept for a word, in a query and in a document's dictionary translation. Four, not
#: three: XQuAD EN → ZH nDCG@10 0.8037 → 0.8061, ZH → EN 0.7809 → 0.7865, EN → EN 0.9630 →
#: 0.9620, with p95 latency unchanged at 100,000 listings and the index 2.6 % larger. More cost
#: the speed target: eight senses in queries (EN → ZH 0.8090) took p95 from 2.6 to 3.2 ms
#: (benchmarks/README.md, "Words of one stem, four senses a word").
MAX_ALTERNATIVES = 4
#: CC-CEDICT glosses of a Chinese word taken in a document's translation and in a query. The
#: document takes one more: it is what an English query finds a Chinese text by (EN → ZH
#: 0.8062 → 0.8133), while a fourth gloss in queries added little (ZH → EN +0.0007) for more
#: terms to score in every Chinese query.
DOCUMENT_GLOSSES = 4
QUERY_GLOSSES = 3
_ACRONYM_RE = re.compile(r"\b[A-Z]{2,}\b")


def _acronyms(text: str) -> frozenset[str]:
    """Index terms of the words typed in capitals (IT, US, LED): acronyms, not the function
    word or verb they spell in lower case. Text typed all in capitals says nothing of the kind."""
    text = unicodedata.normalize("NFKC", text)
    if not any(c.islower() for c in text):
        return frozenset()
    return frozenset(stem(w.lower()) for w in _ACRONYM_RE.findall(text))


def _same_words(words: tuple[str, ...], written: tuple[str, ...] | None) -> bool:
    """Whether a gloss's ``words`` are the words as ``written`` (any form of them), not only
    their stems; true when the written words are not known (a document's terms)."""
    if written is None:
        return True
    return len(words) == len(written) and all(
        _same_word_as_typed(w, g) for w, g in zip(written, words, strict=True)
    )


def _same_word_as_typed(typed: str, gloss: str) -> bool:
    """:func:`same_word`, except that a gloss in capitals (an acronym: LED) is only the word
    typed in capitals (see :func:`_acronyms`)."""
    if gloss.isupper():
        return typed == gloss
    return same_word(typed.lower(), gloss)


def _written(tokens: list[Token], acronyms: frozenset[str] = frozenset()) -> tuple[str, ...] | None:
    """The English words of ``tokens`` as typed (case-folded, acronyms in capitals); None when
    a token's surface is not its word alone (text whose folding changed its length: its
    tokens' surface is the whole text)."""
    words = tuple(t.source.upper() if t.term in acronyms else t.source for t in tokens)
    if not all(w.isalpha() and w.isascii() for w in words):
        return None
    return words


#: Endings that derive a word from another without changing what it names, and the endings of
#: that other word, most likely first: an adjective of a noun (inflationary → inflation,
#: cultural → culture), an adverb of an adjective (typically → typical, notably → notable), a
#: noun of an adjective (disobedience → disobedient), an adjective of a verb (legislative →
#: legislate). Not -able, which changes the sense (communicable is not "communication").
_DERIVATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ically", ("ical", "ic")),
    ("ily", ("y",)),
    ("ly", ("", "le")),
    ("ical", ("ic", "y", "")),
    ("ary", ("", "e", "y")),
    ("ence", ("ent",)),
    ("ance", ("ant",)),
    ("ive", ("e", "ion")),
    ("al", ("", "e", "y")),
    ("ic", ("", "e", "y")),
    ("ous", ("", "e", "y")),
)


def _derived_from(word: str) -> list[str]:
    """The words ``word`` may be derived from (see :data:`_DERIVATIONS`), most likely first."""
    word = word.lower()
    for ending, sources in _DERIVATIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            base = word[: -len(ending)]
            return [base + source for source in sources]
    return []


def _words(text: str) -> list[str]:
    return text.split()


#: Function and question words, left untranslated in both directions: their dictionary senses
#: ("who" → 何人, 多少 → "number", "did" → 有没有) say nothing about the topic and only add
#: noise to a translated query or a document's translation. English: the Snowball stop list
#: (beyond the analyzer's short one) plus a few quantifiers; left untranslated by stem
#: (:data:`UNTRANSLATED_ENGLISH`), left out of a query as typed (see ``_function_words``).
#: "may" stays one even beside a number ("May 2025"): kept as the month, it matched every
#: document whose dictionary translation has the modal verb (38 demo listings for "May 2025").
ENGLISH_FUNCTION_WORDS = frozenset(
    _words(
        """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his
        himself she her hers herself it its itself they them their theirs themselves what which
        who whom whose this that these those am is are was were be been being have has had
        having do does did doing would should could ought may might must shall will can a an
        the and but if or because as until while of at by for with about against between into
        through during before after above below to from up down in out on off over under again
        further then once here there when where why how all any both each few more most other
        some such no nor not only own same so than too very many much also s t
        """
    )
)
UNTRANSLATED_ENGLISH = frozenset(stem(w) for w in ENGLISH_FUNCTION_WORDS)
#: Question words and sentence particles: left out of a query that has other words. In an
#: index of both languages they match every question-like text of the query's own language and
#: none of the other's, so they pull same-language distractors above the translated answer
#: (XQuAD ZH → EN nDCG@10 0.7700 → 0.7716, ZH → ZH 0.9645 → 0.9642). The rest of
#: :data:`UNTRANSLATED_CHINESE` stays: leaving it out cost ZH → ZH 0.001.
CHINESE_QUESTION_WORDS = frozenset(
    _words(
        """
        什么 什么样 谁 哪 哪个 哪些 哪里 哪儿 哪一 哪位 哪种 多少 几 几个 怎么 怎样 怎么样 如何
        为什么 为何 何时 何地 何处 是否 有没有 吗 呢 吧
        """
    )
)
#: Measure words that jieba joins to a question word (多少次, 几年, 哪位): the word asks "how
#: many times", and its dictionary sense (多少次 → "next in sequence") names no topic.
QUESTION_MEASURES = frozenset("次个年种位家天月岁人名项座条本部场届只件张句类国所支首段篇")


NUMERALS = frozenset("零一二三四五六七八九十百千万亿两几数第")


def _counted(modifier: str, head: str) -> bool:
    """Whether ``head`` is a measure word counted by a numeral (两|个, 第|一家)."""
    if head[-1] not in QUESTION_MEASURES:
        return False
    numbers = head[:-1] or modifier[-1:]
    return bool(numbers) and all(c in NUMERALS for c in numbers)


def is_question_word(term: str) -> bool:
    """A Chinese question word, alone or with a measure word (see :data:`QUESTION_MEASURES`)."""
    if term in CHINESE_QUESTION_WORDS:
        return True
    for prefix in ("多少", "几", "哪"):
        if term.startswith(prefix) and len(term) == len(prefix) + 1:
            return term[-1] in QUESTION_MEASURES
    return False


UNTRANSLATED_CHINESE = CHINESE_QUESTION_WORDS | frozenset(
    _words(
        """
        我 你 他 她 它 我们 你们 他们 她们 它们
        这 那 这个 那个 这些 那些 这种 那种 一个 一些 一种 可以 能够 没有 因为 所以 但是 而且
        如果 虽然 以及 还是 或者 已经 曾经 之一 其中 通过 由于 对于 关于 作为 被 把 给 让 使
        得 地 的 了 着 过 是 在 有 和 不是
        """
    )
)
#: Queries of up to this many terms (what people type into a search box) read an English
#: glossary term as a phrase (see ``Translator._english_phrases``); longer ones keep its words
#: loose, and so do queries built from a listing (``phrases=False``), for its matches and its
#: subject: as phrases they moved one judged match out of the top three (precision@3 0.559 →
#: 0.556) and shifted labels both ways.
PHRASE_QUERY_WORDS = 4
#: Longest run of adjacent query words looked up as one dictionary entry.
MAX_COMPOUND_WORDS = 3
#: Weight of a long word's own bigrams in a query (see :func:`own_concepts`).
SUBWORD = 0.5
#: Words whose translations (see :meth:`Translator.gloss_terms`) are remembered.
GLOSS_CACHE_SIZE = 200_000
MIN_WEIGHT = 0.2
#: A dictionary sense whose gloss says more than the key ("at this point" for "point").
INEXACT_SENSE = 0.3
#: Weight of the Chinese translations of an English query word. English → Chinese is
#: CC-CEDICT read backwards (English gloss → headword), a guess among many headwords, while the
#: English words also reach Chinese documents through those documents' own English glosses,
#: read forwards as the dictionary is written; so the backward guess counts half.
ENGLISH_TO_CHINESE = 0.5
#: How much a later place in its CC-CEDICT entry lowers an English → Chinese sense: the n-th
#: gloss's score (the log of its headword's frequency) is divided by 1 + n × this.
SENSE_POSITION = 0.25
#: A sense taken from the head of an unlisted compound (see ``Translator._head_senses``).
HEAD_SENSE = 0.5
#: Weight of the senses of each part of an unlisted query word made of two listed ones
#: (议会选举 → 议会 "parliament" + 选举 "elect"; see ``Translator._listed_parts``), where its head
#: alone said only "elect". XQuAD ZH → EN nDCG@10 +0.0011; at full weight +0.0017, but CSL
#: titles lost 0.0005.
SPLIT_SENSE = 0.5
#: A sense reached through another word of the same stem (consists → "consistent" → 一贯,
#: experience → "experiment" → 实验, busy → "business" → 商业), beside senses of the word
#: itself: the key is made of stems. It weighs at most this share of the word's own best sense
#: (a glossary entry of another word, this share of its place). Damped, not dropped: Chinese
#: rarely marks the word class, so the noun of an English adjective is often the translation
#: people write (philosophical → 哲学家 "philosopher", humans → 人类 "humanity"); dropping them
#: cost XQuAD EN → ZH 0.0016 nDCG@10. A word with no sense of its own takes none of its stem's
#: (communicable → nothing, not 通信 "communication"; benchmarks/README.md), except
#: a derived word's source (inflationary → 通货膨胀, see ``_derived_from``).
DERIVED_SENSE = 0.5
#: jieba frequency given to a phrase's CC-CEDICT headword that jieba does not list (a rare word's
#: frequency; 3, 20 and 200 measured within 0.0004 of each other on XQuAD EN → ZH).
PHRASE_FREQUENCY = 20
#: Characters that mostly spell foreign names (Xinhua transliteration tables): as the last
#: character of an unlisted word they end a name, not a compound with a meaningful head.
TRANSLITERATION_CHARACTERS = frozenset(
    "阿埃艾爱安奥巴拜班贝本比彼波伯布查达黛丹道德迪蒂丁杜顿多厄恩法范菲费芬丰弗福盖冈戈格根古圭哈海汉"
    "豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库拉莱赖兰朗劳勒雷蕾黎里利莉林琳隆卢鲁路伦罗洛马麦曼梅门蒙"
    "米密敏莫姆穆纳娜南内尼涅纽努诺欧帕潘佩彭皮普齐奇乔切琼萨塞桑瑟森沙莎尚什舍斯索塔泰坦汤唐特滕提图托"
    "瓦万威韦维温沃乌伍西希锡谢辛休雅亚耶伊因英尤于扎泽詹兹佐"
)


@dataclass(frozen=True)
class Alternative:
    """One way a concept can match: all ``terms`` belong to one surface ``text``."""

    text: str
    terms: tuple[str, ...]
    weight: float
    via: str
    #: The bigrams of a longer word standing for it: a match on one is a partial match.
    part: bool = False
    #: Bigrams of a curated glossary term (跌倒检测): they stand for it only together, first
    #: and last, since one generic piece (检测, "testing") is in a third of any catalogue.
    anchored: bool = False


@dataclass(frozen=True)
class Concept:
    """A unit of the query (``source`` as typed) with its weighted alternatives."""

    source: str
    alternatives: tuple[Alternative, ...]
    #: A translation of words typed (``source``), not a word as typed.
    translated: bool = False


def own_concepts(tokens: list[Token]) -> list[Concept]:
    """One concept per term as typed; a long word's own bigrams (预应力 → 预应, 应力) join the
    word's concept as one alternative at :data:`SUBWORD` weight instead of standing alone.

    The bigrams are indexed so that part of a compound still matches (Kwok 1997); as concepts
    of their own they counted a three-character word three times and let a document sharing
    only a generic part (应力, "stress") outscore one with the whole word."""
    out: list[Concept] = []
    word: Token | None = None
    parts: list[str] = []

    def close() -> None:
        if word is not None:
            alternatives = [Alternative(word.term, (word.term,), 1.0, word.via)]
            if parts:
                alternatives.append(
                    Alternative(word.source, tuple(parts), SUBWORD, word.via, part=True)
                )
            out.append(Concept(word.source, tuple(alternatives)))

    for token in tokens:
        if (
            word is not None
            and token.kind == "b"
            and (token.start, token.end) == (word.start, word.end)
            and token.term in word.term
        ):
            parts.append(token.term)
            continue
        close()
        word, parts = (token, []) if token.kind in ("w", "v") else (None, [])
        if word is None:
            alternative = Alternative(token.term, (token.term,), 1.0, token.via)
            out.append(Concept(token.source, (alternative,)))
    close()
    return out


#: How much a translated concept's senses that no other word of the query shares weigh, when
#: another of its senses is shared (see :func:`in_context`).
OUT_OF_CONTEXT = 0.5


def in_context(concepts: list[Concept]) -> list[Concept]:
    """Senses chosen by the other words of the query: where one sense of a translated word
    shares a term with another word of the query or its translations, it takes the word's
    best weight and the senses that share none count less. Beside 聚焦超声 ("high-intensity
    focused ultrasound"), 高强度 is "intensity", not "strength" (a magnesium alloy's).

    For queries built from a listing, whose many words are context enough (the matching
    benchmark's nDCG@10 0.719 → 0.722, judged ≥ 2 among the first ten 210 → 212); a reader's
    short question is not (XQuAD ZH → ZH −0.0010, EN → ZH −0.0002)."""
    terms = [{t for a in c.alternatives for t in a.terms} for c in concepts]
    out: list[Concept] = []
    for i, concept in enumerate(concepts):
        if not concept.translated or len(concept.alternatives) < 2:
            out.append(concept)
            continue
        others = set().union(*(terms[j] for j in range(len(concepts)) if j != i))
        shared = {a.terms for a in concept.alternatives if others.intersection(a.terms)}
        if not shared:
            out.append(concept)
            continue
        # A sense sharing words with a chosen one is the same sense ("focused ultrasound"
        # beside "high-intensity focused ultrasound"), and as good.
        chosen = set().union(*shared)
        best = max(a.weight for a in concept.alternatives)
        alternatives = tuple(
            replace(a, weight=best if not a.part else a.weight)
            if chosen.intersection(a.terms)
            else replace(a, weight=round(a.weight * OUT_OF_CONTEXT, 3))
            for a in concept.alternatives
        )
        out.append(replace(concept, alternatives=alternatives))
    return out


def distinct(concepts: list[Concept]) -> list[Concept]:
    """Each concept once: a word typed twice (竞技体育 … 比较体育 share 体育) is one term of
    the query, not a heavier one. BM25 over a keyword set, where repeats say nothing about
    importance, ranks better this way (CSL keywords → paper, XQuAD)."""
    seen: set[tuple[str, ...]] = set()
    out: list[Concept] = []
    for concept in concepts:
        key = concept.alternatives[0].terms
        if key not in seen:
            seen.add(key)
            out.append(concept)
    return out


def _function_words(tokens: list[Token], acronyms: frozenset[str]) -> frozenset[str]:
    """The English function words (:data:`ENGLISH_FUNCTION_WORDS`, compared as typed, not by
    stem: "cans" and "owned" are no function words; not one typed in capitals, such as IT or
    US) and Chinese question words of a query, when it has other words: "Who led the
    Panthers" looks for led and Panthers. Matched, they favour documents of the query's
    language over the answer in the other (XQuAD EN → ZH nDCG@10 0.7887 → 0.7968, EN → EN
    0.9591 → 0.9618). A query of nothing else keeps them."""
    found = {
        t.term
        for t in tokens
        if (t.kind == "latin" and t.source in ENGLISH_FUNCTION_WORDS and t.term not in acronyms)
        or ((t.kind != "b" or _unsegmented(t)) and is_question_word(t.term))
    }
    # Untranslated Chinese words (他, 是) name no topic either: 他是谁 is a query of nothing
    # else and keeps its words, as "who is he" does.
    if not found or all(
        t.term in found or t.term in UNTRANSLATED_CHINESE for t in tokens if t.kind != "b"
    ):
        return frozenset()
    return frozenset(found)


def _unsegmented(token: Token) -> bool:
    """A bigram of two characters the segmenter left single (哪类, 哪国: jieba knows 哪句 as
    a word but not these), not a piece of a longer word, whose bigrams span the whole word."""
    return token.kind == "b" and token.end - token.start == len(token.term)


def _is_english_word(concept: Concept) -> bool:
    """A concept of one typed English word."""
    return (
        len(concept.alternatives) == 1
        and len(concept.alternatives[0].terms) == 1
        and (concept.alternatives[0].terms[0].isascii())
    )


def _without(tokens: list[Token], drop: frozenset[str], aligned: bool) -> list[Token]:
    """``tokens`` minus the words in ``drop`` and the bigrams spanning exactly such a word.
    Where folding changed the text's length (記憶體 → 内存), every token spans the whole text,
    so spans say nothing and only the words themselves go."""

    def word(t: Token) -> bool:
        return t.kind != "b" or (aligned and _unsegmented(t))

    dropped = {(t.start, t.end) for t in tokens if word(t) and t.term in drop}
    return [
        t
        for t in tokens
        if not (word(t) and t.term in drop)
        and not (aligned and t.kind == "b" and (t.start, t.end) in dropped)
    ]


class Translator:
    """Builds the concepts of a query: the terms as typed plus their translations."""

    def __init__(
        self,
        analyzer: Analyzer,
        glossary: Glossary | None = None,
        cedict: Cedict | None = None,
    ):
        self.analyzer = analyzer
        self.glossary = glossary or load_glossary()
        self.cedict = cedict if cedict is not None else load_cedict()
        self.max_words = max(self.glossary.max_english_words(), 3)
        self._gloss = lru_cache(maxsize=GLOSS_CACHE_SIZE)(self._gloss_of_word)
        # A word's translations depend on the lexicon alone: looked up once per process, they
        # cost a dictionary probe per query word afterwards instead of analysing every sense.
        self._zh_alternatives: Callable[
            [tuple[str, ...], tuple[str, ...] | None, bool], tuple[Alternative, ...]
        ] = lru_cache(maxsize=GLOSS_CACHE_SIZE)(self._zh_senses)
        self._en_alternatives: Callable[[str, int], tuple[Alternative, ...]] = lru_cache(
            maxsize=GLOSS_CACHE_SIZE
        )(self._en_senses)
        # simplemma reads its English lexicon on first use: at start-up, not in a first query.
        lemma("was")

    def concepts(
        self,
        text: str,
        translate: bool = True,
        drop: frozenset[str] = frozenset(),
        phrases: bool = True,
    ) -> list[Concept]:
        """The query's own terms, one concept each, then one concept per translated unit;
        words whose term is in ``drop`` are left out, with their bigrams and translations.
        With ``phrases``, a short query reads English glossary terms whole (see
        :data:`PHRASE_QUERY_WORDS`)."""
        tokens, aligned = self.analyzer.tokens(text)
        acronyms = _acronyms(text)
        drop |= _function_words(tokens, acronyms)
        if drop:
            tokens = _without(tokens, drop, aligned)
        own = own_concepts(tokens)
        if phrases and len(own) <= PHRASE_QUERY_WORDS:
            own = self._english_phrases(own)
        out = [self._anchored(c) for c in distinct(own)]
        if translate:
            out += distinct(
                self._english_to_chinese(
                    [t for t in tokens if t.kind == "latin" and t.term not in UNTRANSLATED_ENGLISH],
                    acronyms=acronyms,
                )
            )
            out += self._chinese_to_english(
                [
                    t
                    for t in tokens
                    if t.kind in ("w", "v", "c") and t.term not in UNTRANSLATED_CHINESE
                ]
            )
        return out

    def _english_phrases(self, concepts: list[Concept]) -> list[Concept]:
        """Adjacent English words that spell a glossary term (fall detection, machine
        learning) as one concept needing its first and last word: "fall detection" alone
        matched every text about detection, as the Chinese 跌倒检测 once matched every text about
        testing (see ``Alternative.anchored``)."""
        out: list[Concept] = []
        i = 0
        while i < len(concepts):
            for n in range(min(self.max_words, len(concepts) - i), 1, -1):
                run = concepts[i : i + n]
                if not all(_is_english_word(c) for c in run):
                    continue
                key = tuple(c.alternatives[0].terms[0] for c in run)
                if key in self.glossary.en_to_zh:
                    source = " ".join(c.source for c in run)
                    via = run[0].alternatives[0].via
                    out.append(
                        Concept(source, (Alternative(source, key, 1.0, via, anchored=True),))
                    )
                    i += n
                    break
            else:
                out.append(concepts[i])
                i += 1
        return out

    def _anchored(self, concept: Concept) -> Concept:
        """A glossary term's own bigrams marked as needing each other (see ``anchored``)."""
        if concept.alternatives[0].terms[0] not in self.glossary.zh_to_en:
            return concept
        return Concept(
            concept.source,
            tuple(replace(a, anchored=True) if a.part else a for a in concept.alternatives),
        )

    # -- Document translation ----------------------------------------------------------

    def gloss_terms(self, text: str) -> list[str]:
        """The index terms of a word-by-word dictionary translation of ``text``: each English
        word's Chinese translations and each Chinese word's English ones (up to four each: see
        :data:`MAX_ALTERNATIVES` and :data:`DOCUMENT_GLOSSES`).

        Indexed beside the text, they let a query in the other language match a document by
        its own words too, not only by the query's translations: combining query and document
        translation is the classic remedy for the gaps of each (McCarley, ACL 1999)."""
        return self.gloss_of_words(self.analyzer.index_terms_and_words(text)[1])

    def gloss_of_words(self, words: list[str]) -> list[str]:
        """:meth:`gloss_terms` of a text already analysed into ``words`` (see
        :meth:`Analyzer.index_terms_and_words`: indexing analyses each text once, for its own
        terms and for their translation)."""
        out: list[str] = []
        gloss = self._gloss
        for word in words:
            out += gloss(word)
        return out

    def _gloss_of_word(self, word: str) -> tuple[str, ...]:
        if word.isascii():
            # Looked up as written, as a query's words are: a word's own senses first, none of
            # another word's alone (communicable is not 通信), and the senses of its dictionary
            # form (lost → 失去). As a stem, ZH → EN nDCG@10 was 0.0038 lower.
            key = stem(word)
            if key in UNTRANSLATED_ENGLISH:
                return ()
            written = (word,) if word.isalpha() else None
            alternatives = self._zh_alternatives((key,), written, True)
            if written is not None:
                alternatives = self._with_lemma_senses(word, (key,), alternatives, True)
        elif word in UNTRANSLATED_CHINESE:
            return ()
        else:
            alternatives = self._en_alternatives(word, DOCUMENT_GLOSSES)
        return tuple(t for alternative in alternatives for t in alternative.terms)

    # -- English → Chinese -------------------------------------------------------------

    def _english_to_chinese(self, words: list[Token], acronyms: frozenset[str]) -> list[Concept]:
        out: list[Concept] = []
        i = 0
        while i < len(words):
            match = self._longest(words, i, True, acronyms) or self._longest(
                words, i, False, acronyms
            )
            if match is None:
                i += 1
                continue
            n, alternatives = match
            alternatives = tuple(
                replace(a, weight=round(a.weight * ENGLISH_TO_CHINESE, 3)) for a in alternatives
            )
            source = " ".join(t.source for t in words[i : i + n])
            out.append(Concept(source, alternatives, translated=True))
            i += n
        return out

    def _longest(
        self, words: list[Token], i: int, glossary_only: bool, acronyms: frozenset[str]
    ) -> tuple[int, tuple[Alternative, ...]] | None:
        """Greedy longest match at ``i``: the glossary first, so its single words beat a
        compositional CC-CEDICT phrase ("digital network" → 数字 + 网络, not 数字网)."""
        for n in range(min(self.max_words, len(words) - i), 0, -1):
            key = tuple(t.term for t in words[i : i + n])
            if glossary_only and key not in self.glossary.en_to_zh:
                continue
            alternatives = self._zh_alternatives(key, _written(words[i : i + n], acronyms), False)
            if n == 1 and words[i].term not in acronyms:
                alternatives = self._with_lemma_senses(words[i].source, key, alternatives)
            if alternatives:
                return n, alternatives
        return None

    def _with_lemma_senses(
        self, word: str, key: tuple[str, ...], own: tuple[Alternative, ...], document: bool = False
    ) -> tuple[Alternative, ...]:
        """A word's own senses and, where its dictionary form differs from the stem looked
        up, that form's senses too: the stemmer leaves irregular forms alone, so "lost" found
        only 走失 ("to wander off") and "fought" nothing, not 失去 and 战斗. Kept beside the
        word's own senses, since the form is often a word in its own right (saw 锯子, media
        传媒). Acronyms (LED) are not looked up this way."""
        if not word.isalpha() or not word.isascii():
            return own  # the token's surface is not the word alone (folded text)
        form = lemma(word)
        lemma_key = english_key(form)
        if not lemma_key or lemma_key == key:
            return own
        terms = {a.terms for a in own}
        # A dictionary form may be two words (popups → pop-up).
        senses = self._zh_alternatives(lemma_key, english_words(form), document)
        return own + tuple(a for a in senses if a.terms not in terms)

    def _zh_senses(
        self, key: tuple[str, ...], written: tuple[str, ...] | None, document: bool = False
    ) -> tuple[Alternative, ...]:
        """The Chinese senses of an English key (stems). With the words as ``written``, a
        sense glossed by another word of their stems weighs less than the words' own (see
        :data:`DERIVED_SENSE`), and none is taken when the words have no sense of their own.
        ``document``: for a document's own translation rather than a query's."""
        ranked: list[tuple[str, float, str]] = []
        trusted = False
        entries = zip(
            self.glossary.en_to_zh.get(key, ()), self.glossary.en_words.get(key, ()), strict=True
        )
        for rank, (zh, terms) in enumerate(entries):
            # engineering is not "engine" (发动机), though the stems agree.
            same = any(_same_words(words, written) for words in terms)
            ranked.append((zh, (1.0 if same else DERIVED_SENSE) / (1 + rank), "glossary"))
            trusted |= same
        own: list[Sense] = []
        others: list[Sense] = []
        for sense in self.cedict.reverse.get(key, ()):
            (own if _same_words(sense.words, written) else others).append(sense)
        if written is not None and any(w.isupper() for w in written):
            # Typed in capitals, an acronym's own senses come first (US is 美国, then 我们).
            acronym = [s for s in own if any(w.isupper() for w in s.words)]
            if acronym:
                others += [s for s in own if s not in acronym]
                own = acronym
        # None of the word's own (only other words of the stem): communicable is not 通信.
        scored = self._scored_senses(own, key)
        if not scored and document:
            # A document's word whose only senses are words the segmenter does not know
            # (quarterback → 四分卫) is glossed with them: a Chinese query typing that word
            # finds it exactly. In a query they stay out, a doubtful guess. ZH → EN nDCG@10
            # +0.0035; in queries too, NASA titles lost 0.0039.
            scored = self._scored_senses(own, key, unknown=True)
        if scored:
            # A glossary hit is trusted; CC-CEDICT only adds a damped extra sense.
            damp = 0.5 if trusted else 1.0
            ranked += [(zh, damp * weight, "cedict") for zh, weight in scored]
            # Below the word's own best sense, however common: consists keeps 包括 ("consist
            # of") before 一贯 ("consistent"), busy 繁忙 at full weight beside 业务 ("business").
            top = damp * DERIVED_SENSE * scored[0][1]
            ranked += [(zh, top * w, "cedict") for zh, w in self._scored_senses(others, key)]
        elif written is not None and len(written) == 1:
            # A derived word with no sense of its own: inflationary is "of inflation", which
            # Chinese writes with the noun (通货膨胀的); typically is typical's 典型.
            for source in _derived_from(written[0]):
                senses = [
                    sense
                    for sense in self.cedict.reverse.get((stem(source),), ())
                    if sense.words == (source,)
                ]
                scored = self._scored_senses(senses, key)
                if scored:
                    ranked += [(zh, DERIVED_SENSE * w, "cedict") for zh, w in scored]
                    break
        return self._alternatives(ranked)

    def _scored_senses(
        self, senses: list[Sense], key: tuple[str, ...], unknown: bool = False
    ) -> list[tuple[str, float]]:
        """Headwords of ``senses`` with their weight relative to the most used one; with
        ``unknown``, headwords the segmenter does not know count as rare words."""
        scored: list[tuple[float, float, str]] = []
        for sense in senses:
            zh = sense.headword
            freq = self.analyzer.segmenter.word_frequency(zh)
            # Lone characters are too ambiguous to stand for an English word, and so is a
            # headword the segmenter does not know for one English word; for a phrase it is
            # the phrase's name (super bowl → 超级碗) and counts as a rare word. The segmenter
            # splits it (超级 + 碗) and the pieces stay loose, so 碗 alone matches a little:
            # requiring them together cost NASA titles 0.0024 nDCG@10.
            if len(zh) < 2 or (freq == 0 and len(key) == 1 and not unknown):
                continue
            freq = freq or PHRASE_FREQUENCY
            # A gloss that says more than the key ("at this point" for "point") is a weaker
            # sense.
            fit = 1.0 if sense.exact else INEXACT_SENSE
            # How often the headword is used counts most, where the entry lists this gloss
            # little: entries list senses in no strict order of use (本事 gives "ability"
            # first, 能力 second, yet 能力 is the word for it). Dividing by 1 + position cost
            # XQuAD EN → ZH 0.008 nDCG@10; ignoring position cost the matching benchmark two
            # relevant suggestions in the first three (benchmarks/README.md).
            plain = math.log1p(freq) / (1 + SENSE_POSITION * sense.position)
            scored.append((fit * plain, plain, zh))
        if not scored:
            return []
        scored.sort(reverse=True)
        # Relative to the best sense before fit: poorly fitting senses stay weak even when
        # nothing better is found.
        best = max(plain for _, plain, _ in scored)
        return [(zh, score / best) for score, _, zh in scored]

    # -- Chinese → English -------------------------------------------------------------

    def _chinese_to_english(self, words: list[Token]) -> list[Concept]:
        """One concept per word (lone characters are too ambiguous to translate alone), then
        one per run of two or three adjacent words that CC-CEDICT lists as one entry."""
        units = []
        split: set[str] = set()
        for t in words:
            if t.kind == "c":
                continue
            parts = self._listed_parts(t.term) if len(t.source) == len(t.term) else None
            if parts is None:
                units.append((t.term, t.source))
            else:
                cut = len(parts[0])
                units += [(parts[0], t.source[:cut]), (parts[1], t.source[cut:])]
                split.update(parts)
        units += [
            ("".join(t.term for t in span), "".join(t.source for t in span))
            for span in self._listed_compounds(words)
        ]
        out: list[Concept] = []
        seen: set[str] = set()
        for term, source in units:
            if term in seen:
                continue
            seen.add(term)
            alternatives = self._en_alternatives(term, QUERY_GLOSSES)
            if term in split:
                alternatives = tuple(
                    replace(a, weight=round(a.weight * SPLIT_SENSE, 3)) for a in alternatives
                )
            if alternatives:
                out.append(Concept(source, alternatives, translated=True))
        return out

    def _listed_parts(self, word: str) -> tuple[str, str] | None:
        """An unlisted word made of two listed words of two characters or more (议会选举 →
        议会 + 选举), which are translated each as a word of its own."""
        if len(word) < 4 or word in self.cedict.definitions or word in self.glossary.zh_to_en:
            return None
        for start in range(2, len(word) - 1):
            modifier, head = word[:start], word[start:]
            if modifier in self.cedict.definitions and head in self.cedict.definitions:
                return modifier, head
        return None

    def _listed_compounds(self, words: list[Token]) -> list[list[Token]]:
        """Adjacent words that the dictionary lists as one: the segmenter cuts 经济增长
        ("economic growth") or 射频识别 ("radio-frequency identification") into parts whose
        separate translations miss the phrase the other language uses."""
        out = []
        for i in range(len(words) - 1):
            for n in range(2, MAX_COMPOUND_WORDS + 1):
                span = words[i : i + n]
                if len(span) < n or any(a.end != b.start for a, b in itertools.pairwise(span)):
                    break
                if "".join(t.term for t in span) in self.cedict.definitions:
                    out.append(span)
        return out

    def _en_senses(self, word: str, limit: int) -> tuple[Alternative, ...]:
        """English senses of a Chinese word: the glossary's, then its first ``limit`` CC-CEDICT
        glosses (see :data:`DOCUMENT_GLOSSES`), else those of its head."""
        ranked = [
            (en, 1.0 / (1 + rank), "glossary")
            for rank, en in enumerate(self.glossary.zh_to_en.get(word, ()))
        ]
        glosses = self.cedict.translations(word)
        damp = 0.5 if ranked else 1.0
        ranked += [(g, damp / (1 + rank), "cedict") for rank, g in enumerate(glosses[:limit])]
        if not ranked:
            ranked = self._head_senses(word)
        return self._alternatives(ranked)

    def _head_senses(self, word: str) -> list[tuple[str, float, str]]:
        """Senses of an unlisted compound from its head. Chinese compounds are head-final
        (黑豹 "black leopard" is a kind of 豹, 本赛季 "this season" of 赛季), so the longest
        listed suffix translates the compound approximately; its senses are damped. The usual
        fallback for compounds missing from a bilingual dictionary (Chen, Bian & Lin,
        "Resolving translation ambiguity and target polysemy in cross-language IR", 1999)."""
        for start in range(1, len(word)):
            head = word[start:]
            if len(head) == 1 and head in TRANSLITERATION_CHARACTERS:
                # 弗雷斯 is Fresno, not a kind of 斯 ("Slovakia").
                break
            if _counted(word[:start], head):
                # 两个 is "two", not 个 ("individual"); 第一家 "the first", not 一家 ("the whole
                # family").
                break
            if head not in self.cedict.definitions:
                continue
            glosses = self.cedict.translations(head)
            if glosses:
                return [
                    (g, HEAD_SENSE / (1 + rank), "cedict") for rank, g in enumerate(glosses[:2])
                ]
        return []

    def _alternatives(self, ranked: list[tuple[str, float, str]]) -> tuple[Alternative, ...]:
        """Analyse, de-duplicate, keep the best few above the weight floor.

        A translation's long words are looked for whole, and their own bigrams as a further
        alternative at :data:`SUBWORD` weight, as for the words a user types (see
        :func:`own_concepts`): summed with the word they counted a three-character
        translation three times and let a document sharing only a generic part of it win."""
        out: list[Alternative] = []
        seen: set[tuple[str, ...]] = set()
        kept = 0
        for text, weight, via in sorted(ranked, key=lambda r: -r[1]):
            tokens, _ = self.analyzer.tokens(text)
            terms = tuple(dict.fromkeys(t.term for t in tokens if t.kind != "b"))
            parts = tuple(dict.fromkeys(t.term for t in tokens if t.kind == "b"))
            if not terms:
                # Nothing but bigrams (a word the segmenter does not know): they are the word.
                terms, parts = parts, ()
            if not terms or terms in seen or weight < MIN_WEIGHT:
                continue
            seen.add(terms)
            out.append(Alternative(text, terms, round(weight, 3), via))
            parts = tuple(p for p in parts if p not in terms)
            if parts:
                # A curated term's pieces stand for it only together, as when typed (see
                # ``Alternative.anchored``): "fall detection" → 跌倒检测, not any 检测.
                anchored = via == "glossary"
                out.append(
                    Alternative(
                        text, parts, round(weight * SUBWORD, 3), via, part=True, anchored=anchored
                    )
                )
            kept += 1
            if kept == MAX_ALTERNATIVES:
                break
        return tuple(out)
