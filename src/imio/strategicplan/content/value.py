"""Value: a founding value of the organisation, holding objectives and indicators."""

from imio.strategicplan import _
from imio.strategicplan.content.fields import weight_field
from imio.strategicplan.interfaces import IPlanContent
from imio.strategicplan.permissions import EDIT_COMMITMENTS
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IValue(model.Schema):
    """A value with its motto."""

    motto = schema.Text(title=_("Devise"), description=_("La phrase qui résume la valeur."))
    explanation = schema.Text(title=_("Explication"), required=False)
    weight = weight_field()

    # Commitments are frozen once the plan is submitted; follow-up data stays open to
    # staff after adoption (docs/workflow.md).
    directives.write_permission(
        motto=EDIT_COMMITMENTS,
        weight=EDIT_COMMITMENTS,
        explanation=EDIT_COMMITMENTS,
    )


@implementer(IValue, IPlanContent)
class Value(Container):
    """A value."""
