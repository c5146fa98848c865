"""A financial year's page (docs/finance.md)."""

from imio.strategicplan.reporting.financial_year import YearTables
from Products.Five.browser import BrowserView


class FinancialYearView(YearTables, BrowserView):
    """A financial year: its figures, the published ones that contradict them, its lines."""
