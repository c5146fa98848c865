"""Catalog indexes that place an item in its plan (also the fields of the Solr schema, docs/solr.md).

`plan_uid`, `value_uid`, `objective_uid`: the UID of the plan, value or objective holding the item
(the item's own on the plan, value or objective). `pillars`: the UIDs of the pillars an item
serves — a pillar's own, an objective's `pillars` relations, an indicator's objective's, a
project's served objectives'. `status` of a project, `year` of a financial year. An item a
value does not apply to is left out of that index (AttributeError, plone.indexer's rule).

`position_in_parent` (metadata): the item's place among its container's items, what Plone's
`getObjPositionInParent` gives, kept so that @plan-tree and the follow-up lists sort in folder
order without waking the containers; a reorder reindexes the items it moved
(`reindex_positions`).

`review_state` of an item is its plan's state: items have no workflow of their own and take the
plan's permissions, so one state governs the plan (docs/decisions.md). `SearchableText` joins an
item's own texts and, for an objective, its indicators' titles (docs/solr.md).
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from imio.strategicplan.content.financial_year import IFinancialYear
from imio.strategicplan.content.priority_project import IPriorityProject
from imio.strategicplan.interfaces import IPlanContent
from imio.strategicplan.internals.catalog import unrestricted_object
from imio.strategicplan.plan.tree import children
from plone import api
from plone.folder.interfaces import IExplicitOrdering
from plone.folder.interfaces import IOrderableFolder
from plone.indexer import indexer
from plone.uuid.interfaces import IUUID
from Products.CMFCore.utils import getToolByName
from zope.lifecycleevent.interfaces import IObjectMovedEvent


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
        found = [p for o in _targets(obj, "served") if o.portal_type == "Objective" for p in _targets(o, "pillars")]
    else:
        found = []
    return list(dict.fromkeys(IUUID(p) for p in found))


@indexer(IPlanContent)
def pillars(obj):
    uids = pillar_uids(obj)
    if not uids:
        raise AttributeError("pillars")
    return uids


def _ordering(container):
    """The container's explicit ordering, or None when its items are not ordered."""
    if not IOrderableFolder.providedBy(container):
        return None
    ordering = container.getOrdering()
    return ordering if IExplicitOrdering.providedBy(ordering) else None


@indexer(IPlanContent)
def position_in_parent(obj):
    ordering = _ordering(aq_parent(aq_inner(obj)))
    if ordering is None:
        raise AttributeError("position_in_parent")
    return ordering.getObjectPosition(obj.getId())


def reindex_positions(container, event):
    """The container's items were reordered (moved up or down, to the top, rearranged, by
    plone.restapi's ordering PATCH), one was added or removed: the items whose catalogued
    ``position_in_parent`` is no longer their place are reindexed (metadata only). Items not in
    the catalog yet (being created, an import) get theirs when they are indexed."""
    ordering = _ordering(container)
    catalog = getToolByName(container, "portal_catalog", None)
    if ordering is None or catalog is None:
        return
    path = "/".join(container.getPhysicalPath())
    if catalog.getrid(path) is None:  # a container not catalogued yet: nor are its items
        return
    for position, item_id in enumerate(ordering.idsInOrder()):
        rid = catalog.getrid(f"{path}/{item_id}")
        if rid is None:
            continue
        if catalog.getMetadataForRID(rid).get("position_in_parent") != position:
            item = container._getOb(item_id)
            # getObjPositionInParent is plone.folder's stub index: the metadata alone is written
            item.reindexObject(idxs=["getObjPositionInParent"])


@indexer(IPriorityProject)
def status(obj):
    return obj.status


@indexer(IFinancialYear)
def year(obj):
    return obj.year


@indexer(IPlanContent)
def review_state(obj):
    plan = _holder(obj, "StrategicPlan")
    # the tool by acquisition: the indexing queue may run at commit, with no site set
    workflow = getToolByName(plan, "portal_workflow", None)
    state = workflow.getInfoFor(plan, "review_state", None) if workflow is not None else None
    if state is None:
        raise AttributeError("review_state")
    return state


# The texts of each type that full-text search reads, after its title and description.
SEARCHABLE_FIELDS = {
    "StrategicPlan": ("reference", "vision", "legal_basis", "adopted_by"),
    "Pillar": ("code",),
    "Value": ("motto", "explanation"),
    "Objective": ("responsible",),
    "Indicator": ("unit",),
    "PriorityProject": ("details", "lead"),
    "FinancialYear": ("year", "notes"),
}


def searchable_text(obj):
    """The words full-text search finds ``obj`` by: title, description, the type's texts
    (SEARCHABLE_FIELDS) and, for an objective, the titles of its indicators."""
    base = aq_base(obj)
    parts = [getattr(base, "title", None), getattr(base, "description", None)]
    parts += [getattr(base, name, None) for name in SEARCHABLE_FIELDS.get(obj.portal_type, ())]
    if obj.portal_type == "Objective":
        parts += [child.title for child in children(obj, "Indicator")]
    texts = (str(part).strip() for part in parts if part not in (None, ""))
    return " ".join(dict.fromkeys(text for text in texts if text))  # a text said twice, once


@indexer(IPlanContent)
def SearchableText(obj):
    return searchable_text(obj)


def reindex_objective_text(obj, event):
    """An indicator was added, renamed, moved, removed or edited: the objective holding it (before
    and after a move) searches by its indicators' titles, so its SearchableText is reindexed.
    When the event is about a container of the indicator, that container reindexes itself."""
    if IObjectMovedEvent.providedBy(event):
        if event.object is not obj:
            return
        parents = [event.oldParent, event.newParent]
    else:
        parents = [aq_parent(aq_inner(obj))]
    for parent in parents:
        if parent is not None and getattr(aq_base(parent), "portal_type", None) == "Objective":
            parent.reindexObject(idxs=["SearchableText"])


def reindex_plan_state(plan, event=None):
    """The plan changed state: its items' `review_state` (the plan's) is reindexed."""
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(plan.getPhysicalPath())
    for brain in catalog.unrestrictedSearchResults(path={"query": path, "depth": -1}):
        if brain.getPath() != path:
            unrestricted_object(brain).reindexObject(idxs=["review_state"])


def reindex_served_pillars(obj, event):
    """An objective's pillars changed (or may have): its indicators and the projects serving it
    take their `pillars` from it, so they are reindexed too."""
    for child in children(obj, "Indicator"):
        child.reindexObject(idxs=["pillars"])
    for relation in api.relation.get(target=obj, relationship="served", unrestricted=True):
        if relation.from_object is not None:
            relation.from_object.reindexObject(idxs=["pillars"])
