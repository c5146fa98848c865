"""Catalog metadata for @plan-tree and @indicators: objectives' health and progress, indicators' summary."""

from imio.strategicplan.plan.indicators import summary
from imio.strategicplan.content.indicator import IIndicator
from imio.strategicplan.content.objective import IObjective
from plone.indexer import indexer


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
