RelStorage on PostgreSQL: `make start STORAGE=postgres` runs the site on a PostgreSQL of the
project's own (`postgres/pg`: Debian's server, `var/postgres`, 127.0.0.1 only), history-free with
blobs in the database; `zodbconvert` moves a FileStorage site (docs/deploy/relstorage.md).
Backup and restore for both storages: `make backup` / `make restore` (repozo + blobs, pg_dump /
pg_restore; docs/deploy/backup.md). A local SolrCloud: ZooKeeper and two Solr nodes from the same
Maven jars, collection 2 shards × 2 replicas, HAProxy in front (`make solrcloud`,
docs/solrcloud.md). `POST <indicator>/@measurements` adds one measurement, kept when several
clients add at the same moment.
