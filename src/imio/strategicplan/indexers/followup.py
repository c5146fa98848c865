"""Catalog metadata for the plan tree: objectives' health and progress, indicators' latest value."""

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
def latest_measurement(obj):
    """The latest measurement as {"date": "YYYY-MM-DD", "value": float}, or None."""
    from imio.strategicplan.indicators import summary

    return summary(obj)["latest"]


@indexer(IIndicator)
def indicator_summary(obj):
    """Unit, direction, baseline, frequency, targets and latest measurement (for @indicators)."""
    from imio.strategicplan.indicators import summary

    return summary(obj)
