Site-wide things scoped. The staff group's rights are local roles: Contributor, Editor and Reader
on each plan (given when a plan is added) and Plan Author ("Peut créer des plans", adds plans and
nothing else) on the site, instead of global roles; a staff member no longer edits or adds pages
elsewhere on the site (upgrade step 1005 → 1006). CORS is the instance's configuration:
`plone:CORSPolicy` in `etc/cors.zcml`, included by the instance's `etc/site.zcml` and written by
`make start` with the origins of `STRATEGICPLAN_CORS_ORIGINS` (read at start, `*` refused; the
add-on ships no policy). The 503 when PostgreSQL does not answer comes from a WSGI filter of the
instance's pipeline (`etc/zope.ini`, `egg:imio.strategicplan#unavailable`) instead of the add-on
replacing Zope's application loader for the whole process; the answers are the same.
