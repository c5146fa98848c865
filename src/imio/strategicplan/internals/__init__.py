"""What the add-on uses of its dependencies beyond their public API, one module per dependency
(``catalog``: Products.ZCatalog and Plone's catalog tool; ``cmf``: Products.CMFCore and DCWorkflow;
``zope``: Zope, OFS and ZODB; ``solr``: collective.solr). Nothing else of the add-on touches these
names: each use is pinned by a test in tests/internals/ that fails when the dependency changes it,
so an upgrade of Plone or collective.solr shows what to rewrite here, and only here."""
