"""A catalog search read as plain rows of metadata, without catalog brains.

On a plan of thousands of items a brain costs more than the rest of the work (a Record made,
acquisition-wrapped, each attribute looked up in Python): @plan-tree, @progress and the
follow-up lists read the metadata records themselves. This uses ZCatalog beyond its public API,
here only (tests/content/test_records.py pins each use): the rids behind the LazyMap that
``searchResults`` returns (``_seq``, made by ``Catalog.__getitem__``), and the catalog's
``data`` (rid → metadata tuple), ``schema`` (column → place in it) and ``paths`` (rid → path).
"""

from collections import namedtuple
from imio.strategicplan.search.catalog import catalog_only
from Products.ZCatalog.Catalog import Catalog
from ZTUtils.Lazy import LazyMap

import Missing


def rids(results):
    """The record ids of a catalog search's results, without making brains where it can."""
    if isinstance(results, LazyMap) and getattr(results._func, "__func__", None) is Catalog.__getitem__:
        return results._seq
    return [brain.getRID() for brain in results]


def records(catalog, columns, **query):
    """The results of the catalog's own search of ``query`` (Plone's: what the current user may
    see; never collective.solr's: rows are the catalog's records) as rows with ``rid``, ``path``
    and one attribute per metadata column of ``columns`` (None where the catalog has none)."""
    Row = _row_type(tuple(columns))
    inner = catalog._catalog
    data, paths, missing = inner.data, inner.paths, Missing.Value
    places = [inner.schema[name] for name in columns]
    found = []
    for rid in rids(catalog_only(catalog)(**query)):
        record = data[rid]
        values = [record[place] for place in places]
        found.append(Row(rid, paths[rid], *(None if v is missing else v for v in values)))
    return found


_ROW_TYPES = {}


def _row_type(columns):
    row = _ROW_TYPES.get(columns)
    if row is None:
        row = _ROW_TYPES[columns] = namedtuple("Row", ("rid", "path", *columns))
    return row
