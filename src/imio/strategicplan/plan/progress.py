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
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from imio.strategicplan.plan import indicators
from imio.strategicplan.plan.tree import children
from typing import NamedTuple


class Entry(NamedTuple):
    """An item's progress in percent (None: nothing to say), its weight, and where it comes from:
    ``measured`` (indicators' measurements), ``parts`` (rolled up from parts), ``recorded`` (typed
    in by staff), ``done`` (a finished project) or None."""

    progress: float | None
    weight: float
    source: str | None


class Rollup:
    """The roll-up of one plan for one year: ``plan`` (percent or None), ``of(item)``, ``entries``
    (UID → Entry for the plan, its values, objectives, indicators and projects) and ``items``
    ((object, Entry) pairs: projects, then each value after its parts, the plan last)."""

    def __init__(self, plan, year):
        self.year = year
        self.entries = {}
        self.items = []
        self._served = {}  # UID of a value or objective → projects serving it
        for project in children(plan, "PriorityProject"):
            entry = self._project(project)
            for relation in _field(project, "served") or ():
                target = relation.to_object
                if target is not None:
                    self._served.setdefault(target.UID(), []).append(entry)
        values = [self._value(value) for value in children(plan, "Value")]
        self.plan = _mean(values)
        self._keep(plan, Entry(self.plan, 1.0, "parts" if self.plan is not None else None))

    def of(self, item):
        """The progress of ``item`` (an object or a UID) in percent, or None."""
        uid = item if isinstance(item, str) else item.UID()
        entry = self.entries.get(uid)
        return entry.progress if entry else None

    def _keep(self, obj, entry):
        self.entries[obj.UID()] = entry
        self.items.append((obj, entry))
        return entry

    def _indicator(self, obj):
        share = indicators.reached(indicators.summary(obj), self.year)
        progress = None if share is None else 100 * min(1.0, max(0.0, share))
        return self._keep(obj, Entry(progress, _weight(obj), "measured" if progress is not None else None))

    def _project(self, obj):
        status = _field(obj, "status")
        if status == "cancelled":
            entry = Entry(None, _weight(obj), None)
        elif status == "done":
            entry = Entry(100.0, _weight(obj), "done")
        else:
            entry = Entry(float(_field(obj, "progress") or 0), _weight(obj), "recorded")
        return self._keep(obj, entry)

    def _objective(self, obj):
        parts = [self._indicator(i) for i in children(obj, "Indicator")]
        parts += [self._objective(o) for o in children(obj, "Objective")]
        parts += self._served.get(obj.UID(), [])
        progress = _mean(parts)
        if progress is not None:
            return self._keep(obj, Entry(progress, _weight(obj), "parts"))
        recorded = _field(obj, "progress")
        return self._keep(obj, Entry(None if recorded is None else float(recorded), _weight(obj), "recorded"))

    def _value(self, obj):
        parts = [self._objective(o) for o in children(obj, "Objective")]
        parts += [self._indicator(i) for i in children(obj, "Indicator")]
        parts += self._served.get(obj.UID(), [])
        progress = _mean(parts)
        return self._keep(obj, Entry(progress, _weight(obj), "parts" if progress is not None else None))


def rollup(plan, year):
    """The plan's progress roll-up for ``year`` (a Rollup)."""
    return Rollup(plan, year)


def plan_of(item):
    """The StrategicPlan holding ``item`` (or ``item`` itself)."""
    for obj in aq_chain(item):
        if getattr(obj, "portal_type", None) == "StrategicPlan":
            return obj
    return None


def _mean(entries):
    counted = [e for e in entries if e.progress is not None and e.weight]
    total = sum(e.weight for e in counted)
    if not total:
        return None
    return sum(e.progress * e.weight for e in counted) / total


def _field(obj, name):
    return getattr(aq_base(obj), name, None)


def _weight(obj):
    weight = _field(obj, "weight")
    return 1.0 if weight is None else float(weight)

