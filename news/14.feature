Faster on big plans, nothing else changes: `@plan-tree`, the follow-up lists (`@@plan-at-risk`,
`@@plan-stale`, `@@plan-mine`, `@@plan-late`, the overview's counts), `@progress`, the progress
viewlet and the evaluation report's roll-up read catalog metadata and wake no plan item. The
catalog keeps each item's place in its folder (`position_in_parent`, reindexed when items are
moved up or down, rearranged or reordered through plone.restapi), its weight, status, served
items, responsible, planned end, lead and code. `@progress` is kept per catalog state with an ETag,
as `@plan-tree` and `@indicators` are. Upgrade step 1006 → 1007 adds and fills the metadata.
`make bench` also measures `@progress` and `@@plan-at-risk` on a 10,000-node plan. @imio
