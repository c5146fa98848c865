"""@@evaluation-report.pdf: the annual evaluation report of a plan as a PDF download (report.py)."""

from imio.strategicplan.browser.exports import _Download
from imio.strategicplan.plan.years import YearError
from imio.strategicplan.reporting import report


class EvaluationReportPDF(_Download):
    """The report of ``?year=`` (default: the plan's current year, ``years.current_year``)."""

    def __call__(self):
        try:
            year = self._year()
        except YearError as error:
            return self._refuse(error)
        body = report.pdf(self.context, self.request, year)
        return self._send(body, "application/pdf", report.filename(self.context, year))
