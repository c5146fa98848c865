"""GET <plan>/@indicators[?year=][&value=][&objective=][&status=]: every indicator and where it stands."""

from datetime import date
from imio.strategicplan import _
from imio.strategicplan.plan import indicators
from imio.strategicplan.plan.years import year_from
from imio.strategicplan.plan.years import YearError
from imio.strategicplan.restapi.cache import CachedCatalogService
from imio.strategicplan.restapi.errors import error
from imio.strategicplan.search.catalog import item_urls
from imio.strategicplan.search.catalog import metadata
from plone import api


STATUSES = ("on_track", "at_risk", "off_track", "no_target", "no_data")


class PlanIndicators(CachedCatalogService):
    """Indicators with their target for the year, latest measurement, status and staleness."""

    def extra_key(self):
        # the default year and staleness follow the calendar; the status, the site's thresholds
        return (date.today(), indicators.limits())

    def reply(self):
        form = self.request.form
        today = date.today()
        try:
            year = year_from(form, self.context, today)
        except YearError as exc:
            return error(self.request, 400, exc.message, field="year")
        wanted = form.get("status")
        if wanted and wanted not in STATUSES:
            return error(
                self.request,
                400,
                _(
                    "status : état inconnu « ${value} » (attendu : ${expected})",
                    mapping={"value": wanted, "expected": ", ".join(STATUSES)},
                ),
                field="status",
            )
        plan_path = path = "/".join(self.context.getPhysicalPath())
        for key in ("value", "objective"):  # item ids inside the plan
            item_id = form.get(key)
            if item_id:
                brains = api.content.find(context=self.context, id=item_id, portal_type=key.capitalize())
                if not brains:
                    return error(
                        self.request,
                        400,
                        _("${key} : « ${value} » n'est pas dans ce plan", mapping={"key": key, "value": item_id}),
                        field=key,
                    )
                path = brains[0].getPath()
        items = []
        thresholds = indicators.limits()
        url_of = item_urls(self.context, plan_path)
        for brain in api.portal.get_tool("portal_catalog")(
            path=path, portal_type="Indicator", sort_on="getObjPositionInParent"
        ):
            data = metadata(brain, "indicator_summary")
            if data is None:
                continue
            item_path = brain.getPath()
            item = {
                "@id": url_of(item_path),
                "UID": brain.UID,
                "id": brain.getId,
                "title": brain.Title,
                "parent": item_path.rsplit("/", 2)[-2],
                "unit": data["unit"],
                "direction": data["direction"],
                "baseline": data["baseline"],
                "frequency": data["frequency"],
                "target": data["targets"].get(str(year)),
                "latest_measurement": data["latest"],
                "status": indicators.status(data, year, thresholds),
                "stale": indicators.is_stale(data, today),
            }
            if not wanted or item["status"] == wanted:
                items.append(item)
        return {
            "@id": f"{self.context.absolute_url()}/@indicators",
            "year": year,
            "items_total": len(items),
            "items": items,
        }
