"""GET <plan>/@plan-tree[?depth=N][&types=Value,Objective]: the whole plan in one response."""

from imio.strategicplan import _
from imio.strategicplan.content import ITEM_TYPES
from imio.strategicplan.restapi.cache import CachedCatalogService
from imio.strategicplan.restapi.errors import error
from imio.strategicplan.search.catalog import item_urls
from imio.strategicplan.search.records import records
from plone import api


# Items nest at most plan > value > objective > indicator; a deeper `depth` means "all" (and is
# not handed to the path index, whose work grows with the depth asked: found by schemathesis).
MAX_DEPTH = 8
COLUMNS = ("portal_type", "UID", "getId", "Title", "health", "progress", "indicator_summary", "position_in_parent")


class PlanTree(CachedCatalogService):
    """The plan's hierarchy from catalog metadata: no content object is woken."""

    def reply(self):
        try:
            depth, types = self._params()
        except ValueError as exc:
            return error(self.request, 400, exc.args[0], field=exc.args[1])
        return plan_tree(self.context, depth=depth, types=types)

    def _params(self):
        form = self.request.form
        depth = form.get("depth")
        if depth in (None, ""):
            depth = None
        else:
            try:
                depth = int(depth)
            except (TypeError, ValueError):
                raise ValueError(
                    _("depth : nombre entier attendu, reçu « ${value} »", mapping={"value": depth}), "depth"
                ) from None
            if depth < 1:
                raise ValueError(_("depth : 1 ou plus"), "depth")
            if depth > MAX_DEPTH:
                depth = None
        types = form.get("types") or list(ITEM_TYPES)
        if isinstance(types, str):
            types = [t.strip() for t in types.split(",") if t.strip()]
        unknown = sorted(set(types) - set(ITEM_TYPES))
        if unknown:
            raise ValueError(
                _(
                    "types : type inconnu « ${value} » (attendu : ${expected})",
                    mapping={"value": unknown[0], "expected": ", ".join(ITEM_TYPES)},
                ),
                "types",
            )
        return depth, types


def plan_tree(plan, depth=None, types=ITEM_TYPES):
    """The plan and its items as nested dicts, in folder order, as the current user may see them."""
    state = api.content.get_state(obj=plan, default=None)
    plan_path = "/".join(plan.getPhysicalPath())
    root = {
        "@id": plan.absolute_url(),
        "@type": plan.portal_type,
        "UID": api.content.get_uuid(plan),
        "id": plan.getId(),
        "title": plan.Title(),
        "review_state": state,
        "items": [],
    }
    # no sort_on: Plone's getObjPositionInParent wakes each item's container to ask it the
    # item's place; the catalog keeps that place (position_in_parent) and each node's items are
    # sorted by it below. Rows of metadata, not brains (search/records.py).
    rows = records(
        api.portal.get_tool("portal_catalog"),
        COLUMNS,
        path={"query": plan_path, "depth": depth if depth else -1},
        portal_type=list(types),
    )
    nodes = {plan_path: root}
    order = []
    position = {}
    url_of = item_urls(plan, plan_path)
    for row in rows:
        path = row.path
        node = {
            "@id": url_of(path),
            "@type": row.portal_type,
            "UID": row.UID,
            "id": row.getId,
            "title": row.Title,
            "review_state": state,
            "items": [],
        }
        if row.portal_type == "Objective":
            node["health"], node["progress"] = row.health, row.progress
        elif row.portal_type == "Indicator":
            summary = row.indicator_summary
            node["latest_measurement"] = summary["latest"] if summary else None
        nodes[path] = node
        order.append(path)
        position[path] = row.position_in_parent
    order.sort(key=lambda path: _place(path, plan_path, position))
    for path in order:
        parent = path.rsplit("/", 1)[0]
        while parent not in nodes and len(parent) > len(plan_path):
            parent = parent.rsplit("/", 1)[0]  # an ancestor left out by `types`: attach higher up
        nodes.get(parent, root)["items"].append(nodes[path])
    root["items_total"] = len(order)
    return root


def _place(path, plan_path, position):
    """A key putting the items of one container in folder order: the item's position among its
    container's items, then its path (an item catalogued before this metadata existed, Missing,
    comes last)."""
    value = position[path]
    return (value if isinstance(value, int) else float("inf"), path)
