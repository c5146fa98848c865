"""Where an indicator stands: its target for a year, status against it, staleness.

The thresholds are constants until the control panel of issue 6 makes them settings.
"""

from Acquisition import aq_base
from datetime import date
from datetime import timedelta

ON_TRACK = 0.9  # share of the way from baseline to target reached: at least this is on track
AT_RISK = 0.7  # at least this is at risk; below, off track
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


def status(data, year):
    """on_track / at_risk / off_track against the target of ``year``; no_target or no_data."""
    target = data["targets"].get(str(year))
    if target is None:
        return "no_target"
    if data["latest"] is None:
        return "no_data"
    value, base = data["latest"]["value"], data["baseline"]
    if base is not None and base != target:
        # share of the way from the baseline to the target (either direction)
        reached = (value - base) / (target - base)
    elif data["direction"] == "lower":
        reached = 1.0 if value <= target else (target / value if value > 0 else 0.0)
    else:
        reached = 1.0 if value >= target else (value / target if target > 0 else 0.0)
    if reached >= ON_TRACK:
        return "on_track"
    if reached >= AT_RISK:
        return "at_risk"
    return "off_track"


def is_stale(data, today):
    """True when no measurement arrived within the indicator's frequency."""
    if data["latest"] is None:
        return True
    period = timedelta(days=PERIOD_DAYS.get(data["frequency"], 366))
    return today - date.fromisoformat(data["latest"]["date"]) > period
