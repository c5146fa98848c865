"""The progress roll-up of a plan read from the catalog (docs/progress.md): the rules are in
``plan/progress.py``; here each item's metadata is read (indexers/followup.py), no item is woken."""

from Acquisition import aq_chain
from imio.strategicplan.plan.progress import Node
from imio.strategicplan.plan.progress import Rollup
from imio.strategicplan.search.catalog import item_urls
from imio.strategicplan.search.records import records
from plone import api


TYPES = ("Value", "Objective", "Indicator", "PriorityProject")
COLUMNS = (
    "UID",
    "portal_type",
    "Title",
    "weight",
    "progress",
    "status",
    "indicator_summary",
    "served_uids",
    "position_in_parent",
)


def rollup(plan, year):
    """The roll-up of ``plan`` for ``year`` (a plan.progress.Rollup), over the items the current
    user may see."""
    return Rollup(nodes(plan), year)


def nodes(plan):
    """The plan and its values, objectives, indicators and projects as plan.progress.Node, each
    container's items in folder order (the catalog's ``position_in_parent``)."""
    plan_path = "/".join(plan.getPhysicalPath())
    plan_uid = api.content.get_uuid(plan)
    rows = records(api.portal.get_tool("portal_catalog"), COLUMNS, path=plan_path, portal_type=list(TYPES))
    rows.sort(
        key=lambda row: (row.position_in_parent if isinstance(row.position_in_parent, int) else float("inf"), row.path)
    )
    uid_of = {row.path: row.UID for row in rows}
    uid_of[plan_path] = plan_uid
    url_of = item_urls(plan, plan_path)
    items = [Node(plan_uid, "StrategicPlan", None, title=plan.title, url=plan.absolute_url())]
    for row in rows:
        parent = uid_of.get(row.path.rsplit("/", 1)[0])
        if parent is None:  # in a container the user may not see: not part of the roll-up
            continue
        items.append(
            Node(
                row.UID,
                row.portal_type,
                parent,
                row.weight,
                row.progress,
                row.status,
                row.indicator_summary,
                row.served_uids or (),
                row.Title,
                url_of(row.path),
            )
        )
    return items


def plan_of(item):
    """The StrategicPlan holding ``item`` (or ``item`` itself)."""
    for obj in aq_chain(item):
        if getattr(obj, "portal_type", None) == "StrategicPlan":
            return obj
    return None
