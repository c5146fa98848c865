"""Search inside a plan, with facets: through Solr (collective.solr) when it is switched on, through
the catalog otherwise or when Solr does not answer (docs/solr.md).

Both backends answer the same question the same way: the items of the plan the user may see that
match the words (all of them, accents ignored) and the filters (values of one facet are or-ed,
facets are and-ed), and for each facet the number of those items per value. Solr adds French
analysis (stemming, stop words); the catalog matches word beginnings.
"""

from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import intersection
from collections import Counter
from collective.solr.interfaces import ISolrConnectionManager
from collective.solr.utils import isActive
from dataclasses import dataclass
from dataclasses import field
from imio.strategicplan import _
from imio.strategicplan.content import PLAN_TYPES
from imio.strategicplan.i18n import localize
from imio.strategicplan.internals import catalog as internals
from imio.strategicplan.plan.years import parse_year
from imio.strategicplan.plan.years import YearError
from imio.strategicplan.search.catalog import catalog_only
from imio.strategicplan.vocabularies.choices import HEALTH
from plone import api
from zope.component import queryUtility
from zope.i18n import translate

import json
import logging
import re


logger = logging.getLogger("imio.strategicplan.search.query")

# facet (request parameter) -> catalog index and Solr field
FACETS = {
    "type": "portal_type",
    "pillar": "pillars",
    "value": "value_uid",
    "state": "review_state",
    "health": "health",
    "year": "year",
}
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
    solr_qtime: int = None  # Solr's own time for the query (ms, its answer's QTime)


def read_filters(form):
    """The facet filters of a request's form: {facet: [values]}; SearchInputError when a year is
    not one (plan/years.py)."""
    filters = {}
    for name in FACETS:
        raw = form.get(name)
        if raw in (None, "", []):
            continue
        values = [v for v in (raw if isinstance(raw, (list, tuple)) else [raw]) if v != ""]
        if name == "year":  # a facet: several years may be asked for, each read by the one rule
            try:
                values = [parse_year(v) for v in values]
            except YearError as exc:
                raise SearchInputError(name, localize(exc.message)) from None
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
            raise SearchInputError(
                name,
                localize(
                    _(
                        "${name} : nombre entier attendu (${bounds}), reçu « ${value} »",
                        mapping={"name": name, "bounds": bounds, "value": raw},
                    )
                ),
            )
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
            logger.warning(
                "Solr did not answer a plan search (%s: %s); answering from the catalog", type(error).__name__, error
            )
            manager = queryUtility(ISolrConnectionManager)
            if manager is not None:
                manager.closeConnection(clearSchema=True)
            result = _catalog_search(plan, text, filters, b_start, b_size)
            result.warning = localize(
                _(
                    "Le moteur de recherche Solr ne répond pas : ces résultats viennent du catalogue "
                    "du site (sans l'analyse du français : « objectifs » n'y trouve pas « objectif »)."
                )
            )
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


def _catalog_search(plan, text, filters, b_start, b_size):
    catalog = api.portal.get_tool("portal_catalog")
    search = catalog_only(catalog)
    query = _base_query(plan, filters)
    # every word, by its beginning (as Plone's search page does); "and", "or", "not" would be
    # operators of the text index's query language
    terms = [term for term in words(text) if term.lower() not in ("and", "or", "not")]
    if terms:
        query["SearchableText"] = " AND ".join(f"{term}*" for term in terms)
    else:
        query["sort_on"] = "path"  # relevance otherwise
    matches = search(**query)
    rids = IITreeSet(_rids(matches))
    facets = {}
    for name, index_name in FACETS.items():
        facets[name] = _ordered(_catalog_counts(internals.index(catalog, index_name), rids))
    batch = matches[b_start : b_start + b_size]
    return SearchResult(items=list(batch), total=len(rids), facets=facets, backend="catalog", filters=filters)


def _catalog_counts(index, rids):
    """(value, count) of a field or keyword index over the record ids ``rids``: by each record's
    values when they are fewer than the index's values, by intersecting each value's records
    with them otherwise."""
    forward = internals.index_values(index)
    if len(rids) < len(forward):
        counts = Counter()
        unindex = internals.record_values(index)
        for rid in rids:
            values = unindex.get(rid)
            if values is None:
                continue
            if isinstance(values, (str, int)):
                counts[values] += 1
            else:  # a keyword index keeps each record's keywords together
                counts.update(set(values))
        return counts.items()
    counts = []
    for value, found in forward.items():
        if isinstance(found, int):
            found = IITreeSet((found,))
        count = len(intersection(rids, found))
        if count:
            counts.append((value, count))
    return counts


def _rids(results):
    """The record ids of a catalog result, without building its brains where the result keeps them."""
    rids = internals.result_record_ids(results)
    return rids if rids is not None else [brain.getRID() for brain in results]


class SolrNotAnswering(RuntimeError):
    """Solr's schema cannot be read: collective.solr would answer every query with no result."""


# the stored fields a result needs (not the full text: it would travel with every result)
RESULT_FIELDS = "UID Title Description portal_type path_string review_state"


def _quoted(value):
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _solr_params(plan, text, filters, b_start, b_size):
    """Solr's parameters for a plan search, the security filters included: the user's roles and
    groups (allowedRolesAndUsers, as the catalog adds them) and, unless the user may see
    inactive content, the publication dates (to the minute, so that Solr can cache the filter)."""
    catalog = api.portal.get_tool("portal_catalog")
    plan_path = "/".join(plan.getPhysicalPath())
    user = api.user.get_current()
    roles = internals.allowed_roles_and_users(catalog, user)
    # collective.solr stores "user:x" as "user$x"
    filter_queries = [
        "path_parents:" + _quoted(plan_path),
        "allowedRolesAndUsers:(" + " OR ".join(_quoted(r.replace(":", "$", 1)) for r in roles) + ")",
    ]
    if not catalog.allow_inactive({"path": plan_path}):
        filter_queries.append("effective:[* TO NOW/MINUTE+1MINUTE] AND expires:[NOW/MINUTE TO *]")
    for name, index in FACETS.items():
        values = filters.get(name)
        if values:
            filter_queries.append(f"{index}:(" + " OR ".join(_quoted(v) for v in values) + ")")
    if "type" not in filters:
        filter_queries.append("portal_type:(" + " OR ".join(PLAN_TYPES) + ")")
    terms = [term.lower() for term in words(text)]
    params = {
        "fq": filter_queries,
        "fl": RESULT_FIELDS,
        "start": b_start,
        "rows": b_size,
        "wt": "json",
        "facet": "true",
        "facet.field": list(FACETS.values()),
        "facet.mincount": 1,
        "facet.limit": -1,
    }
    if terms:
        # every word: in the title, the description or the text, stemmed; and, from three
        # letters on, as the beginning of a word (as the catalog matches)
        clauses = []
        for term in terms:
            parts = [f"Title:{term}^5", f"Description:{term}^2", f"SearchableText:{term}"]
            if len(term) >= 3:
                parts.append(f"SearchableText:{term}*")
            clauses.append("(" + " OR ".join(parts) + ")")
        params["q"] = " AND ".join(clauses)
    else:
        params["q"] = "*:*"
        params["sort"] = "path_string asc"
    return params


def _solr_search(plan, text, filters, b_start, b_size):
    """Straight to Solr's /select over collective.solr's connection (its settings, login and
    timeouts), in JSON and with only the fields shown: collective.solr's catalog dispatcher
    would parse every stored field of each result from XML (docs/performance.md)."""
    manager = queryUtility(ISolrConnectionManager)
    if manager is None or manager.getSchema() is None:
        raise SolrNotAnswering("collective.solr cannot read Solr's schema")
    connection = manager.getConnection()
    manager.setSearchTimeout()
    try:
        response = connection.search(**_solr_params(plan, text, filters, b_start, b_size))
        data = json.loads(response.read())
        response.close()
    finally:
        manager.setTimeout(None)
    fields = data.get("facet_counts", {}).get("facet_fields", {})
    facets = {}
    for name, index_name in FACETS.items():
        flat = fields.get(index_name) or []
        facets[name] = _ordered(
            (int(v) if name == "year" else v, int(c)) for v, c in zip(flat[::2], flat[1::2]) if int(c) > 0
        )
    found = data["response"]
    return SearchResult(
        items=found["docs"],
        total=int(found["numFound"]),
        facets=facets,
        backend="solr",
        filters=filters,
        solr_qtime=data.get("responseHeader", {}).get("QTime"),
    )


def _ordered(counts):
    return sorted(counts, key=lambda pair: (-pair[1], str(pair[0])))


def facet_titles(plan, result, request):
    """The facets of ``result`` for display: {facet: [{"value", "title", "count", "selected"}]},
    titles in the request's language (types, states and health by their vocabularies, pillars
    and values by their titles)."""
    catalog = api.portal.get_tool("portal_catalog")
    workflow = api.portal.get_tool("portal_workflow")
    uids = {v for name in ("pillar", "value") for v, _count in result.facets.get(name, ())}
    titles = {}
    if uids:
        for brain in catalog_only(catalog)(UID=list(uids)):
            titles[brain.UID] = brain.Title

    def title(name, value):
        if name == "type":
            return type_title(value, request)
        if name == "state":
            for chain in workflow.getChainForPortalType("StrategicPlan"):
                state = workflow[chain].states.get(value)
                if state is not None:
                    return translate(state.title, domain="imio.strategicplan", context=request)
            return value
        if name == "health":
            try:
                return translate(HEALTH.getTerm(value).title, context=request)
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


def type_title(portal_type, request):
    """A type's title in the request's language (the type id when it is no type)."""
    fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
    return translate(fti.Title(), domain=fti.i18n_domain, context=request) if fti else portal_type


def item_summaries(items):
    """Results (catalog brains or Solr documents) as the same small mappings."""
    site = api.portal.get()
    site_url, site_path = site.absolute_url(), "/".join(site.getPhysicalPath())
    return [_summary(item, site_url, site_path) for item in items]


def _summary(item, site_url, site_path):
    get = item.get if isinstance(item, dict) else (lambda key, default=None: getattr(item, key, default))
    path = get("path_string") or (item.getPath() if hasattr(item, "getPath") else None)
    relative = path[len(site_path) :] if path and path.startswith(site_path) else path
    return {
        "@id": f"{site_url}{relative}",
        "@type": get("portal_type"),
        "UID": get("UID"),
        "title": get("Title"),
        "description": get("Description") or "",
        "review_state": get("review_state") or None,
    }
