"""Module where all interfaces, events and exceptions live."""

from imio.strategicplan import _
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBrowserLayer(IDefaultBrowserLayer):
    """Marker interface that defines a browser layer."""


class IPlanContent(Interface):
    """Marker of the plan's content types (the plan and every item in it)."""


class IPlanSettings(Interface):
    """Site-wide settings of the plans (control panel "Plans stratégiques", registry prefix
    ``imio.strategicplan``). Read them with ``imio.strategicplan.plan.indicators.limits()``."""

    on_track_threshold = schema.Int(
        title=_("Seuil « en bonne voie » (%)"),
        description=_(
            "Part du chemin entre la valeur de référence et la cible à partir de laquelle "
            "un indicateur est en bonne voie."
        ),
        min=1,
        max=100,
        default=90,
    )
    at_risk_threshold = schema.Int(
        title=_("Seuil « à risque » (%)"),
        description=_(
            "À partir de cette part du chemin, un indicateur est à risque ; en dessous, il est hors trajectoire."
        ),
        min=0,
        max=100,
        default=70,
    )

    @invariant
    def thresholds_in_order(data):
        if (
            data.at_risk_threshold is not None
            and data.on_track_threshold is not None
            and data.at_risk_threshold > data.on_track_threshold
        ):
            raise Invalid(_("Le seuil « à risque » dépasse le seuil « en bonne voie »."))
