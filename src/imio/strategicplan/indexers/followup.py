"""Catalog metadata of plan items, so that @plan-tree, @indicators, @progress, the follow-up lists
and the report read the catalog and wake no item: objectives' health and progress, indicators'
summary, and the fields the roll-up and the follow-up lists use (docs/performance.md)."""

from Acquisition import aq_base
from imio.strategicplan.content.indicator import IIndicator
from imio.strategicplan.content.objective import IObjective
from imio.strategicplan.content.pillar import IPillar
from imio.strategicplan.content.priority_project import IPriorityProject
from imio.strategicplan.interfaces import IPlanContent
from imio.strategicplan.plan.indicators import summary
from plone.indexer import indexer
from plone.uuid.interfaces import IUUID


@indexer(IObjective)
def health(obj):
    return obj.health


@indexer(IObjective)
def progress(obj):
    return obj.progress


@indexer(IIndicator)
def indicator_summary(obj):
    """Unit, direction, baseline, frequency, targets and latest measurement (for @indicators)."""
    return summary(obj)


def _own(name):
    """The item's own field ``name`` (its schema's default when unset); AttributeError when its
    type has no such field, never a value acquired from a container (an indicator would otherwise
    carry its objective's ``responsible``)."""

    def read(obj):
        return getattr(aq_base(obj), name)

    return read


# the fields the roll-up (plan/progress.py) and the follow-up lists (followup/lists.py) read
weight = indexer(IPlanContent)(_own("weight"))
responsible = indexer(IObjective)(_own("responsible"))
planned_end = indexer(IObjective)(_own("planned_end"))
lead = indexer(IPriorityProject)(_own("lead"))
code = indexer(IPillar)(_own("code"))


@indexer(IPriorityProject)
def served_uids(obj):
    """The UIDs of the values and objectives a project serves (broken relations left out)."""
    return tuple(IUUID(r.to_object) for r in getattr(aq_base(obj), "served", None) or () if r.to_object is not None)


project_progress = indexer(IPriorityProject)(_own("progress"))
