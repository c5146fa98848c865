Site-wide things scoped. The staff group's rights are local roles: Contributor, Editor and Reader
on each plan (given when a plan is added) and Plan Author ("Peut créer des plans", adds plans and
nothing else) on the site, instead of global roles; a staff member no longer edits or adds pages
elsewhere on the site (upgrade step 1005 → 1006). CORS is the instance's configuration:
`plone:CORSPolicy` in `etc/cors.zcml`, included by the instance's `etc/site.zcml` and written by
`make start` with the origins of `STRATEGICPLAN_CORS_ORIGINS` (read at start, `*` refused; the
add-on ships no policy). The 503 when PostgreSQL does not answer comes from a WSGI filter of the
instance's pipeline (`etc/zope.ini`, `egg:imio.strategicplan#unavailable`) instead of the add-on
replacing Zope's application loader for the whole process; the answers are the same. @imio

Faster on big plans, nothing else changes: `@plan-tree`, the follow-up lists (`@@plan-at-risk`,
`@@plan-stale`, `@@plan-mine`, `@@plan-late`, the overview's counts), `@progress`, the progress
viewlet and the evaluation report's roll-up read catalog metadata and wake no plan item. The
catalog keeps each item's place in its folder (`position_in_parent`, reindexed when items are
moved up or down, rearranged or reordered through plone.restapi), its weight, status, served
items, responsible, planned end, lead and code. `@progress` is kept per catalog state with an ETag,
as `@plan-tree` and `@indicators` are. Upgrade step 1006 → 1007 adds and fills the metadata.
`make bench` also measures `@progress` and `@@plan-at-risk` on a 10,000-node plan. @imio
