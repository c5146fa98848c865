"""Control panel "Plans stratégiques": the indicators' status thresholds (interfaces.IPlanSettings).

Classic UI: ``@@strategicplan-controlpanel`` under Site Setup; REST: ``@controlpanels/strategicplan``."""

from imio.strategicplan import _
from imio.strategicplan.interfaces import IBrowserLayer
from imio.strategicplan.interfaces import IPlanSettings
from imio.strategicplan.plan.indicators import SETTINGS_PREFIX
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.registry.interfaces import IRegistry
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from zope.component import adapter
from zope.component import getUtility
from zope.interface import Interface


class PlanSettingsForm(RegistryEditForm):
    schema = IPlanSettings
    schema_prefix = SETTINGS_PREFIX
    label = _("Plans stratégiques")
    description = _(
        "Seuils qui classent les indicateurs : la part du chemin parcouru entre la valeur de "
        "référence et la cible de l'année."
    )


PlanSettingsView = layout.wrap_form(PlanSettingsForm, ControlPanelFormWrapper)


@adapter(Interface, IBrowserLayer)
class PlanSettingsPanel(RegistryConfigletPanel):
    schema = IPlanSettings
    schema_prefix = SETTINGS_PREFIX
    configlet_id = "imio.strategicplan"
    configlet_category_id = "Products"


def site_settings(site):
    """The site's IPlanSettings (the registry proxy): what z3c.form's invariant check adapts the
    site to when ``@controlpanels/strategicplan`` changes one threshold and reads the other."""
    return getUtility(IRegistry).forInterface(IPlanSettings, prefix=SETTINGS_PREFIX)
