"""GET <plan>/@progress[?year=]: the plan's progress roll-up for a year (progress.py,
docs/progress.md): the plan's percentage and each value's, objective's, indicator's and project's,
with its weight and where it comes from."""

from datetime import date
from imio.strategicplan import _
from imio.strategicplan.plan import progress
from imio.strategicplan.i18n import localize
from plone.restapi.services import Service


class PlanProgress(Service):
    def reply(self):
        raw = self.request.form.get("year")
        try:
            year = int(raw or date.today().year)
        except (TypeError, ValueError):  # not a number, or the parameter repeated (a list)
            year = None
        if year is None or not 1900 <= year <= 2200:
            self.request.response.setStatus(400)
            return {"type": "BadRequest",
                    "message": localize(_("year : nombre entier attendu, reçu « ${value} »", mapping={"value": raw}))}
        rollup = progress.rollup(self.context, year)
        items = [
            {
                "@id": obj.absolute_url(),
                "UID": obj.UID(),
                "@type": obj.portal_type,
                "title": obj.title,
                "parent": obj.__parent__.UID() if obj is not self.context else None,
                "progress": _rounded(entry.progress),
                "weight": entry.weight,
                "source": entry.source,
            }
            for obj, entry in rollup.items if obj is not self.context
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@progress",
            "year": year,
            "progress": _rounded(rollup.plan),
            "items_total": len(items),
            "items": items,
        }


def _rounded(value):
    return None if value is None else round(value, 2)
