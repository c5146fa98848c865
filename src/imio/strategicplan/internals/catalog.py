"""Products.ZCatalog and Plone's catalog tool beyond their public API (pinned by
tests/internals/test_catalog.py)."""


def index(catalog, name):
    """The index object ``name`` of the catalog (``catalog._catalog.getIndex``)."""
    return catalog._catalog.getIndex(name)


def index_values(index):
    """A field or keyword index's forward mapping, value → record ids (an int or a set)
    (``UnIndex._index``)."""
    return index._index


def record_values(index):
    """A field or keyword index's reverse mapping, record id → value(s) (``UnIndex._unindex``)."""
    return index._unindex


def result_record_ids(results):
    """The record ids of a catalog result without building its brains, or None when the result
    does not keep them: ZCatalog's LazyMap keeps them (or (score, rid) pairs for a ranked search)
    in ``_seq``."""
    seq = getattr(results, "_seq", None)
    if seq is None:
        return None
    rids = [item[1] if isinstance(item, tuple) else item for item in seq]
    return rids if all(isinstance(rid, int) for rid in rids) else None


def allowed_roles_and_users(catalog, user):
    """What the catalog adds to a query as ``allowedRolesAndUsers`` for ``user``
    (``CatalogTool._listAllowedRolesAndUsers``)."""
    return catalog._listAllowedRolesAndUsers(user)


def unrestricted_object(brain):
    """The object of a catalog result, whatever the current user may see
    (``AbstractCatalogBrain._unrestrictedGetObject``)."""
    return brain._unrestrictedGetObject()


def catalog_state(catalog):
    """(counter, commit serial) of the catalog, or None while this transaction changed it: the
    catalog's change counter (``getCounter()``, public; it processes the indexing queue first) and
    the ZODB serial of the ``_counter`` object that holds it, so that two states on two Zope
    instances or two test databases never compare equal by chance."""
    count = catalog.getCounter()
    counter = getattr(catalog, "_counter", None)
    if counter is None or counter._p_changed or counter._p_serial is None:
        return None
    return count, counter._p_serial
