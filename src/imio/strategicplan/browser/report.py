"""@@evaluation-report.pdf: the annual evaluation report of a plan as a PDF download (report.py)."""

from imio.strategicplan.reporting import report
from imio.strategicplan.browser.exports import _Download
from zope.i18n import translate


class EvaluationReportPDF(_Download):
    """The report of ``?year=`` (default: this year if the plan covers it, else its last year)."""

    def __call__(self):
        try:
            year = report.year_from(self.request.form, self.context)
        except ValueError as exc:
            response = self.request.response
            response.setStatus(400)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(exc.args[0], context=self.request)
        body = report.pdf(self.context, self.request, year)
        return self._send(body, "application/pdf", report.filename(self.context, year))
