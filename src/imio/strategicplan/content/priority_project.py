"""PriorityProject: a project the plan puts first."""

from imio.strategicplan import _
from imio.strategicplan.content.fields import in_order
from imio.strategicplan.content.fields import related_items_options
from imio.strategicplan.content.fields import relations
from imio.strategicplan.content.fields import weight_field
from imio.strategicplan.interfaces import IPlanContent
from imio.strategicplan.permissions import EDIT_COMMITMENTS
from imio.strategicplan.permissions import EDIT_FOLLOW_UP
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
    weight = weight_field()
    progress = schema.Int(
        title=_("Avancement (%)"),
        description=_("Un projet terminé compte pour 100 %."),
        min=0,
        max=100,
        default=0,
    )

    invariant(in_order("start", "end", _("La fin précède le début.")))

    # Commitments are frozen once the plan is submitted; follow-up data stays open to
    # staff after adoption (docs/workflow.md).
    directives.write_permission(
        details=EDIT_COMMITMENTS,
        weight=EDIT_COMMITMENTS,
        served=EDIT_COMMITMENTS,
        lead=EDIT_COMMITMENTS,
        start=EDIT_COMMITMENTS,
        end=EDIT_COMMITMENTS,
        budget=EDIT_COMMITMENTS,
    )
    directives.write_permission(
        status=EDIT_FOLLOW_UP,
        progress=EDIT_FOLLOW_UP,
    )


@implementer(IPriorityProject, IPlanContent)
class PriorityProject(Item):
    """A priority project."""
