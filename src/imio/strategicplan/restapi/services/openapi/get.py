"""GET /@strategicplan-openapi: the OpenAPI document of the add-on's REST API."""

from imio.strategicplan.restapi.services.openapi.document import document
from plone.restapi.services import Service


class OpenAPIGet(Service):
    """OpenAPI 3.1: the plan endpoints and each type's representation."""

    def reply(self):
        return document(self.context.absolute_url())
