"""The data-grid widget of the plan's table fields."""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.interface import implementer

import copy


BLANK_ROWS = ("AA", "TT")  # the auto-append row and the template row copied by the grid's script


class DataGridWidget(DataGridFieldWidget):
    """A data grid whose blank rows do not block the form in the browser.

    Plone 6.1's widgets render ``required="required"`` for a required field (read from
    ``widget.field``), also in the grid's blank auto-append row: the browser then refuses
    to submit a form whose grid is left empty. The blank rows' columns get a non-required
    copy of their field; the server still validates every filled row against the schema.
    """

    def getWidget(self, idx):
        widget = super().getWidget(idx)
        if idx in BLANK_ROWS:
            for column in widget.widgets.values():
                if column.field.required:
                    column.field = copy.copy(column.field)
                    column.field.required = False
                    column.required = False
        return widget


@implementer(IFieldWidget)
def DataGridFactory(field, request):
    """Field widget factory for the plan's table fields."""
    return FieldWidget(field, DataGridWidget(request))
