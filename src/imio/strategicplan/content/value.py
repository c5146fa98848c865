"""Value: a founding value of the organisation, holding objectives and indicators."""

from imio.strategicplan import _
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IValue(model.Schema):
    """A value with its motto."""

    motto = schema.Text(
        title=_("Devise"), description=_("La phrase qui résume la valeur.")
    )
    explanation = schema.Text(title=_("Explication"), required=False)


@implementer(IValue)
class Value(Container):
    """A value."""
