A real Solr 9.10.1 node from Maven Central's jars (`make solr`, `make solr-stop`) with the
project's classic configset in `solr/configsets/plone` (collective.solr's fields, the plan's
fields, French analysis: accents folded, elisions, stop words, light stemming), tested over HTTP.
Catalog indexes `plan_uid`, `value_uid`, `objective_uid`, `pillars`, `health`, `status`, `year`
(upgrade step 1002 → 1003), each a field of the Solr schema. @imio
Search in the plan through Solr: `@@plan-search` (Classic UI, with a search box on the plan page)
and `GET <plan>/@plan-search` (REST), with facets and counts (type, pillar, value, state, health,
year), French analysis through Solr, the catalog answering with a clear message when Solr does
not. Optional `imio.strategicplan:solr` profile (collective.solr 10.1.1), `strategicplan-solr
enable|disable|sync|status`, `make start SOLR=1`, `make solr-sync`; `sync` also catches
permission changes made while Solr was down. Items are indexed with their plan's state and their
type's texts (a value's motto, an objective's indicators' titles): upgrade step 1003 → 1004.
