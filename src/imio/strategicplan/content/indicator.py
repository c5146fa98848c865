"""Indicator: how an objective or a value is measured."""

from imio.strategicplan import _
from imio.strategicplan.content import rows
from imio.strategicplan.content.fields import DATA_GRID
from imio.strategicplan.content.fields import table
from imio.strategicplan.content.fields import weight_field
from imio.strategicplan.interfaces import IPlanContent
from imio.strategicplan.permissions import EDIT_COMMITMENTS
from imio.strategicplan.permissions import EDIT_FOLLOW_UP
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IIndicator(model.Schema):
    """An indicator with targets and dated measurements."""

    unit = schema.TextLine(title=_("Unité"), description=_("Par exemple « nombre », « % », « € »."), required=False)
    direction = schema.Choice(
        title=_("Sens"),
        vocabulary="imio.strategicplan.directions",
        default="higher",
    )
    baseline = schema.Float(title=_("Valeur de référence"), required=False)
    baseline_year = schema.Int(title=_("Année de référence"), required=False)
    directives.widget(targets=DATA_GRID)
    targets = table(_("Cibles par année"), rows.ITarget)
    frequency = schema.Choice(
        title=_("Fréquence de mesure"),
        vocabulary="imio.strategicplan.frequencies",
        default="yearly",
    )
    directives.widget(measurements=DATA_GRID)
    measurements = table(_("Mesures"), rows.IMeasurement)
    weight = weight_field()

    # Commitments are frozen once the plan is submitted; follow-up data stays open to
    # staff after adoption (docs/workflow.md).
    directives.write_permission(
        unit=EDIT_COMMITMENTS,
        weight=EDIT_COMMITMENTS,
        direction=EDIT_COMMITMENTS,
        baseline=EDIT_COMMITMENTS,
        baseline_year=EDIT_COMMITMENTS,
        targets=EDIT_COMMITMENTS,
        frequency=EDIT_COMMITMENTS,
    )
    directives.write_permission(
        measurements=EDIT_FOLLOW_UP,
    )


@implementer(IIndicator, IPlanContent)
class Indicator(Item):
    """An indicator."""
