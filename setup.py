"""Installer for the imio.strategicplan package."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


long_description = "\n\n".join(
    [
        Path("README.md").read_text(encoding="utf-8"),
        Path("CHANGES.md").read_text(encoding="utf-8"),
    ]
)

setup(
    name="imio.strategicplan",
    version="1.0.0a1.dev0",
    description="A public body's strategic plan in Plone 6: pillars, values, objectives, "
    "indicators, priority projects and financial years, with board approval.",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.1",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
        "Operating System :: OS Independent",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
        "Natural Language :: French",
    ],
    keywords="Python Plone CMS strategic plan intercommunale iMio",
    author="iMio",
    author_email="contact@imio.be",
    url="https://github.com/IMIO/imio.strategicplan",
    license="GPL version 2",
    packages=find_namespace_packages("src", include=["imio.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    package_data={
        "": ["*.zcml", "*.xml", "*.pt", "*.json", "*.po", "*.pot", "*.css", "*.js", "*.txt"]
    },
    zip_safe=False,
    python_requires=">=3.10",
    install_requires=[
        "setuptools",
        "Products.CMFPlone",
        "plone.api",
        "plone.app.dexterity",
        "plone.app.relationfield",
        "plone.restapi",
        "plone.distribution",
        "plone.classicui",
        "collective.z3cform.datagridfield",
        "collective.solr",
        # collective.solr 10.1.1 imports six (meta.zcml, which our dependencies.zcml loads) but does
        # not declare it: buildout then has no six (pip gets it through another package).
        "six",
        "openpyxl",
        "pygal",
        "weasyprint",
        "z3c.relationfield",
    ],
    extras_require={
        # RelStorage on PostgreSQL (`make start STORAGE=postgres`, docs/deploy/relstorage.md)
        "relstorage": [
            "RelStorage",
            "psycopg2-binary",
        ],
        # the process manager of the local Solr node, SolrCloud and the cluster (make solr,
        # make solrcloud, make cluster; docs/decisions.md, "Process manager")
        "processes": [
            "supervisor",
        ],
        "test": [
            "plone.app.testing",
            "plone.testing",
            "pytest",
            "pytest-plone",
            "zope.pytestlayer",
            "playwright",
            "requests",
            "collective.MockMailHost",
            "aiosmtpd",
            "openapi-spec-validator",
            "schemathesis",
            "jsonschema",
            "pypdf",
        ],
        # the code checks: `make lint`, `make format`, `make i18n` (Plone 6.2's environment)
        "lint": [
            "ruff",
            "import-linter",
            "i18ndude",
        ],
        "release": [
            "zest.releaser",
            "zestreleaser.towncrier",
            "towncrier",
            "build",
        ],
    },
    entry_points="""
    [z3c.autoinclude.plugin]
    target = plone

    [console_scripts]
    strategicplan-import = imio.strategicplan.commands.transfer:import_main
    strategicplan-export = imio.strategicplan.commands.transfer:export_main
    strategicplan-create-site = imio.strategicplan.commands.site:create_site_main
    strategicplan-upgrade = imio.strategicplan.commands.site:upgrade_main
    strategicplan-solr = imio.strategicplan.commands.solr:main

    [paste.filter_app_factory]
    unavailable = imio.strategicplan.unavailable.wsgi:filter_app_factory
    """,
)
