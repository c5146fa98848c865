"""Downloads of the plan's financial tables and indicators (exports.py)."""

from imio.strategicplan.plan.years import year_from
from imio.strategicplan.plan.years import YearError
from imio.strategicplan.reporting import exports
from Products.Five.browser import BrowserView
from zope.i18n import translate


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Download(BrowserView):
    def _send(self, body, mimetype, filename):
        response = self.request.response
        response.setHeader("Content-Type", mimetype)
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Content-Length", str(len(body)))
        return body

    def _year(self):
        """The ``year`` asked for, else the plan's current year (``years.year_from``); raises
        YearError."""
        return year_from(self.request.form, self.context)

    def _refuse(self, error):
        """A 400 saying why the year cannot be used (text, in the request's language)."""
        response = self.request.response
        response.setStatus(400)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return translate(error.message, context=self.request)


class FinancialXLSX(_Download):
    def __call__(self):
        request = self.request
        body = exports.xlsx(
            [
                ("Trajectoire financière", exports.financial_table(self.context, request)),
                ("Chiffres en désaccord", exports.contradictions_table(self.context, request)),
                ("Lignes", exports.lines_table(self.context, request)),
            ]
        )
        return self._send(body, XLSX, f"{self.context.getId()}-finances.xlsx")


class FinancialCSV(_Download):
    def __call__(self):
        body = exports.csv_bytes(exports.financial_table(self.context, self.request))
        return self._send(body, "text/csv; charset=utf-8", f"{self.context.getId()}-finances.csv")


class IndicatorsXLSX(_Download):
    def __call__(self):
        try:
            table = exports.indicators_table(self.context, self.request, self._year())
        except YearError as error:
            return self._refuse(error)
        return self._send(exports.xlsx([("Indicateurs", table)]), XLSX, f"{self.context.getId()}-indicateurs.xlsx")


class IndicatorsCSV(_Download):
    def __call__(self):
        try:
            body = exports.csv_bytes(exports.indicators_table(self.context, self.request, self._year()))
        except YearError as error:
            return self._refuse(error)
        return self._send(body, "text/csv; charset=utf-8", f"{self.context.getId()}-indicateurs.csv")
