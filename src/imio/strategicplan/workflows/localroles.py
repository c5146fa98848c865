"""The board, assembly and plan author roles on the Sharing tab."""

from imio.strategicplan import _
from plone.app.workflow.interfaces import ISharingPageRole
from zope.interface import implementer


@implementer(ISharingPageRole)
class BoardMemberRole:
    """Membre du Conseil d'Administration: reviews and approves plans, records follow-ups."""

    title = _("Membre du Conseil d'Administration")
    required_permission = "Sharing page: Delegate roles"
    required_interface = None


@implementer(ISharingPageRole)
class AssemblyMemberRole:
    """Membre de l'Assemblée Générale: adopts plans."""

    title = _("Membre de l'Assemblée Générale")
    required_permission = "Sharing page: Delegate roles"
    required_interface = None


@implementer(ISharingPageRole)
class PlanAuthorRole:
    """Peut créer des plans: adds plans (the staff group holds it on the site)."""

    title = _("Peut créer des plans")
    required_permission = "Sharing page: Delegate roles"
    required_interface = None
