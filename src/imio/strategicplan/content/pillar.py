"""Pillar: one of the plan's strategic axes."""

from imio.strategicplan import _
from imio.strategicplan.interfaces import IPlanContent
from imio.strategicplan.permissions import EDIT_COMMITMENTS
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPillar(model.Schema):
    """A strategic axis of the plan."""

    code = schema.TextLine(title=_("Code"), description=_("Par exemple « P1 »."))
    number = schema.Int(title=_("Numéro d'ordre"), min=0)

    # Commitments are frozen once the plan is submitted; follow-up data stays open to
    # staff after adoption (docs/workflow.md).
    directives.write_permission(
        code=EDIT_COMMITMENTS,
        number=EDIT_COMMITMENTS,
    )


@implementer(IPillar, IPlanContent)
class Pillar(Item):
    """A pillar."""
