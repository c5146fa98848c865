A real Solr 9.10.1 node from Maven Central's jars (`make solr`, `make solr-stop`) with the
project's classic configset in `solr/configsets/plone` (collective.solr's fields, the plan's
fields, French analysis: accents folded, elisions, stop words, light stemming), tested over HTTP.
Catalog indexes `plan_uid`, `value_uid`, `objective_uid`, `pillars`, `health`, `status`, `year`
(upgrade step 1002 → 1003), each a field of the Solr schema. @imio
