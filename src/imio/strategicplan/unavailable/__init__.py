"""503 « La base de données ne répond pas » when RelStorage cannot reach PostgreSQL.

Two halves (docs/deploy/faults.md):

- ``wsgi``: a WSGI filter the instance puts in its pipeline (etc/zope.ini, ``[filter:unavailable]``).
  Most requests meet the dead database before Zope's error handling: ZPublisher's ``load_app``
  opens the ZODB connection (``db.open()`` polls PostgreSQL) outside the publisher's ``try``, so
  no exception view can answer and the error leaves the Zope application; without the filter,
  waitress sends a plain 500.
- ``views``: the exception view of the database errors that arrive inside the publisher (a load
  during traversal, the commit), registered by the add-on with no layer (the error comes before the
  site is traversed). It keeps the publisher's abort from polling the database again, and gives
  a write that was committed just before the failure its own answer.

``answer`` writes the 503 for both.
"""
