"""POST <indicator>/@measurements: add ONE measurement {date, value, comment} to an indicator.

A PATCH of ``measurements`` replaces the whole list: two clients adding a row at the same moment
each send the list they read, and the later one wins (ZODB's conflict retry replays the same
list). Here the request carries the new row only: when two of them conflict, Zope retries the
later one, which reads the list again and appends to it, so both rows are kept
(tests/services/test_measurements.py; across two instances, tests/cluster)."""

from datetime import date
from imio.strategicplan import _
from imio.strategicplan.content.indicator import IIndicator
from imio.strategicplan.i18n import localize
from imio.strategicplan.restapi.body import BodyError
from imio.strategicplan.restapi.body import json_object
from imio.strategicplan.restapi.errors import error
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.event import notify
from zope.interface import alsoProvides
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent


FIELDS = ("date", "value", "comment")


class MeasurementPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            row = measurement(json_object(self.request))
        except BodyError as exc:
            return error(self.request, 400, str(exc), field=exc.field)
        indicator = self.context
        indicator.measurements = [*(indicator.measurements or []), row]
        notify(ObjectModifiedEvent(indicator, Attributes(IIndicator, "measurements")))
        self.request.response.setStatus(201)
        return {
            "@id": f"{indicator.absolute_url()}/@measurements",
            "measurement": {**row, "date": row["date"].isoformat()},
            "measurements_total": len(indicator.measurements),
        }


def measurement(data):
    """The row of ``data`` ({date, value, comment?}); raises BodyError naming the field."""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise BodyError(
            localize(_("${field} : champ inconnu (attendus : date, value, comment)", mapping={"field": unknown[0]})),
            field=unknown[0],
        )
    raw = data.get("date")
    try:
        when = date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        when = None
    if when is None:
        raise BodyError(
            localize(_("date : date AAAA-MM-JJ attendue, reçu « ${value} »", mapping={"value": raw})), field="date"
        )
    value = data.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BodyError(
            localize(_("value : nombre attendu, reçu « ${value} »", mapping={"value": value})), field="value"
        )
    comment = data.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise BodyError(localize(_("comment : texte attendu")), field="comment")
    return {"date": when, "value": float(value), "comment": comment or None}
