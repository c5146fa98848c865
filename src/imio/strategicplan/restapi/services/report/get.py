"""GET <plan>/@evaluation-report[?year=]: the annual evaluation report as PDF bytes (docs/reports.md)."""

from imio.strategicplan.plan.years import year_from
from imio.strategicplan.plan.years import YearError
from imio.strategicplan.reporting import report
from imio.strategicplan.restapi.errors import error
from plone.restapi.services import Service

import json


class EvaluationReport(Service):
    """The report's PDF, whatever the Accept header; a bad ``year`` answers 400 in JSON."""

    def render(self):
        self.check_permission()
        response = self.request.response
        try:
            year = year_from(self.request.form, self.context)
        except YearError as exc:
            response.setHeader("Content-Type", "application/json")
            return json.dumps(error(self.request, 400, exc.message, field="year"))
        body = report.pdf(self.context, self.request, year)
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", f'attachment; filename="{report.filename(self.context, year)}"')
        response.setHeader("Content-Length", str(len(body)))
        return body
