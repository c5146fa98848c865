"""GET <plan>/@progress[?year=]: the plan's progress roll-up for a year (the plan's current year by
default, plan/years.py) (progress.py,
docs/progress.md): the plan's percentage and each value's, objective's, indicator's and project's,
with its weight and where it comes from."""

from datetime import date
from imio.strategicplan.followup import progress
from imio.strategicplan.plan.years import year_from
from imio.strategicplan.plan.years import YearError
from imio.strategicplan.restapi.cache import CachedCatalogService
from imio.strategicplan.restapi.errors import error


class PlanProgress(CachedCatalogService):
    """The plan's roll-up from catalog metadata (followup/progress.py): no item is woken; the
    answer is kept per catalog state (restapi/cache.py)."""

    def extra_key(self):
        return (date.today(),)  # the plan's current year, the default, depends on it

    def reply(self):
        try:
            year = year_from(self.request.form, self.context)
        except YearError as exc:
            return error(self.request, 400, exc.message, field="year")
        rollup = progress.rollup(self.context, year)
        items = [
            {
                "@id": node.url,
                "UID": node.uid,
                "@type": node.type,
                "title": node.title,
                "parent": node.parent,
                "progress": _rounded(entry.progress),
                "weight": entry.weight,
                "source": entry.source,
            }
            for node, entry in rollup.items
            if node.parent is not None
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
