"""Title and description of plan items, frozen with the plan's commitments."""

from imio.strategicplan import _
from imio.strategicplan.permissions import EDIT_COMMITMENTS
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IPlanBasic(model.Schema):
    """Title and description, editable only while the plan's commitments are open."""

    title = schema.TextLine(title=_("Titre"), required=True)
    description = schema.Text(
        title=_("Description"),
        description=_("Utilisée dans les listes et les résultats de recherche."),
        required=False,
        missing_value="",
    )
    directives.order_before(description="*")
    directives.order_before(title="*")
    directives.write_permission(title=EDIT_COMMITMENTS, description=EDIT_COMMITMENTS)
