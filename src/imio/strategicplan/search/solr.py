"""Switching Solr search on and off for a site, and bringing the Solr core back in line with the
catalog after Solr was down (docs/solr.md). Used by `strategicplan-solr` and the tests.

collective.solr indexes on commit and only logs an error when Solr does not answer: the edit is
kept in the site, the Solr core misses it. `sync` compares every document of the core with the
catalog — presence, modification time, path, review state and who may see it — and re-sends what
differs, so a workflow change made while Solr was down (which changes no modification time) is
caught as well as an edit, a move or a deletion.
"""

from collective.solr.interfaces import ISolrConnectionManager
from collective.solr.utils import isActive
from dataclasses import dataclass
from imio.strategicplan.internals.catalog import unrestricted_object
from imio.strategicplan.internals.solr import index_processor
from imio.strategicplan.internals.solr import parsed
from imio.strategicplan.internals.solr import SolrConnectionManager
from imio.strategicplan.internals.solr import thread_connection
from plone import api
from zope.component import getUtility

import os


PROFILE = "profile-imio.strategicplan:solr"
# the fields sync compares between the catalog (metadata or index) and Solr
COMPARED = ("modified", "path_string", "review_state", "allowedRolesAndUsers")
MAX_ROWS = 1_000_000


class SolrUnavailable(RuntimeError):
    """Solr is switched off for the site, or does not answer."""


@dataclass
class SyncReport:
    indexed: int = 0  # in the catalog, not in Solr
    reindexed: int = 0  # in both, different
    deleted: int = 0  # in Solr, not in the catalog
    unchanged: int = 0

    def __str__(self):
        return f"{self.indexed} indexed, {self.reindexed} reindexed, {self.deleted} deleted, {self.unchanged} unchanged"


def connection_settings():
    """(host, port, base) collective.solr connects to: the environment's COLLECTIVE_SOLR_HOST,
    COLLECTIVE_SOLR_PORT and COLLECTIVE_SOLR_BASE over the site's registry."""
    get = api.portal.get_registry_record
    return (
        os.environ.get("COLLECTIVE_SOLR_HOST", get("collective.solr.host")),
        int(os.environ.get("COLLECTIVE_SOLR_PORT", get("collective.solr.port"))),
        os.environ.get("COLLECTIVE_SOLR_BASE", get("collective.solr.base")),
    )


class PlanSolrConnectionManager(SolrConnectionManager):
    """collective.solr's connection manager, which keeps one connection per thread for the life
    of the process: a changed host, port or core path (registry or environment) reached a thread
    only after a restart. This one reopens a thread's connection when the settings it was opened
    with are no longer the current ones. Registered by the `solr` profile."""

    def getConnection(self):
        connection = thread_connection(self.connection_key)
        if connection is not None and getattr(connection, "_plan_settings", None) != _current_settings():
            self.closeConnection(clearSchema=True)
        connection = super().getConnection()
        if connection is not None:
            connection._plan_settings = _current_settings()
        return connection


def _current_settings():
    try:
        return connection_settings()
    except (KeyError, api.exc.InvalidParameterError):
        return None


def enable(site, host=None, port=None, base=None):
    """Install the `solr` profile (collective.solr) if needed, switch Solr on, store the given
    connection settings."""
    setup = api.portal.get_tool("portal_setup")
    if setup.getLastVersionForProfile(PROFILE) == "unknown":
        setup.runAllImportStepsFromProfile(PROFILE)
    for key, value in (("host", host), ("port", port), ("base", base)):
        if value is not None:
            api.portal.set_registry_record(f"collective.solr.{key}", value)
    api.portal.set_registry_record("collective.solr.active", True)
    _manager().closeConnection(clearSchema=True)


def disable(site):
    """Switch Solr off: searches use the catalog, edits are not sent to Solr (run `sync` after
    switching it on again)."""
    try:
        api.portal.set_registry_record("collective.solr.active", False)
    except api.exc.InvalidParameterError:
        return  # never installed
    _manager().closeConnection(clearSchema=True)


def _manager():
    return getUtility(ISolrConnectionManager)


def connect():
    """The open connection to the site's Solr core; SolrUnavailable when off or not answering."""
    if not isActive():
        raise SolrUnavailable("Solr is switched off for this site (strategicplan-solr enable)")
    manager = _manager()
    manager.closeConnection(clearSchema=True)
    host, port, base = connection_settings()
    try:
        connection = manager.getConnection()
        schema = manager.getSchema()
    except Exception as error:
        raise SolrUnavailable(f"Solr at http://{host}:{port}{base} does not answer: {error}") from error
    if connection is None or schema is None:
        raise SolrUnavailable(f"Solr at http://{host}:{port}{base} does not answer (no schema)")
    return connection


def _solr_documents(connection, site_path):
    """The site's documents in Solr (a core may hold other sites too)."""
    escaped = site_path.replace("\\", "\\\\").replace('"', '\\"')
    response = connection.search(q=f'path_parents:"{escaped}"', rows=MAX_ROWS, fl="UID " + " ".join(COMPARED))
    flares = parsed(response)
    response.close()
    return {flare["UID"]: flare for flare in flares}


def _stamp(value):
    """A modification time to the second, whatever its type (Zope DateTime or datetime)."""
    if value is None:
        return None
    if hasattr(value, "timeTime"):
        return int(value.timeTime())
    if hasattr(value, "timestamp"):
        return int(value.timestamp())
    return str(value)


def _catalog_values(catalog, brain):
    rid = brain.getRID()
    indexed = catalog.getIndexDataForRID(rid)
    return {
        "modified": _stamp(brain.modified),
        "path_string": brain.getPath(),
        "review_state": indexed.get("review_state") or None,
        "allowedRolesAndUsers": sorted(indexed.get("allowedRolesAndUsers") or ()),
    }


def _solr_values(flare):
    roles = flare.get("allowedRolesAndUsers") or ()
    if isinstance(roles, str):
        roles = [roles]
    return {
        "modified": _stamp(flare.get("modified")),
        "path_string": flare.get("path_string"),
        "review_state": flare.get("review_state") or None,
        # collective.solr writes "user:x" as "user$x" in Solr
        "allowedRolesAndUsers": sorted(r.replace("$", ":", 1) for r in roles),
    }


def sync(site, log=None):
    """Bring the Solr core in line with the catalog; returns a SyncReport. SolrUnavailable when
    Solr is off or does not answer (nothing is changed then)."""
    log = log or (lambda message: None)
    connection = connect()
    catalog = api.portal.get_tool("portal_catalog")
    site_path = "/".join(site.getPhysicalPath())
    in_solr = _solr_documents(connection, site_path)
    processor = index_processor(_manager())
    report = SyncReport()
    seen = set()
    for brain in catalog.unrestrictedSearchResults(path=site_path):
        uid = brain.UID
        if not uid:
            continue
        seen.add(uid)
        flare = in_solr.get(uid)
        if flare is not None and _solr_values(flare) == _catalog_values(catalog, brain):
            report.unchanged += 1
            continue
        obj = unrestricted_object(brain)
        processor.index(obj)
        if flare is None:
            report.indexed += 1
        else:
            report.reindexed += 1
        if (report.indexed + report.reindexed) % 500 == 0:
            connection.flush()
            log(f"… {report.indexed + report.reindexed} sent")
    for uid in set(in_solr) - seen:
        connection.delete(id=uid)
        report.deleted += 1
    connection.commit()
    log(str(report))
    return report
