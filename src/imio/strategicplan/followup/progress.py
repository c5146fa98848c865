"""The progress roll-up of a plan read from the catalog (docs/progress.md): the rules are in
``plan/progress.py``; here each item's metadata is read (indexers/followup.py), no item is woken."""

from Acquisition import aq_chain
from imio.strategicplan.plan.progress import Node
from imio.strategicplan.plan.progress import Rollup
from imio.strategicplan.search.catalog import catalog_only
from imio.strategicplan.search.catalog import item_urls
from imio.strategicplan.search.catalog import metadata
from plone import api


TYPES = ("Value", "Objective", "Indicator", "PriorityProject")


def rollup(plan, year):
    """The roll-up of ``plan`` for ``year`` (a plan.progress.Rollup), over the items the current
    user may see."""
    return Rollup(nodes(plan), year)


def nodes(plan):
    """The plan and its values, objectives, indicators and projects as plan.progress.Node, each
    container's items in folder order (the catalog's ``position_in_parent``)."""
    plan_path = "/".join(plan.getPhysicalPath())
    plan_uid = api.content.get_uuid(plan)
    brains = catalog_only(api.portal.get_tool("portal_catalog"))(path=plan_path, portal_type=list(TYPES))
    url_of = item_urls(plan, plan_path)
    found, uid_of = [], {plan_path: plan_uid}
    for brain in brains:
        path = brain.getPath()
        uid_of[path] = brain.UID
        position = metadata(brain, "position_in_parent")
        found.append((position if isinstance(position, int) else float("inf"), path, brain))
    found.sort(key=lambda row: row[:2])
    items = [Node(plan_uid, "StrategicPlan", None, title=plan.title, url=plan.absolute_url())]
    for _, path, brain in found:
        parent = uid_of.get(path.rsplit("/", 1)[0])
        if parent is None:  # in a container the user may not see: not part of the roll-up
            continue
        items.append(
            Node(
                brain.UID,
                brain.portal_type,
                parent,
                weight=metadata(brain, "weight"),
                progress=metadata(brain, "progress"),
                status=metadata(brain, "status"),
                summary=metadata(brain, "indicator_summary"),
                served=metadata(brain, "served_uids") or (),
                title=brain.Title,
                url=url_of(path),
            )
        )
    return items


def plan_of(item):
    """The StrategicPlan holding ``item`` (or ``item`` itself)."""
    for obj in aq_chain(item):
        if getattr(obj, "portal_type", None) == "StrategicPlan":
            return obj
    return None
