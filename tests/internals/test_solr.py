"""Pins what internals/solr.py uses of collective.solr beyond its interfaces. The indexing
processor and the parser are run against a real Solr by tests/solr/ (sync)."""

from Acquisition import aq_base
from collective.solr.local import setLocal
from imio.strategicplan.internals import solr as internals

import inspect


def test_catalog_only_is_the_catalogs_own_search(integration):
    catalog = integration["portal"].portal_catalog
    # collective.solr's patch keeps the original under this name: without it the dispatcher answers
    original = getattr(type(aq_base(catalog)), "_cs_old_searchResults", None)
    assert original is not None and original is not type(aq_base(catalog)).searchResults
    search = internals.catalog_only(catalog)
    assert search.__func__ is original
    assert len(search(portal_type="StrategicPlan")) == 1


def test_thread_connection_is_what_the_manager_keeps():
    key, connection = internals.SolrConnectionManager().connection_key, object()
    setLocal(key, connection)
    try:
        assert internals.thread_connection(key) is connection
    finally:
        setLocal(key, None)


def test_what_the_other_names_take():
    assert list(inspect.signature(internals.SolrResponse).parameters)[:1] == ["data"]
    assert "manager" in inspect.signature(internals.SolrIndexProcessor).parameters
    assert isinstance(internals.SolrConnectionManager().connection_key, str)
