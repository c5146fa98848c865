"""Pillar: one of the plan's strategic axes."""

from imio.strategicplan import _
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPillar(model.Schema):
    """A strategic axis of the plan."""

    code = schema.TextLine(title=_("Code"), description=_("Par exemple « P1 »."))
    number = schema.Int(title=_("Numéro d'ordre"), min=0)


@implementer(IPillar)
class Pillar(Item):
    """A pillar."""
