"""Catalog indexes that place an item in its plan (also the fields of the Solr schema, docs/solr.md).

`plan_uid`, `value_uid`, `objective_uid`: the UID of the plan, value or objective holding the item
(the item's own on the plan, value or objective). `pillars`: the UIDs of the pillars an item
serves — a pillar's own, an objective's `pillars` relations, an indicator's objective's, a
project's served objectives'. `status` of a project, `year` of a financial year. An item a
value does not apply to is left out of that index (AttributeError, plone.indexer's rule).
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from imio.strategicplan.content.financial_year import IFinancialYear
from imio.strategicplan.content.priority_project import IPriorityProject
from imio.strategicplan.interfaces import IPlanContent
from plone import api
from plone.indexer import indexer
from plone.uuid.interfaces import IUUID


def _holder(obj, portal_type):
    """The nearest of ``portal_type`` among obj and its parents; AttributeError when none."""
    for item in aq_chain(aq_inner(obj)):
        if getattr(aq_base(item), "portal_type", None) == portal_type:
            return item
    raise AttributeError(portal_type)


def _targets(obj, name):
    """The objects of the relation list ``name`` (broken relations left out)."""
    return [r.to_object for r in getattr(aq_base(obj), name, None) or () if r.to_object is not None]


@indexer(IPlanContent)
def plan_uid(obj):
    return IUUID(_holder(obj, "StrategicPlan"))


@indexer(IPlanContent)
def value_uid(obj):
    return IUUID(_holder(obj, "Value"))


@indexer(IPlanContent)
def objective_uid(obj):
    return IUUID(_holder(obj, "Objective"))


def pillar_uids(obj):
    """The UIDs of the pillars ``obj`` serves, in order, without repeats."""
    portal_type = obj.portal_type
    if portal_type == "Pillar":
        found = [obj]
    elif portal_type == "Objective":
        found = _targets(obj, "pillars")
    elif portal_type == "Indicator":
        try:
            found = _targets(_holder(obj, "Objective"), "pillars")
        except AttributeError:
            found = []
    elif portal_type == "PriorityProject":
        found = [p for o in _targets(obj, "served") if o.portal_type == "Objective"
                 for p in _targets(o, "pillars")]
    else:
        found = []
    return list(dict.fromkeys(IUUID(p) for p in found))


@indexer(IPlanContent)
def pillars(obj):
    uids = pillar_uids(obj)
    if not uids:
        raise AttributeError("pillars")
    return uids


@indexer(IPriorityProject)
def status(obj):
    return obj.status


@indexer(IFinancialYear)
def year(obj):
    return obj.year


def reindex_served_pillars(obj, event):
    """An objective's pillars changed (or may have): its indicators and the projects serving it
    take their `pillars` from it, so they are reindexed too."""
    for child in obj.objectValues():
        if getattr(child, "portal_type", None) == "Indicator":
            child.reindexObject(idxs=["pillars"])
    for relation in api.relation.get(target=obj, relationship="served", unrestricted=True):
        if relation.from_object is not None:
            relation.from_object.reindexObject(idxs=["pillars"])
