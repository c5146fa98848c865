"""Objective: what the plan commits to reach."""

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
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


class IObjective(model.Schema):
    """A strategic or operational objective."""

    kind = schema.Choice(
        title=_("Nature"),
        vocabulary="imio.strategicplan.objective_kinds",
        default="strategic",
    )
    directives.widget(
        "pillars",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options=related_items_options(["Pillar"]),
    )
    pillars = relations(_("Piliers servis"), ["Pillar"], description=_("Les piliers que sert l'objectif."))
    responsible = schema.TextLine(title=_("Responsable"), required=False)
    planned_start = schema.Date(title=_("Début prévu"), required=False)
    planned_end = schema.Date(title=_("Fin prévue"), required=False)
    health = schema.Choice(
        title=_("État de santé"),
        vocabulary="imio.strategicplan.health",
        default="on_track",
    )
    progress = schema.Int(title=_("Avancement (%)"), min=0, max=100, default=0)
    weight = weight_field()

    invariant(in_order("planned_start", "planned_end", _("La fin prévue précède le début prévu.")))

    # Commitments are frozen once the plan is submitted; follow-up data stays open to
    # staff after adoption (docs/workflow.md).
    directives.write_permission(
        kind=EDIT_COMMITMENTS,
        weight=EDIT_COMMITMENTS,
        pillars=EDIT_COMMITMENTS,
        responsible=EDIT_COMMITMENTS,
        planned_start=EDIT_COMMITMENTS,
        planned_end=EDIT_COMMITMENTS,
    )
    directives.write_permission(
        health=EDIT_FOLLOW_UP,
        progress=EDIT_FOLLOW_UP,
    )


@implementer(IObjective, IPlanContent)
class Objective(Container):
    """An objective."""
