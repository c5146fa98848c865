"""Progress roll-up: indicator → objective → value → plan, weighted (docs/progress.md).

- An **indicator**'s progress for a year is the share of the way from its baseline to the year's
  target its latest measurement reached (``indicators.reached``), clipped to 0-100 %. Without a
  target for the year or a measurement it has none and is left out.
- A **project**'s is 100 % once done, its recorded progress otherwise; a cancelled project is left out.
- An **objective**'s is the weighted mean of its indicators', its sub-objectives' (operational
  objectives) and of the projects serving it; when none of them has a progress, it is the
  objective's recorded progress (the "Avancement" field).
- A **value**'s is the weighted mean of its objectives', its own indicators' and of the projects
  serving the value itself.
- The **plan**'s is the weighted mean of its values'.

Weights are the items' ``weight`` field (1 by default, so the mean is plain); an item of weight 0
counts for nothing. A mean over nothing (no part with a progress, or weights summing to 0) is None.

The roll-up works on plain data (``Node``: what the catalog keeps of each item), in folder order;
``followup/progress.py`` reads it from the catalog. Nothing here imports Zope.
"""

from imio.strategicplan.plan import indicators
from typing import NamedTuple


class Node(NamedTuple):
    """What the roll-up needs of one item of the plan: its UID, type, the UID of its container
    (None for the plan), its weight (None: 1), recorded progress, status (projects), indicator
    summary (``indicators.summary``), the UIDs of what it serves (projects), and for the callers
    its title and URL."""

    uid: str
    type: str
    parent: str | None
    weight: float | None = None
    progress: float | None = None
    status: str | None = None
    summary: dict | None = None
    served: tuple = ()
    title: str = ""
    url: str = ""


class Entry(NamedTuple):
    """An item's progress in percent (None: nothing to say), its weight, and where it comes from:
    ``measured`` (indicators' measurements), ``parts`` (rolled up from parts), ``recorded`` (typed
    in by staff), ``done`` (a finished project) or None."""

    progress: float | None
    weight: float
    source: str | None


class Rollup:
    """The roll-up of one plan for one year, from ``nodes`` (the plan's Node first, then its items,
    each container's items in folder order): ``plan`` (percent or None), ``of(item)``, ``entries``
    (UID → Entry for the plan, its values, objectives, indicators and projects) and ``items``
    ((Node, Entry) pairs: projects, then each value after its parts, the plan last)."""

    def __init__(self, nodes, year):
        self.year = year
        self.entries = {}
        self.items = []
        nodes = list(nodes)
        plan = nodes[0]
        self._children = {}  # UID of a container → its items, in order
        for node in nodes[1:]:
            self._children.setdefault(node.parent, []).append(node)
        self._served = {}  # UID of a value or objective → projects serving it
        for project in self._of_type(plan, "PriorityProject"):
            entry = self._project(project)
            for target in project.served:
                self._served.setdefault(target, []).append(entry)
        values = [self._value(value) for value in self._of_type(plan, "Value")]
        self.plan = _mean(values)
        self._keep(plan, Entry(self.plan, 1.0, "parts" if self.plan is not None else None))

    def of(self, item):
        """The progress of ``item`` (anything with a UID() method, a Node or a UID) in percent, or None."""
        uid = item if isinstance(item, str) else item.uid if isinstance(item, Node) else item.UID()
        entry = self.entries.get(uid)
        return entry.progress if entry else None

    def _of_type(self, node, portal_type):
        return [child for child in self._children.get(node.uid, ()) if child.type == portal_type]

    def _keep(self, node, entry):
        self.entries[node.uid] = entry
        self.items.append((node, entry))
        return entry

    def _indicator(self, node):
        share = indicators.reached(node.summary, self.year) if node.summary else None
        progress = None if share is None else 100 * min(1.0, max(0.0, share))
        return self._keep(node, Entry(progress, _weight(node), "measured" if progress is not None else None))

    def _project(self, node):
        if node.status == "cancelled":
            entry = Entry(None, _weight(node), None)
        elif node.status == "done":
            entry = Entry(100.0, _weight(node), "done")
        else:
            entry = Entry(float(node.progress or 0), _weight(node), "recorded")
        return self._keep(node, entry)

    def _objective(self, node):
        parts = [self._indicator(i) for i in self._of_type(node, "Indicator")]
        parts += [self._objective(o) for o in self._of_type(node, "Objective")]
        parts += self._served.get(node.uid, [])
        progress = _mean(parts)
        if progress is not None:
            return self._keep(node, Entry(progress, _weight(node), "parts"))
        recorded = node.progress
        return self._keep(node, Entry(None if recorded is None else float(recorded), _weight(node), "recorded"))

    def _value(self, node):
        parts = [self._objective(o) for o in self._of_type(node, "Objective")]
        parts += [self._indicator(i) for i in self._of_type(node, "Indicator")]
        parts += self._served.get(node.uid, [])
        progress = _mean(parts)
        return self._keep(node, Entry(progress, _weight(node), "parts" if progress is not None else None))


def _mean(entries):
    counted = [e for e in entries if e.progress is not None and e.weight]
    total = sum(e.weight for e in counted)
    if not total:
        return None
    return sum(e.progress * e.weight for e in counted) / total


def _weight(node):
    return 1.0 if node.weight is None else float(node.weight)
