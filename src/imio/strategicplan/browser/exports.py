"""Downloads of the plan's financial tables and indicators (exports.py)."""

from imio.strategicplan.reporting import exports
from Products.Five.browser import BrowserView

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Download(BrowserView):
    def _send(self, body, mimetype, filename):
        response = self.request.response
        response.setHeader("Content-Type", mimetype)
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        response.setHeader("Content-Length", str(len(body)))
        return body


class FinancialXLSX(_Download):
    def __call__(self):
        request = self.request
        body = exports.xlsx([
            ("Trajectoire financière", exports.financial_table(self.context, request)),
            ("Chiffres en désaccord", exports.contradictions_table(self.context, request)),
            ("Lignes", exports.lines_table(self.context, request)),
        ])
        return self._send(body, XLSX, f"{self.context.getId()}-finances.xlsx")


class FinancialCSV(_Download):
    def __call__(self):
        body = exports.csv_bytes(exports.financial_table(self.context, self.request))
        return self._send(body, "text/csv; charset=utf-8", f"{self.context.getId()}-finances.csv")


class _Year:
    def _year(self):
        try:
            return int(self.request.form.get("year") or 0) or None
        except ValueError:
            return None


class IndicatorsXLSX(_Download, _Year):
    def __call__(self):
        table = exports.indicators_table(self.context, self.request, self._year())
        return self._send(exports.xlsx([("Indicateurs", table)]), XLSX, f"{self.context.getId()}-indicateurs.xlsx")


class IndicatorsCSV(_Download, _Year):
    def __call__(self):
        body = exports.csv_bytes(exports.indicators_table(self.context, self.request, self._year()))
        return self._send(body, "text/csv; charset=utf-8", f"{self.context.getId()}-indicateurs.csv")
