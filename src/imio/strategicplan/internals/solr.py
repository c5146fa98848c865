"""collective.solr beyond its public API (its interfaces and ``utils.isActive``) (pinned by
tests/internals/test_solr.py)."""

from collective.solr.indexer import SolrIndexProcessor
from collective.solr.local import getLocal
from collective.solr.manager import SolrConnectionManager
from collective.solr.parser import SolrResponse  # noqa: F401 (pinned by the tests)


__all__ = ["SolrConnectionManager", "catalog_only", "index_processor", "parsed", "thread_connection"]


def catalog_only(catalog):
    """The catalog's own search, whatever collective.solr's dispatcher would choose: its patch of
    the catalog tool keeps the original ``searchResults`` as ``_cs_old_searchResults``."""
    return getattr(catalog, "_cs_old_searchResults", catalog.searchResults)


def thread_connection(key):
    """The Solr connection collective.solr keeps for this thread under ``key`` (the manager's
    ``connection_key``), or None (``collective.solr.local.getLocal``)."""
    return getLocal(key)


def parsed(response):
    """A Solr XML response as collective.solr's results (flares with ``[]`` access)."""
    return SolrResponse(response)


def index_processor(manager):
    """collective.solr's own indexing, one object at a time (``SolrIndexProcessor``)."""
    return SolrIndexProcessor(manager)
