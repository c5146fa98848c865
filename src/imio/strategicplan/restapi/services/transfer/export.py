"""GET <plan>/@plan-export: the plan in the plan-file format (docs/import-format.md)."""

from imio.strategicplan.transfer.exporter import export_plan
from plone.restapi.services import Service


class PlanExport(Service):
    """The whole plan, its decisions and baselines, as `strategicplan-export` writes it."""

    def reply(self):
        self.request.response.setHeader("Content-Disposition", f'inline; filename="{self.context.getId()}.json"')
        return export_plan(self.context)
