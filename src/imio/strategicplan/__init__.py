"""imio.strategicplan: a public body's strategic plan in Plone."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "imio.strategicplan"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
