"""GET <plan>/@evaluation-report[?year=]: the annual evaluation report as PDF bytes (docs/reports.md)."""

from imio.strategicplan.reporting import report
from imio.strategicplan.i18n import localize
from plone.restapi.services import Service

import json


class EvaluationReport(Service):
    """The report's PDF, whatever the Accept header; a bad ``year`` answers 400 in JSON."""

    def render(self):
        self.check_permission()
        response = self.request.response
        try:
            year = report.year_from(self.request.form, self.context)
        except ValueError as exc:
            response.setStatus(400)
            response.setHeader("Content-Type", "application/json")
            return json.dumps({"type": "BadRequest", "message": localize(exc.args[0])})
        body = report.pdf(self.context, self.request, year)
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", f'attachment; filename="{report.filename(self.context, year)}"')
        response.setHeader("Content-Length", str(len(body)))
        return body
