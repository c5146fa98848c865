"""The follow-up dashboards' four lists of a plan: at risk, stale, mine, late (docs/follow-up.md).

Everything comes from one catalog query of the plan, as the current user may see it: rows of
metadata (`health`, `progress`, `indicator_summary`, `responsible`, `planned_end`, `lead`,
`served_uids`, `code`, `position_in_parent`, Plone's `end`) and index entries (`pillars`,
`status`): no item is woken (indexers/followup.py).
"""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from imio.strategicplan import _
from imio.strategicplan.plan import indicators
from imio.strategicplan.plan.years import current_year
from imio.strategicplan.search.catalog import item_urls
from imio.strategicplan.search.catalog import metadata
from imio.strategicplan.search.records import records
from plone import api

import re
import unicodedata


LISTS = ("at_risk", "stale", "mine", "late")
ITEM_TYPES = ("Objective", "Indicator", "PriorityProject")
RISKY_STATUSES = ("at_risk", "off_track")
RISKY_HEALTH = ("at_risk", "blocked")
CLOSED_STATUSES = ("done", "cancelled")
# what separates names in a responsible or lead field: "DG / Service IT", "Jean Dupont (DG)"
NAME_SEPARATORS = re.compile(r"[,;/|()\n]+")
NOT_A_MEMBERSHIP = ("AuthenticatedUsers",)  # the virtual group every user is in
# the metadata read (indexers/followup.py; pillars and status are read from their indexes)
COLUMNS = (
    "UID",
    "getId",
    "Title",
    "portal_type",
    "code",
    "health",
    "progress",
    "indicator_summary",
    "responsible",
    "planned_end",
    "lead",
    "served_uids",
    "end",
    "position_in_parent",
)


def as_date(value):
    """A date field as read from the catalog or the item (a date, a datetime, a DateTime) as a
    date; None when there is none."""
    if isinstance(value, DateTime):
        return value.asdatetime().date()
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


class FilterError(ValueError):
    """A pillar or value filter naming nothing in the plan: ``name`` and a readable ``message``."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


def normalized(text):
    """``text`` compared loosely: accents and case ignored, spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(text or "").replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def names_in(text):
    """The names a responsible or lead field gives: the whole text and each part between
    separators (NAME_SEPARATORS), normalized."""
    parts = [text or "", *NAME_SEPARATORS.split(text or "")]
    return {name for name in map(normalized, parts) if name}


def user_names(user=None):
    """The names that designate ``user`` (the current user by default), normalized: id, login,
    full name, email, and the ids and titles of their groups. Empty for Anonymous."""
    if user is None:
        if api.user.is_anonymous():
            return set()
        user = api.user.get_current()
    names = [user.getId(), user.getUserName(), user.getProperty("fullname", ""), user.getProperty("email", "")]
    for group in api.group.get_groups(user=user):
        if group.getId() not in NOT_A_MEMBERSHIP:
            names += [group.getId(), group.getProperty("title", "")]
    return {name for name in map(normalized, names) if name}


class PlanFollowUp:
    """The objectives, indicators and projects of ``plan`` as the dashboards list them.

    ``today`` (a date) sets what is late and stale; the indicators' status is against the targets
    of the plan's current year (``years.current_year``)."""

    def __init__(self, plan, today=None):
        self.plan = plan
        self.today = today or date.today()
        self.year = current_year(plan, self.today)
        self.thresholds = indicators.limits()
        catalog = api.portal.get_tool("portal_catalog")
        self._indexes = {name: catalog.Indexes[name] for name in ("pillars", "status")}
        self.plan_path = "/".join(plan.getPhysicalPath())
        # rows of metadata (search/records.py), in folder order by the catalog's
        # position_in_parent (Plone's getObjPositionInParent would wake every container)
        found = records(catalog, COLUMNS, path=self.plan_path, portal_type=["Pillar", "Value", *ITEM_TYPES])
        rank = {row.path: _position(row) for row in found}
        found.sort(key=lambda row: (self._order(row.path, rank), row.path))
        url_of = item_urls(plan, self.plan_path)
        self.pillars, self.values, self.items = [], [], []
        by_path, self._values_by_path = {}, {}
        for row in found:
            path = row.path
            entry = {"uid": row.UID, "id": row.getId, "title": row.Title, "url": url_of(path)}
            if row.portal_type == "Pillar":
                self.pillars.append(dict(entry, code=row.code or row.getId))
            elif row.portal_type == "Value":
                self.values.append(entry)
                self._values_by_path[path] = entry
            else:
                self.items.append((path, row))
            by_path[path] = entry
        self._by_path = by_path
        self._path_by_uid = {entry["uid"]: path for path, entry in by_path.items()}
        self._pillar_by_uid = {p["uid"]: p for p in self.pillars}
        self.items = [self._item(path, row, by_path[path]["url"]) for path, row in self.items]

    # reading a row

    def _entry(self, row, index):
        """What the catalog index ``index`` holds for the item (None when nothing)."""
        return self._indexes[index].getEntryForObject(row.rid, None)

    def _value_of(self, path):
        """The value holding the item at ``path`` (None for items at the plan's level)."""
        if not path.startswith(self.plan_path + "/"):
            return None
        first = path[len(self.plan_path) + 1 :].split("/", 1)[0]
        return self._values_by_path.get(f"{self.plan_path}/{first}")

    def _order(self, path, rank):
        """The item's place in the plan's tree: its and its ancestors' places among siblings."""
        parts = path[len(self.plan_path) + 1 :].split("/")
        prefixes = (f"{self.plan_path}/{'/'.join(parts[:n])}" for n in range(1, len(parts) + 1))
        return tuple(rank.get(prefix, 0) for prefix in prefixes)

    def _item(self, path, row, url):
        item = {
            "uid": row.UID,
            "id": row.getId,
            "title": row.Title,
            "url": url,
            "path": path,
            "type": row.portal_type,
            "pillars": [
                self._pillar_by_uid[uid] for uid in self._entry(row, "pillars") or () if uid in self._pillar_by_uid
            ],
        }
        if row.portal_type == "Indicator":
            value = self._value_of(path)
            item.update(values=[value] if value else [], who=None, summary=metadata(row, "indicator_summary"))
        elif row.portal_type == "Objective":
            value = self._value_of(path)
            item.update(
                values=[value] if value else [],
                who=metadata(row, "responsible"),
                health=metadata(row, "health"),
                progress=metadata(row, "progress") or 0,
                end=as_date(metadata(row, "planned_end")),
            )
        else:
            item.update(
                values=self._served_values(row),
                who=metadata(row, "lead"),
                status=self._entry(row, "status"),
                end=as_date(metadata(row, "end")),
            )
        return item

    def _served_values(self, row):
        """The values a project serves, itself or through one of its objectives, in plan order."""
        paths = [self._path_by_uid[uid] for uid in metadata(row, "served_uids") or () if uid in self._path_by_uid]
        found = {id(value) for value in map(self._value_of, paths) if value is not None}
        return [v for v in self.values if id(v) in found]

    # filters

    def resolve(self, name, raw):
        """The pillar or value (``name``) of the plan that ``raw`` (an id or a UID) names, None
        when ``raw`` is empty; FilterError when the plan has none of that id or UID."""
        if raw in (None, "", []):
            return None
        choices = self.pillars if name == "pillar" else self.values
        if isinstance(raw, str):
            for choice in choices:
                if raw in (choice["id"], choice["uid"]):
                    return choice
        shown = ", ".join(raw) if isinstance(raw, (list, tuple)) else str(raw)
        if name == "pillar":
            message = _(
                "Pilier inconnu dans ce plan : « ${value} ». Choisissez un pilier dans la liste.",
                mapping={"value": shown},
            )
        else:
            message = _(
                "Valeur inconnue dans ce plan : « ${value} ». Choisissez une valeur dans la liste.",
                mapping={"value": shown},
            )
        raise FilterError(name, message)

    # the lists

    def lists(self, pillar=None, value=None, names=None):
        """{list name: [item, …]} for the items that serve ``pillar`` and sit under or serve
        ``value`` (entries of ``pillars`` / ``values``, or None for all). ``names`` designate the
        user of "mine" (``user_names()``; nobody when empty). Each item gets its ``reason``."""
        found = {name: [] for name in LISTS}
        for item in self.items:
            if pillar is not None and pillar not in item["pillars"]:
                continue
            if value is not None and value not in item["values"]:
                continue
            for name in LISTS:
                reason = getattr(self, f"_{name}")(item, names or set())
                if reason is not None:
                    found[name].append(dict(item, reason=reason))
        return found

    def _at_risk(self, item, names):
        if item["type"] == "Indicator":
            status = indicators.status(item["summary"], self.year, self.thresholds) if item["summary"] else None
            if status in RISKY_STATUSES:
                return ("status", status)
        elif item["type"] == "Objective":
            if item["health"] in RISKY_HEALTH:
                return ("health", item["health"])
        elif item["status"] == "suspended":
            return ("project_status", item["status"])
        return None

    def _stale(self, item, names):
        if item["type"] == "Indicator" and item["summary"] and indicators.is_stale(item["summary"], self.today):
            latest = item["summary"]["latest"]
            return ("latest", date.fromisoformat(latest["date"]) if latest else None)
        return None

    def _mine(self, item, names):
        if item["type"] != "Indicator" and names and names_in(item["who"]) & names:
            if item["type"] == "Objective":
                return ("health", item["health"])
            return ("project_status", item["status"])
        return None

    def _late(self, item, names):
        end = item.get("end")
        if item["type"] == "Indicator" or end is None or end >= self.today:
            return None
        if item["type"] == "Objective" and item["progress"] < 100:
            return ("planned_end", end)
        if item["type"] == "PriorityProject" and item["status"] not in CLOSED_STATUSES:
            return ("end", end)
        return None


def _position(row):
    """The item's place among its container's items (last when the catalog has none)."""
    value = row.position_in_parent
    return value if isinstance(value, int) else float("inf")


def follow_up_counts(plan, today=None):
    """The number of items of each list for the whole plan (no filter), as the current user sees
    it; "mine" is None for Anonymous."""
    names = user_names()
    counts = {name: len(items) for name, items in PlanFollowUp(plan, today).lists(names=names).items()}
    if api.user.is_anonymous():
        counts["mine"] = None
    return counts
