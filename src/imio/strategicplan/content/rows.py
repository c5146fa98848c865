"""Row schemas of the structured (table) fields, edited with a data grid."""

from imio.strategicplan import _
from zope import schema
from zope.interface import Interface


class IVisionStatement(Interface):
    title = schema.TextLine(title=_("Intitulé"))
    text = schema.Text(title=_("Texte"), required=False)


class IKeyFigure(Interface):
    label = schema.TextLine(title=_("Libellé"))
    value = schema.Float(title=_("Valeur"))
    unit = schema.TextLine(title=_("Unité"), required=False)
    note = schema.TextLine(title=_("Texte d'origine"), required=False)


class IMemberCount(Interface):
    category = schema.TextLine(title=_("Catégorie de membres"))
    count = schema.Int(title=_("Nombre de membres"), min=0)


class ITariffCategory(Interface):
    category = schema.TextLine(title=_("Catégorie"))
    inhabitants_min = schema.Int(title=_("Habitants min. (communes/CPAS)"), required=False)
    inhabitants_max = schema.Int(title=_("Habitants max. (communes/CPAS)"), required=False)
    agents_min = schema.Int(title=_("Agents min. (intercommunales/RCA)"), required=False)
    agents_max = schema.Int(title=_("Agents max. (intercommunales/RCA)"), required=False)
    rescue_inhabitants_min = schema.Int(title=_("Habitants min. (zones de secours)"), required=False)
    rescue_inhabitants_max = schema.Int(title=_("Habitants max. (zones de secours)"), required=False)


class ITarget(Interface):
    year = schema.Int(title=_("Année"))
    value = schema.Float(title=_("Cible"))


class IMeasurement(Interface):
    date = schema.Date(title=_("Date"))
    value = schema.Float(title=_("Valeur mesurée"))
    comment = schema.TextLine(title=_("Commentaire"), required=False)


class IRevenueLine(Interface):
    activity = schema.Choice(title=_("Activité"), vocabulary="imio.strategicplan.activities")
    product_line = schema.TextLine(title=_("Produit"), required=False)
    amount = schema.Float(title=_("Montant (€)"))
    source = schema.TextLine(title=_("Source"), required=False)


class IChargeLine(Interface):
    group = schema.Choice(title=_("Groupe"), vocabulary="imio.strategicplan.charge_groups")
    label = schema.TextLine(title=_("Libellé"))
    amount = schema.Float(title=_("Montant (€)"))
    source = schema.TextLine(title=_("Source"), required=False)


class IAmountLine(Interface):
    label = schema.TextLine(title=_("Libellé"))
    amount = schema.Float(title=_("Montant (€)"))
    source = schema.TextLine(title=_("Source"), required=False)


class IPrintedFigure(Interface):
    """A figure as a published document printed it, checked against the one computed from the
    lines (docs/finance.md)."""

    figure = schema.Choice(title=_("Chiffre"), vocabulary="imio.strategicplan.financial_figures")
    label = schema.TextLine(title=_("Libellé imprimé"), required=False)
    value = schema.Float(title=_("Valeur imprimée"))
    decimals = schema.Int(title=_("Décimales imprimées"), min=0, max=2, default=0)
    source = schema.TextLine(title=_("Source"), required=False)
