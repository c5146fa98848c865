"""Below an indicator's page: its measurements against its targets, charted, with the numbers."""

from imio.strategicplan.reporting import charts
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class IndicatorChartViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/indicator_chart.pt")

    def update(self):
        super().update()
        made = charts.indicator_progress(self.context, self.request)
        self.svg, self.table = made if made else (None, None)
