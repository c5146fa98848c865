"""FinancialYear: the raw lines of one year of the financial plan."""

from imio.strategicplan import _
from imio.strategicplan.content import rows
from imio.strategicplan.content.fields import DATA_GRID
from imio.strategicplan.content.fields import table
from imio.strategicplan.interfaces import IPlanContent
from imio.strategicplan.permissions import EDIT_COMMITMENTS
from imio.strategicplan.permissions import EDIT_FOLLOW_UP
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IFinancialYear(model.Schema):
    """One year's revenue, charges, subsidies and exceptional items, as printed."""

    year = schema.Int(title=_("Année"), min=1900, max=2200)
    kind = schema.Choice(title=_("Nature des chiffres"), vocabulary="imio.strategicplan.year_kinds")
    directives.widget(revenue_lines=DATA_GRID)
    revenue_lines = table(
        _("Recettes"),
        rows.IRevenueLine,
        description=_("Chiffre d'affaires par activité et par produit."),
    )
    directives.widget(charge_lines=DATA_GRID)
    charge_lines = table(
        _("Charges"),
        rows.IChargeLine,
        description=_("Montants signés comme imprimés : une charge est négative."),
    )
    directives.widget(subsidy_lines=DATA_GRID)
    subsidy_lines = table(_("Subsides"), rows.IAmountLine)
    directives.widget(exceptional_lines=DATA_GRID)
    exceptional_lines = table(_("Éléments exceptionnels"), rows.IAmountLine)
    notes = schema.Text(title=_("Notes"), required=False)

    model.fieldset(
        "printed",
        label=_("Chiffres publiés"),
        fields=["printed_figures"],
    )
    directives.widget(printed_figures=DATA_GRID)
    printed_figures = table(
        _("Chiffres publiés"),
        rows.IPrintedFigure,
        description=_(
            "Les totaux et taux tels qu'un document publié les imprime : ils sont comparés aux "
            "chiffres calculés depuis les lignes, et chaque désaccord est signalé."
        ),
    )

    # Commitments are frozen once the plan is submitted; follow-up data stays open to
    # staff after adoption (docs/workflow.md).
    directives.write_permission(
        year=EDIT_COMMITMENTS,
    )
    directives.write_permission(
        kind=EDIT_FOLLOW_UP,
        revenue_lines=EDIT_FOLLOW_UP,
        charge_lines=EDIT_FOLLOW_UP,
        subsidy_lines=EDIT_FOLLOW_UP,
        exceptional_lines=EDIT_FOLLOW_UP,
        notes=EDIT_FOLLOW_UP,
        printed_figures=EDIT_FOLLOW_UP,
    )


@implementer(IFinancialYear, IPlanContent)
class FinancialYear(Item):
    """A financial year."""
