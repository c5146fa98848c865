"""Install and uninstall handlers."""

from imio.strategicplan.workflows.groups import create_groups
from imio.strategicplan.workflows.groups import grant_staff_roles
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Hide the uninstall profile from the add-ons control panel."""

    def getNonInstallableProfiles(self):
        return ["imio.strategicplan:uninstall"]


def post_install(context):
    """Create the staff, board and assembly groups; the staff's local roles on the site and plans."""
    create_groups()
    grant_staff_roles(api.portal.get())


def uninstall(context):
    """Uninstall script (nothing yet: the uninstall profile's XML does the work)."""
