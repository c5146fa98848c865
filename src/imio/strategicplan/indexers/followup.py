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
    measurements = [m for m in obj.measurements or () if m.get("date") is not None]
    if not measurements:
        return None
    latest = max(measurements, key=lambda m: m["date"])
    return {"date": latest["date"].isoformat(), "value": latest["value"]}
