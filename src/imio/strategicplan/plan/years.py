"""The one year rule (docs/architecture.md): what a ``year`` parameter may be, and the year a plan
shows when none is asked for. Every endpoint, page, list, export and the report use these."""

from datetime import date
from imio.strategicplan import _


FIRST_YEAR, LAST_YEAR = 1900, 2200  # the years a parameter may name (the OpenAPI document says so too)


class YearError(ValueError):
    """A ``year`` parameter that is not one whole number from FIRST_YEAR to LAST_YEAR; ``message``
    (a French msgid) says so, translated where it is shown."""

    def __init__(self, value):
        self.message = _(
            "year : année entre ${first} et ${last} attendue, reçu ${value}",
            mapping={"first": FIRST_YEAR, "last": LAST_YEAR, "value": _shown(value)},
        )
        super().__init__(self.message)


def parse_year(value):
    """``value`` (a request's ``year``: text or a number) as an int from FIRST_YEAR to LAST_YEAR;
    raises YearError otherwise (a list, as a repeated parameter gives, included)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise YearError(value)
    try:
        year = int(str(value).strip())
    except ValueError:
        raise YearError(value) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise YearError(value)
    return year


def current_year(plan, today=None):
    """The plan's current year: this year while the plan runs, its last year once it is over, its
    first year before it starts (this year for a plan without years)."""
    year = (today or date.today()).year
    first, last = getattr(plan, "first_year", None), getattr(plan, "last_year", None)
    if last is not None and year > last:
        return last
    if first is not None and year < first:
        return first
    return year


def year_from(form, plan, today=None):
    """The ``year`` of a request's form, or the plan's current year when none is given; raises
    YearError."""
    value = form.get("year")
    if value is None or value == "":
        return current_year(plan, today)
    return parse_year(value)


def _shown(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)
