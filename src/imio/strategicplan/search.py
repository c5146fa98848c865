"""Search inside a plan, with facets: through Solr (collective.solr) when it is switched on, through
the catalog otherwise or when Solr does not answer (docs/solr.md).

Both backends answer the same question the same way: the items of the plan the user may see that
match the words (all of them, accents ignored) and the filters (values of one facet are or-ed,
facets are and-ed), and for each facet the number of those items per value. Solr adds French
analysis (stemming, stop words); the catalog matches word beginnings.
"""

from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import intersection
from collective.solr.interfaces import ISolrConnectionManager
from collective.solr.utils import isActive
from dataclasses import dataclass
from dataclasses import field
from imio.strategicplan import _
from imio.strategicplan.i18n import localize
from plone import api
from zope.component import queryUtility

import logging
import re


logger = logging.getLogger("imio.strategicplan.search")

# facet (request parameter) -> catalog index and Solr field
FACETS = {
    "type": "portal_type",
    "pillar": "pillars",
    "value": "value_uid",
    "state": "review_state",
    "health": "health",
    "year": "year",
}
PLAN_TYPES = ("StrategicPlan", "Pillar", "Value", "Objective", "Indicator", "PriorityProject", "FinancialYear")
MAX_SIZE = 100
WORD = re.compile(r"\w+", re.UNICODE)


class SearchInputError(ValueError):
    """A parameter that cannot be searched with: ``name`` and a readable ``message``."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass
class SearchResult:
    items: list  # brains (catalog) or flares (Solr) of the requested batch
    total: int
    facets: dict  # facet -> [(value, count)], most frequent first
    backend: str  # "solr" or "catalog"
    warning: str = None
    filters: dict = field(default_factory=dict)


def read_filters(form):
    """The facet filters of a request's form: {facet: [values]}; SearchInputError when a year is
    not a whole number."""
    filters = {}
    for name in FACETS:
        raw = form.get(name)
        if raw in (None, "", []):
            continue
        values = [v for v in (raw if isinstance(raw, (list, tuple)) else [raw]) if v != ""]
        if name == "year":
            for value in values:
                try:
                    int(value)
                except (TypeError, ValueError):
                    raise SearchInputError(name, localize(_(
                        "year : nombre entier attendu, reçu « ${value} »", mapping={"value": value})))
            values = [int(v) for v in values]
        if values:
            filters[name] = values
    return filters


def read_batch(form):
    """(b_start, b_size) of a request's form; SearchInputError when not whole numbers in range."""
    numbers = {}
    for name, default, low, high in (("b_start", 0, 0, None), ("b_size", 20, 1, MAX_SIZE)):
        raw = form.get(name, default)
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = None
        if number is None or number < low or (high is not None and number > high):
            bounds = f"{low}–{high}" if high is not None else f"≥ {low}"
            raise SearchInputError(name, localize(_(
                "${name} : nombre entier attendu (${bounds}), reçu « ${value} »",
                mapping={"name": name, "bounds": bounds, "value": raw})))
        numbers[name] = number
    return numbers["b_start"], numbers["b_size"]


def words(text):
    return WORD.findall(text or "")


def search_plan(plan, text="", filters=None, b_start=0, b_size=20, backend=None):
    """Search ``plan``. ``backend`` forces "solr" or "catalog" (the benchmark compares them);
    by default Solr when collective.solr is active, the catalog when it is not or fails."""
    filters = filters or {}
    use_solr = backend == "solr" or (backend is None and isActive())
    if use_solr:
        try:
            return _solr_search(plan, text, filters, b_start, b_size)
        except Exception as error:  # the connection, Solr's HTTP errors, a missing schema
            if backend == "solr":
                raise
            logger.warning("Solr did not answer a plan search (%s: %s); answering from the catalog",
                           type(error).__name__, error)
            manager = queryUtility(ISolrConnectionManager)
            if manager is not None:
                manager.closeConnection(clearSchema=True)
            result = _catalog_search(plan, text, filters, b_start, b_size)
            result.warning = localize(_(
                "Le moteur de recherche Solr ne répond pas : ces résultats viennent du catalogue "
                "du site (sans l'analyse du français : « objectifs » n'y trouve pas « objectif »)."))
            return result
    return _catalog_search(plan, text, filters, b_start, b_size)


def _base_query(plan, filters):
    query = {"path": "/".join(plan.getPhysicalPath()), "portal_type": list(PLAN_TYPES)}
    for name, values in filters.items():
        index = FACETS[name]
        if index == "portal_type":
            values = [v for v in values if v in PLAN_TYPES] or ["-"]
        query[index] = values if len(values) > 1 else values[0]
    return query


def catalog_only(catalog):
    """The catalog's own search, whatever collective.solr's dispatcher would choose."""
    return getattr(catalog, "_cs_old_searchResults", catalog.searchResults)


def _catalog_search(plan, text, filters, b_start, b_size):
    catalog = api.portal.get_tool("portal_catalog")
    search = catalog_only(catalog)
    query = _base_query(plan, filters)
    terms = words(text)
    if terms:
        # every word, by its beginning (as Plone's search page does)
        query["SearchableText"] = " AND ".join(f"{term}*" for term in terms)
    matches = search(**query)
    rids = IITreeSet(_rids(matches))
    facets = {}
    for name, index_name in FACETS.items():
        index = catalog._catalog.getIndex(index_name)
        counts = []
        for value, found in index._index.items():
            if isinstance(found, int):
                found = IITreeSet((found,))
            count = len(intersection(rids, found))
            if count:
                counts.append((value, count))
        facets[name] = _ordered(counts)
    if terms:
        batch = matches[b_start:b_start + b_size]  # relevance order
    else:
        batch = search(sort_on="path", b_start=b_start, b_size=b_size, **query)[b_start:b_start + b_size]
    return SearchResult(items=list(batch), total=len(rids), facets=facets, backend="catalog", filters=filters)


def _rids(results):
    """The record ids of a catalog result without building its brains: ZCatalog's LazyMap keeps
    them (or (score, rid) pairs for a ranked full-text search) in ``_seq``."""
    seq = getattr(results, "_seq", None)
    if seq is not None:
        rids = [item[1] if isinstance(item, tuple) else item for item in seq]
        if all(isinstance(rid, int) for rid in rids):
            return rids
    return [brain.getRID() for brain in results]


class SolrNotAnswering(RuntimeError):
    """Solr's schema cannot be read: collective.solr would answer every query with no result."""


def _solr_search(plan, text, filters, b_start, b_size):
    catalog = api.portal.get_tool("portal_catalog")
    manager = queryUtility(ISolrConnectionManager)
    if manager is None or manager.getSchema() is None:
        raise SolrNotAnswering("collective.solr cannot read Solr's schema")
    query = _base_query(plan, filters)
    terms = words(text)
    if terms:
        query["SearchableText"] = " ".join(terms)
    else:
        query["sort_on"] = "path_string"
    response = catalog.searchResults(
        use_solr=True,
        b_start=b_start,
        b_size=b_size,
        facet="true",
        facet_field=[FACETS[name] for name in FACETS],
        facet_mincount="1",
        facet_limit="-1",
        **query,
    )
    fields = getattr(response, "facet_counts", None) or {}
    fields = fields.get("facet_fields", {}) if isinstance(fields, dict) else {}
    facets = {}
    for name, index_name in FACETS.items():
        counts = fields.get(index_name) or {}
        pairs = counts.items() if isinstance(counts, dict) else zip(counts[::2], counts[1::2])
        facets[name] = _ordered(
            (int(v) if name == "year" else v, int(c)) for v, c in pairs if int(c) > 0)
    results = response.results() if hasattr(response, "results") else response
    total = int(getattr(response, "actual_result_count", None) or len(results))
    items = [item for item in results[b_start:b_start + b_size] if item is not None]
    return SearchResult(items=items, total=total, facets=facets, backend="solr", filters=filters)


def _ordered(counts):
    return sorted(counts, key=lambda pair: (-pair[1], str(pair[0])))


def facet_titles(plan, result, request):
    """The facets of ``result`` for display: {facet: [{"value", "title", "count", "selected"}]},
    titles in the request's language (types, states and health by their vocabularies, pillars
    and values by their titles)."""
    from zope.component import getUtility
    from zope.i18n import translate
    from zope.schema.interfaces import IVocabularyFactory

    catalog = api.portal.get_tool("portal_catalog")
    types = api.portal.get_tool("portal_types")
    workflow = api.portal.get_tool("portal_workflow")
    health = getUtility(IVocabularyFactory, "imio.strategicplan.health")(plan)
    uids = {v for name in ("pillar", "value") for v, _count in result.facets.get(name, ())}
    titles = {}
    if uids:
        for brain in catalog_only(catalog)(UID=list(uids)):
            titles[brain.UID] = brain.Title

    def title(name, value):
        if name == "type":
            fti = types.getTypeInfo(value)
            return translate(fti.Title(), domain=fti.i18n_domain, context=request) if fti else value
        if name == "state":
            for chain in workflow.getChainForPortalType("StrategicPlan"):
                state = workflow[chain].states.get(value)
                if state is not None:
                    return translate(state.title, domain="imio.strategicplan", context=request)
            return value
        if name == "health":
            try:
                return translate(health.getTerm(value).title, context=request)
            except LookupError:
                return value
        if name in ("pillar", "value"):
            return titles.get(value, value)
        return str(value)

    shown = {}
    for name in FACETS:
        selected = {str(v) for v in result.filters.get(name, ())}
        shown[name] = [
            {"value": value, "title": title(name, value), "count": count, "selected": str(value) in selected}
            for value, count in result.facets.get(name, ())
        ]
    return shown


def item_summary(item, portal_url):
    """A result (a catalog brain or a Solr flare) as the same small mapping."""
    get = item.get if isinstance(item, dict) else (lambda key, default=None: getattr(item, key, default))
    path = get("path_string") or (item.getPath() if hasattr(item, "getPath") else None)
    site_path = "/".join(api.portal.get().getPhysicalPath())
    relative = path[len(site_path):] if path and path.startswith(site_path) else path
    return {
        "@id": f"{portal_url}{relative}",
        "@type": get("portal_type"),
        "UID": get("UID"),
        "title": get("Title"),
        "description": get("Description") or "",
        "review_state": get("review_state") or None,
    }
