"""The plan's search page (Classic UI): words, facets with counts, results."""

from imio.strategicplan import _
from imio.strategicplan.search.query import facet_titles
from imio.strategicplan.search.query import FACETS
from imio.strategicplan.search.query import item_summaries
from imio.strategicplan.search.query import read_batch
from imio.strategicplan.search.query import read_filters
from imio.strategicplan.search.query import search_plan
from imio.strategicplan.search.query import SearchInputError
from imio.strategicplan.search.query import type_title
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode


FACET_LABELS = {
    "type": _("Type"),
    "pillar": _("Pilier"),
    "value": _("Valeur"),
    "state": _("État"),
    "health": _("État de santé"),
    "year": _("Année"),
}


class PlanSearchView(BrowserView):
    """@@plan-search on a plan: the same search as the REST endpoint @plan-search."""

    def __call__(self):
        self.error = None
        form = self.request.form
        try:
            self.filters = read_filters(form)
            self.b_start, self.b_size = read_batch(form)
        except SearchInputError as error:
            self.error = error.message
            self.filters, self.b_start, self.b_size = {}, 0, 20
        text = form.get("q")
        self.text = text if isinstance(text, str) else ""
        self.result = search_plan(self.context, self.text, self.filters, self.b_start, self.b_size)
        return self.index()

    @memoize
    def facets(self):
        shown = facet_titles(self.context, self.result, self.request)
        return [
            {
                "name": name,
                "label": FACET_LABELS[name],
                "choices": [dict(value, url=self._toggle_url(name, value["value"])) for value in shown[name]],
            }
            for name in FACETS
            if shown[name]
        ]

    @memoize
    def items(self):
        return item_summaries(self.result.items)

    def _query(self, filters, b_start=0):
        pairs = [("q", self.text)] if self.text else []
        for name in FACETS:
            pairs += [(name, value) for value in filters.get(name, ())]
        if b_start:
            pairs.append(("b_start", b_start))
        return urlencode(pairs)

    def _toggle_url(self, name, value):
        """The page with ``value`` of facet ``name`` added to (or taken from) the filters."""
        filters = {key: list(values) for key, values in self.filters.items()}
        chosen = [str(v) for v in filters.get(name, [])]
        if str(value) in chosen:
            filters[name] = [v for v in filters[name] if str(v) != str(value)]
        else:
            filters.setdefault(name, []).append(value)
        return f"{self.context.absolute_url()}/@@plan-search?{self._query(filters)}"

    def page_url(self, b_start):
        return f"{self.context.absolute_url()}/@@plan-search?{self._query(self.filters, b_start)}"

    def next_start(self):
        following = self.b_start + self.b_size
        return following if following < self.result.total else None

    def previous_start(self):
        return max(self.b_start - self.b_size, 0) if self.b_start else None

    def type_title(self, portal_type):
        return type_title(portal_type, self.request)
