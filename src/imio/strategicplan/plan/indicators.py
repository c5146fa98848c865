"""Where an indicator stands: its target for a year, status against it, staleness.

The status thresholds are site settings (control panel "Plans stratégiques", registry records
``imio.strategicplan.on_track_threshold`` and ``.at_risk_threshold``, in percent); the rule is
in docs/progress.md.
"""

from Acquisition import aq_base
from datetime import date
from datetime import timedelta
from imio.strategicplan.interfaces import IPlanSettings
from plone.registry.interfaces import IRegistry
from typing import NamedTuple
from zope.component import queryUtility


SETTINGS_PREFIX = "imio.strategicplan"


class Limits(NamedTuple):
    """Shares of the way from baseline to target: at least ``on_track`` is on track, at least
    ``at_risk`` is at risk, below is off track."""

    on_track: float
    at_risk: float


DEFAULT_LIMITS = Limits(
    IPlanSettings["on_track_threshold"].default / 100, IPlanSettings["at_risk_threshold"].default / 100
)
PERIOD_DAYS = {"monthly": 31, "quarterly": 92, "semiannual": 183, "yearly": 366}


def summary(indicator):
    """What @indicators needs of an indicator, as JSON-ready data (kept as catalog metadata)."""
    field = _reader(indicator)
    measurements = [m for m in field("measurements") or () if m.get("date") is not None]
    latest = max(measurements, key=lambda m: m["date"]) if measurements else None
    return {
        "unit": field("unit"),
        "direction": field("direction") or "higher",
        "baseline": field("baseline"),
        "baseline_year": field("baseline_year"),
        "frequency": field("frequency") or "yearly",
        "targets": {str(t["year"]): t["value"] for t in field("targets") or () if t.get("year") is not None},
        "latest": {"date": latest["date"].isoformat(), "value": latest["value"]} if latest else None,
    }


def _reader(obj):
    """Read fields without acquisition; an unset field reads None (its schema default where set)."""
    base = aq_base(obj)
    return lambda name: getattr(base, name, None)


def limits():
    """The site's thresholds (DEFAULT_LIMITS where the registry lacks them, e.g. before upgrade 1005)."""
    registry = queryUtility(IRegistry)
    if registry is None:
        return DEFAULT_LIMITS
    on_track = registry.get(f"{SETTINGS_PREFIX}.on_track_threshold")
    at_risk = registry.get(f"{SETTINGS_PREFIX}.at_risk_threshold")
    if on_track is None or at_risk is None:
        return DEFAULT_LIMITS
    return Limits(on_track / 100, at_risk / 100)


def reached(data, year):
    """Share of the way to the target of ``year`` the latest measurement reached (may be below 0
    or above 1), or None without a target or a measurement."""
    target = data["targets"].get(str(year))
    if target is None or data["latest"] is None:
        return None
    value, base = data["latest"]["value"], data["baseline"]
    if base is not None and base != target:
        # share of the way from the baseline to the target (either direction)
        return (value - base) / (target - base)
    if data["direction"] == "lower":
        return 1.0 if value <= target else (target / value if value > 0 else 0.0)
    return 1.0 if value >= target else (value / target if target > 0 else 0.0)


def status(data, year, thresholds=None):
    """on_track / at_risk / off_track against the target of ``year``; no_target or no_data.

    ``thresholds`` (Limits) default to the site's, ``limits()``; pass them when classifying many
    indicators."""
    if data["targets"].get(str(year)) is None:
        return "no_target"
    if data["latest"] is None:
        return "no_data"
    share = reached(data, year)
    thresholds = thresholds or limits()
    if share >= thresholds.on_track:
        return "on_track"
    if share >= thresholds.at_risk:
        return "at_risk"
    return "off_track"


def is_stale(data, today):
    """True when no measurement arrived within the indicator's frequency."""
    if data["latest"] is None:
        return True
    period = timedelta(days=PERIOD_DAYS.get(data["frequency"], 366))
    return today - date.fromisoformat(data["latest"]["date"]) > period
