"""StrategicPlan: the container of a plan."""

from imio.strategicplan import _
from imio.strategicplan.content import rows
from imio.strategicplan.content.fields import DATA_GRID
from imio.strategicplan.content.fields import in_order
from imio.strategicplan.content.fields import table
from imio.strategicplan.interfaces import IPlanContent
from imio.strategicplan.permissions import EDIT_COMMITMENTS
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


class IStrategicPlan(model.Schema):
    """A strategic plan over a few years."""

    reference = schema.TextLine(
        title=_("Référence"),
        description=_("Référence du document, par exemple « IMIO2020/2022-V1.0 »."),
    )
    first_year = schema.Int(title=_("Première année"), min=1900, max=2200)
    last_year = schema.Int(title=_("Dernière année"), min=1900, max=2200)
    legal_basis = schema.Text(
        title=_("Base légale"),
        description=_("Le texte qui impose le plan."),
        required=False,
    )
    adopted_by = schema.TextLine(
        title=_("Adopté par"),
        description=_("L'organe qui a adopté le plan."),
        required=False,
    )
    adoption_date = schema.Date(title=_("Date d'adoption"), required=False)

    model.fieldset(
        "vision",
        label=_("Vision"),
        fields=["vision", "vision_statements"],
    )
    vision = schema.Text(title=_("Vision"), required=False)
    directives.widget(vision_statements=DATA_GRID)
    vision_statements = table(_("Énoncés de la vision"), rows.IVisionStatement)

    model.fieldset(
        "organisation",
        label=_("Organisation"),
        fields=[
            "key_figures_year",
            "key_figures",
            "members_date",
            "members",
            "tariff_categories",
            "tariff_notes",
        ],
    )
    key_figures_year = schema.Int(title=_("Année des chiffres clés"), required=False)
    directives.widget(key_figures=DATA_GRID)
    key_figures = table(_("Chiffres clés"), rows.IKeyFigure)
    members_date = schema.Date(title=_("Date du relevé des membres"), required=False)
    directives.widget(members=DATA_GRID)
    members = table(_("Membres par catégorie"), rows.IMemberCount)
    directives.widget(tariff_categories=DATA_GRID)
    tariff_categories = table(_("Catégories tarifaires"), rows.ITariffCategory)
    tariff_notes = schema.Text(title=_("Règles tarifaires"), required=False)

    invariant(in_order("first_year", "last_year", _("La dernière année précède la première année.")))

    # Commitments are frozen once the plan is submitted; follow-up data stays open to
    # staff after adoption (docs/workflow.md).
    directives.write_permission(
        reference=EDIT_COMMITMENTS,
        first_year=EDIT_COMMITMENTS,
        last_year=EDIT_COMMITMENTS,
        legal_basis=EDIT_COMMITMENTS,
        adopted_by=EDIT_COMMITMENTS,
        adoption_date=EDIT_COMMITMENTS,
        vision=EDIT_COMMITMENTS,
        vision_statements=EDIT_COMMITMENTS,
        key_figures_year=EDIT_COMMITMENTS,
        key_figures=EDIT_COMMITMENTS,
        members_date=EDIT_COMMITMENTS,
        members=EDIT_COMMITMENTS,
        tariff_categories=EDIT_COMMITMENTS,
        tariff_notes=EDIT_COMMITMENTS,
    )


@implementer(IStrategicPlan, IPlanContent)
class StrategicPlan(Container):
    """A strategic plan."""
