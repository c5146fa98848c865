"""GET <plan>/@progress[?year=]: the plan's progress roll-up for a year (the plan's current year by
default, plan/years.py) (progress.py,
docs/progress.md): the plan's percentage and each value's, objective's, indicator's and project's,
with its weight and where it comes from."""

from imio.strategicplan.plan import progress
from imio.strategicplan.plan.years import year_from
from imio.strategicplan.plan.years import YearError
from imio.strategicplan.restapi.errors import error
from plone.restapi.services import Service


class PlanProgress(Service):
    def reply(self):
        try:
            year = year_from(self.request.form, self.context)
        except YearError as exc:
            return error(self.request, 400, exc.message, field="year")
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
