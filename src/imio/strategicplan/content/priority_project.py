"""PriorityProject: a project the plan puts first."""

from imio.strategicplan import _
from imio.strategicplan.content.fields import in_order
from imio.strategicplan.content.fields import related_items_options
from imio.strategicplan.content.fields import relations
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


class IPriorityProject(model.Schema):
    """A priority project serving values and objectives."""

    details = schema.Text(title=_("Présentation"), required=False)
    directives.widget(
        "served",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=related_items_options(["Value", "Objective"]),
    )
    served = relations(
        _("Valeurs et objectifs servis"),
        ["Value", "Objective"],
    )
    lead = schema.TextLine(title=_("Pilote"), required=False)
    status = schema.Choice(
        title=_("Statut"),
        vocabulary="imio.strategicplan.project_statuses",
        default="planned",
    )
    start = schema.Date(title=_("Début"), required=False)
    end = schema.Date(title=_("Fin"), required=False)
    budget = schema.Float(title=_("Budget (€)"), required=False, min=0.0)

    invariant(in_order("start", "end", _("La fin précède le début.")))


@implementer(IPriorityProject)
class PriorityProject(Item):
    """A priority project."""
