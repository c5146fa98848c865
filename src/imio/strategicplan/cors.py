"""CORS for a decoupled front-end on another origin (plone.rest's policy, configured here)."""

from plone.rest.cors import CORSPolicy

import os


ORIGINS_VARIABLE = "STRATEGICPLAN_CORS_ORIGINS"
DEFAULT_ORIGINS = "http://localhost:3000"


class PlanCORSPolicy(CORSPolicy):
    """Origins from $STRATEGICPLAN_CORS_ORIGINS (comma-separated; default http://localhost:3000).

    Credentials are allowed, so origins are listed, never ``*``.
    """

    allow_methods = ["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"]
    allow_credentials = True
    expose_headers = ["Content-Length", "Location"]
    allow_headers = ["Accept", "Authorization", "Content-Type", "Accept-Language"]
    max_age = "3600"

    @property
    def allow_origin(self):
        value = os.environ.get(ORIGINS_VARIABLE, DEFAULT_ORIGINS)
        return [origin.strip() for origin in value.split(",") if origin.strip() and origin.strip() != "*"]
