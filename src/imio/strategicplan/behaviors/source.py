"""Where an item comes from in the source document of the plan."""

from imio.strategicplan import _
from imio.strategicplan.permissions import EDIT_COMMITMENTS
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class ISourceReference(model.Schema):
    """The section(s) of the source document an item was transcribed from."""

    model.fieldset("source", label=_("Source"), fields=["source"])
    directives.write_permission(source=EDIT_COMMITMENTS)

    source = schema.TextLine(
        title=_("Source dans le document"),
        description=_("Section(s) du document d'origine, par exemple « §6.2 »."),
        required=False,
    )
