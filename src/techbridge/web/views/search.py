"""The search page: one box in any language, facets, highlights and reasons on demand."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from techbridge.catalogue.models import ListingText
from techbridge.catalogue.selectors import pick_text
from techbridge.engine import Highlight
from techbridge.engine.matching import missing_concepts
from techbridge.matching.selectors import (
    ListingHit,
    ListingSearchResult,
    expert_search,
    listing_search,
)
from techbridge.web import presenting
from techbridge.web.forms import FACET_FIELDS, SearchForm

PAGE_SIZE = 20


@dataclass(frozen=True)
class ResultCard:
    """A hit as the page shows it: the text in the reader's language and the snippets worth
    quoting (a fragment that only repeats the title is left out)."""

    hit: ListingHit
    text: ListingText
    snippets: list[Highlight]
    #: Typed words this result does not contain, in the reader's script ("Missing: 超声").
    missing: list[str]


def _repeats(highlight: Highlight, title: str) -> bool:
    """A fragment that says nothing the card's heading does not: the title itself, or a
    clipped piece of it."""
    fragment = highlight.text.strip()
    return fragment == title or (highlight.field == "title" and fragment in title)


def _cards(result: ListingSearchResult, language: str) -> list[ResultCard]:
    cards = []
    for hit in result.hits:
        text = pick_text(hit.listing, language)[0]
        title = text.title.strip()
        snippets = [
            highlight
            for highlight in presenting.snippets_for(hit.highlights, language)
            if not _repeats(highlight, title)
        ]
        # A one-word search says so too: a hit ranked on "fall" and "detect" drawn from two
        # words of its dictionary translation is explained by neither (see engine explain).
        missing = missing_concepts(result.typed, hit.matches)
        shown = [presenting.in_reader_script(word, language) for word in missing]
        cards.append(ResultCard(hit, text, snippets, shown))
    return cards


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if form.is_bound and form.is_valid():
        page = form.cleaned_data.get("page") or 1
        result = listing_search(
            request.user,
            form.cleaned_data.get("q") or "",
            filters=form.engine_filters(),
            trl_range=form.trl_range(),
            facets=list(FACET_FIELDS.values()),
            offset=(page - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
            explain=True,
            sort=form.cleaned_data.get("sort") or "relevance",
        )
        pages = max(1, -(-result.total // PAGE_SIZE))
        if page == 1 and not form.cleaned_data.get("kind"):
            # People matching the words, above the listings (they are not listings, so the
            # listing filters and pages do not apply to them).
            context["experts"] = expert_search(
                form.cleaned_data.get("q") or "", filters=form.engine_filters()
            )
        context.update(
            result=result,
            filtered=bool(form.engine_filters() or form.trl_range()),
            facet_groups=form.facet_groups({k: dict(v) for k, v in result.facets.items()}),
            page=page,
            pages=pages,
            previous_query=_with_page(request, page - 1) if page > 1 else None,
            next_query=_with_page(request, page + 1) if page < pages else None,
        )
    elif not form.is_bound:
        form = SearchForm({})
        form.is_valid()
        result = listing_search(request.user, "", facets=list(FACET_FIELDS.values()))
        context.update(
            form=form,
            result=result,
            facet_groups=form.facet_groups({k: dict(v) for k, v in result.facets.items()}),
            page=1,
            pages=max(1, -(-result.total // PAGE_SIZE)),
            next_query=_with_page(request, 2) if result.total > PAGE_SIZE else None,
        )
    shown = context.get("result")
    if isinstance(shown, ListingSearchResult):
        context["cards"] = _cards(shown, translation.get_language() or "en")
    template = "web/_results.html" if getattr(request, "htmx", False) else "web/search.html"
    return render(request, template, context)


def _with_page(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return query.urlencode()
