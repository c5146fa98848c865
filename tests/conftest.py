"""Shared fixtures: pytest-plone layers over the package's testing layers."""

from imio.strategicplan.testing import FUNCTIONAL_TESTING
from imio.strategicplan.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory

import os


# Translations are compiled from the .po files at start-up (no .mo in the repository).
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (INTEGRATION_TESTING, "integration"),
            (FUNCTIONAL_TESTING, "functional"),
        )
    )
)
