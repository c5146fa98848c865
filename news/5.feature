A real Solr 9.10.1 node from Maven Central's jars (`make solr`, `make solr-stop`) with the
project's classic configset in `solr/configsets/plone` (collective.solr's fields, the plan's
fields, French analysis: accents folded, elisions, stop words, light stemming), tested over HTTP.
@imio
