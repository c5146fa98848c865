"""Install and uninstall handlers."""

from imio.strategicplan.workflows.groups import create_groups
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Hide the uninstall profile from the add-ons control panel."""

    def getNonInstallableProfiles(self):
        return ["imio.strategicplan:uninstall"]


def post_install(context):
    """Create the staff, board and assembly groups."""
    create_groups()


def uninstall(context):
    """Uninstall script (nothing yet: the uninstall profile's XML does the work)."""
