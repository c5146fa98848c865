"""Fixed vocabularies of the plan's choice fields (tokens are the stored values)."""

from imio.strategicplan import _
from imio.strategicplan.plan.finance import FIGURE_TITLES
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(*pairs):
    return SimpleVocabulary([SimpleTerm(value=v, token=v, title=t) for v, t in pairs])


OBJECTIVE_KINDS = _vocabulary(
    ("strategic", _("Stratégique")),
    ("operational", _("Opérationnel")),
)
HEALTH = _vocabulary(
    ("on_track", _("En bonne voie")),
    ("at_risk", _("À risque")),
    ("blocked", _("Bloqué")),
    ("paused", _("En pause")),
)
DIRECTIONS = _vocabulary(
    ("higher", _("Plus haut est mieux")),
    ("lower", _("Plus bas est mieux")),
)
FREQUENCIES = _vocabulary(
    ("monthly", _("Mensuelle")),
    ("quarterly", _("Trimestrielle")),
    ("semiannual", _("Semestrielle")),
    ("yearly", _("Annuelle")),
)
PROJECT_STATUSES = _vocabulary(
    ("planned", _("Prévu")),
    ("in_progress", _("En cours")),
    ("done", _("Terminé")),
    ("suspended", _("Suspendu")),
    ("cancelled", _("Abandonné")),
)
YEAR_KINDS = _vocabulary(
    ("actual", _("Réalisé (comptes audités)")),
    ("partial", _("Partiel (clôture provisoire et prévision)")),
    ("forecast", _("Prévision")),
)
ACTIVITIES = _vocabulary(
    ("software", _("Production de logiciels libres en mutualisation")),
    (
        "support",
        _("Accompagnement organisationnel, simplification administrative et centrale de marchés/d'achats"),
    ),
)
CHARGE_GROUPS = _vocabulary(
    ("activity_costs", _("Charges de l'activité")),
    ("overheads", _("Frais généraux")),
    ("depreciation_other", _("Amortissements et autres")),
    ("financial", _("Produits et frais financiers")),
    ("taxes", _("Impôts")),
)


def _factory(vocabulary):
    @provider(IVocabularyFactory)
    def factory(context):
        return vocabulary

    return factory


objective_kinds = _factory(OBJECTIVE_KINDS)
health = _factory(HEALTH)
directions = _factory(DIRECTIONS)
frequencies = _factory(FREQUENCIES)
project_statuses = _factory(PROJECT_STATUSES)
year_kinds = _factory(YEAR_KINDS)
activities = _factory(ACTIVITIES)
charge_groups = _factory(CHARGE_GROUPS)


def _financial_figures():
    return _vocabulary(*FIGURE_TITLES.items())


FINANCIAL_FIGURES = _financial_figures()
financial_figures = _factory(FINANCIAL_FIGURES)


def term_title(vocabulary, token):
    """The title of ``token`` in ``vocabulary``; the token itself when the vocabulary lacks it
    ("" for none)."""
    try:
        return vocabulary.getTerm(token).title
    except LookupError:
        return token or ""
