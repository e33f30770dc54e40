"""The search page: one box in any language, facets, highlights and reasons on demand."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from techbridge.matching.selectors import listing_search
from techbridge.web.forms import FACET_FIELDS, SearchForm

PAGE_SIZE = 20


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
        context.update(
            result=result,
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
    template = "web/_results.html" if getattr(request, "htmx", False) else "web/search.html"
    return render(request, template, context)


def _with_page(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return query.urlencode()
