# imio.strategicplan: `make start` serves a site holding the real plan, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PLONE ?= 6.2
ifeq ($(PLONE),6.1)
VENV := .venv-6.1
CONSTRAINTS := constraints-6.1.txt
else ifeq ($(PLONE),6.2)
VENV := .venv
CONSTRAINTS := constraints.txt
else
$(error PLONE must be 6.2 (default) or 6.1)
endif

PYTHON ?= python3
# the code checks (ruff, import-linter, i18ndude) run in Plone 6.2's environment only: import-linter
# needs click >= 8.2, Plone 6.1 pins 8.1.7; the code they check is the same on both
ifeq ($(PLONE),6.2)
EXTRAS := test,release,relstorage,processes,lint
TEST_CHECKS := lint
else
EXTRAS := test,release,relstorage,processes
TEST_CHECKS :=
endif
BIN := $(VENV)/bin
SITE ?= Plone
PORT ?= 8080
ADMIN_USER ?= admin
ADMIN_PASSWORD ?= admin
# STORAGE=postgres: RelStorage on a PostgreSQL of the project's own (postgres/pg, var/postgres on
# 127.0.0.1:$(PG_PORT)); the default is the embedded FileStorage (docs/deploy/relstorage.md)
STORAGE ?= filestorage
PG_PORT ?= 5433
PG_DIR ?= var/postgres
ifeq ($(STORAGE),postgres)
INSTANCE ?= instance1
ZOPE_CONF := etc/zope-postgres-$(INSTANCE).conf
ZOPE_INI := etc/zope-postgres-$(INSTANCE).ini
SITE_MARK := var/.site-$(SITE)-postgres
STORAGE_DEPS := pg-start
else ifeq ($(STORAGE),filestorage)
ZOPE_CONF := etc/zope.conf
ZOPE_INI := etc/zope.ini
SITE_MARK := var/.site-$(SITE)
STORAGE_DEPS :=
else
$(error STORAGE must be filestorage (default) or postgres)
endif
SEED := src/imio/strategicplan/data/plan-imio-2020-2022.json
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTEST_ARGS ?=
# SOLR=1 `make start`: start the local Solr node and search through it (docs/solr.md)
SOLR ?=

# the repository holds .po files only: compile them when Zope starts
export zope_i18n_compile_mo_files := true

.PHONY: help
help: ## This help
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: setup.py $(CONSTRAINTS)
	@echo "== Python environment $(VENV) (Plone $(PLONE), pins from $(CONSTRAINTS))"
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -c $(CONSTRAINTS) pip setuptools wheel
	PIP_CONSTRAINT=$(CONSTRAINTS) $(BIN)/pip install -q -c $(CONSTRAINTS) Plone -e ".[$(EXTRAS)]"
	touch $@

.PHONY: install
install: system-deps $(VENV)/.installed ## Create the virtualenv with the pinned stack and the add-on

# Debian's libraries and fonts that WeasyPrint needs for the PDF evaluation report (docs/reports.md)
REPORT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

.PHONY: system-deps
system-deps: ## Install Debian's Pango and DejaVu fonts (the PDF evaluation report) when missing
	@missing=$$(for deb in $(REPORT_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$deb 2>/dev/null | grep -q 'ok installed' || echo $$deb; done); \
	if [ -n "$$missing" ]; then \
	  echo "== Installing Debian's" $$missing "(the PDF evaluation report)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

etc/zope.conf: etc/zope.conf.in | etc/cors.zcml
	mkdir -p var/filestorage var/blobstorage var/log var/cache
	sed "s|@ROOT@|$(CURDIR)|" $< > $@

# the instance's own ZCML: etc/site.zcml includes etc/cors.zcml, plone.rest's CORS policy with the
# origins of $STRATEGICPLAN_CORS_ORIGINS (default http://localhost:3000; docs/api.md, "CORS")
etc/cors.zcml: etc/cors.zcml.in etc/site.zcml scripts/instance_zcml.py
	$(PYTHON) scripts/instance_zcml.py etc

.PHONY: cors
cors: ## Write etc/cors.zcml (the instance's CORS policy) with the origins of $STRATEGICPLAN_CORS_ORIGINS; `make start` does it
	$(PYTHON) scripts/instance_zcml.py etc

# an instance on RelStorage: its own zope.conf and zope.ini; the DSN comes from postgres/pg
etc/zope-postgres-%.conf: etc/zope-postgres.conf.in | etc/cors.zcml
	mkdir -p var/$* var/log var/cache
	sed -e "s|@ROOT@|$(CURDIR)|" -e "s|@NAME@|$*|" -e "s|@DSN@|$$(postgres/pg dsn --port $(PG_PORT))|" $< > $@

etc/zope-postgres-%.ini: etc/zope.ini
	sed "s|%(here)s/zope.conf|%(here)s/zope-postgres-$*.conf|" $< > $@

.PHONY: pg-start
pg-start: ## Start the project's PostgreSQL (var/postgres, 127.0.0.1:5433; Debian's postgresql installed if missing)
	@command -v /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "== Installing Debian's postgresql (RelStorage)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
	postgres/pg start --dir $(PG_DIR) --port $(PG_PORT)

.PHONY: pg-stop
pg-stop: ## Stop the project's PostgreSQL
	postgres/pg stop --dir $(PG_DIR)

.PHONY: instance
instance: $(VENV)/.installed $(ZOPE_CONF) $(ZOPE_INI) ## Write the Zope instance configuration (FileStorage + blobs in var/; STORAGE=postgres: RelStorage)

$(SITE_MARK): | $(VENV)/.installed $(STORAGE_DEPS) $(ZOPE_CONF)
	@echo "== Creating the site '$(SITE)' (Classic UI, French) and importing the seed plan"
	ADMIN_PASSWORD=$(ADMIN_PASSWORD) $(BIN)/strategicplan-create-site --zope-conf $(ZOPE_CONF) --site $(SITE) --user $(ADMIN_USER) --language fr
	$(BIN)/strategicplan-import --zope-conf $(ZOPE_CONF) --site $(SITE) --user $(ADMIN_USER) --skip-existing $(SEED)
	touch $@

.PHONY: site
site: $(SITE_MARK) ## Create the site with the seed plan (once; never overwrites)

.PHONY: start
start: system-deps $(VENV)/.installed $(STORAGE_DEPS) $(ZOPE_CONF) $(ZOPE_INI) cors $(SITE_MARK) ## Serve the site with the real plan on http://localhost:8080/Plone (SOLR=1: search through Solr; STORAGE=postgres: RelStorage)
ifeq ($(SOLR),1)
	@$(MAKE) --no-print-directory solr
	$(BIN)/strategicplan-solr --zope-conf $(ZOPE_CONF) --site $(SITE) --user $(ADMIN_USER) enable --host 127.0.0.1 --port $(SOLR_PORT) --base /solr/plone
endif
	@echo ""
	@echo "  Plone site:  http://localhost:$(PORT)/$(SITE)"
	@echo "  The plan:    http://localhost:$(PORT)/$(SITE)/plan-strategique-2020-2022"
	@echo "  Log in as:   $(ADMIN_USER) / $(ADMIN_PASSWORD)   (Ctrl-C stops the server)"
	@echo ""
	$(BIN)/runwsgi -v $(ZOPE_INI) http_port=$(PORT)

.PHONY: upgrade
upgrade: $(VENV)/.installed $(STORAGE_DEPS) $(ZOPE_CONF) ## Run the add-on's pending upgrade steps on the local site (server stopped)
	$(BIN)/strategicplan-create-site --zope-conf $(ZOPE_CONF) --site $(SITE) --user $(ADMIN_USER)

.PHONY: reset
reset: ## Delete the local site's data (var/) after asking; `make reset CONFIRM=yes` does not ask
	@echo "This deletes var/ (database, blobs, logs of the local site): every change made in it is lost."
	@if [ "$(CONFIRM)" != yes ]; then read -r -p "Type yes to delete var/: " answer; [ "$$answer" = yes ] || { echo "Nothing deleted."; exit 1; }; fi
	-[ -d $(PG_DIR) ] && postgres/pg stop --dir $(PG_DIR)
	rm -rf var etc/zope.conf etc/cors.zcml etc/zope-postgres-*.conf etc/zope-postgres-*.ini
	@echo "Deleted. The next \`make start\` creates a new site with the seed plan."

.PHONY: backup
backup: ## Back up the site's database into var/backups (repozo + blobs; STORAGE=postgres: pg_dump); docs/deploy/backup.md
ifeq ($(STORAGE),postgres)
	BIN=$(BIN) scripts/backup postgres --port $(PG_PORT)
else
	BIN=$(BIN) scripts/backup filestorage --var var
endif

.PHONY: restore
restore: ## Restore the latest backup of var/backups (stop the server first; STORAGE=postgres: pg_restore)
ifeq ($(STORAGE),postgres)
	BIN=$(BIN) scripts/restore postgres --port $(PG_PORT)
else
	BIN=$(BIN) scripts/restore filestorage --var var
endif

.PHONY: test-deps
test-deps: system-deps ## Install what the tests need from the system: Debian's Chromium, Java and Maven (Solr), HAProxy, PostgreSQL, Pango and fonts (PDF)
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "== Installing Debian's chromium (browser tests)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then \
	  echo "== Installing Debian's HAProxy (the load balancer of tests/solrcloud)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; \
	fi
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  echo "== Installing Debian's PostgreSQL (the RelStorage tests)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi
	@if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then \
	  echo "== Installing Debian's Java and Maven (the Solr node of tests/solr)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless maven >/dev/null; \
	fi

.PHONY: test
test: $(VENV)/.installed test-deps $(TEST_CHECKS) ## Run the code checks (`make lint`) and the whole test suite (PLONE=6.1 for Plone 6.1: the suite only)
	@echo "== The rules of plan/ without a Plone layer (no conftest: no layer can be set up)"
	$(BIN)/pytest -q --noconftest -p no:cacheprovider tests/plan
	$(BIN)/pytest tests $(PYTEST_ARGS)

LINTED := src tests bench solr cluster scripts

.PHONY: lint
lint: $(VENV)/.installed ## Check the code: ruff (lint and format), import-linter's contracts (pyproject.toml; docs/architecture.md)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports --no-logo

.PHONY: format
format: $(VENV)/.installed ## Format the code with ruff (imports sorted, then formatted)
	$(BIN)/ruff check --fix --select I $(LINTED)
	$(BIN)/ruff format $(LINTED)

POT := src/imio/strategicplan/locales/imio.strategicplan.pot

.PHONY: i18n
i18n: $(VENV)/.installed ## Rebuild the .pot from the code and sync every language's .po with it (i18ndude)
	$(BIN)/i18ndude rebuild-pot --pot $(POT) src/imio/strategicplan
	$(BIN)/i18ndude sync --pot $(POT) src/imio/strategicplan/locales/*/LC_MESSAGES/imio.strategicplan.po

.PHONY: bench
bench: $(VENV)/.installed ## Benchmarks of issue 4 on a throw-away instance (~10 min; not part of `make test`); see docs/performance.md
	$(BIN)/python bench/run.py $(BENCH_ARGS)

.PHONY: bench-solr
bench-solr: $(VENV)/.installed ## Solr vs catalog plan search on a 10,000-node plan (~5 min; not part of `make test`); see docs/performance.md
	$(BIN)/python bench/solr_search.py $(BENCH_ARGS)

.PHONY: bench-load
bench-load: $(VENV)/.installed ## 16 clients for 60 s against one instance and the two-instance cluster (PostgreSQL, Solr, HAProxy; ~5 min); see docs/performance.md
	$(BIN)/python bench/load.py $(BENCH_ARGS)

# --- Solr: a local Apache Solr 9 node built from Maven Central jars (docs/solr.md) ---
SOLR_PORT ?= 8983
SOLR_HOME := var/solr

solr/target/classpath.txt: solr/pom.xml $(shell find solr/src -type f 2>/dev/null)
	mvn -q -B -Dstyle.color=never -f solr/pom.xml package

.PHONY: solr
solr: $(VENV)/.installed solr/target/classpath.txt ## Start Solr 9 (core plone) on 127.0.0.1:8983 in the background under supervisord (log var/log/solr.log); SOLR_PORT=…
	@solr/node.py start --port $(SOLR_PORT) --home $(SOLR_HOME) --log var/log/solr.log --bin $(BIN)

.PHONY: solr-sync
solr-sync: $(VENV)/.installed $(ZOPE_CONF) ## Send Solr what it missed while it was down (edits, moves, deletions, workflow); server stopped
	$(BIN)/strategicplan-solr --zope-conf $(ZOPE_CONF) --site $(SITE) --user $(ADMIN_USER) sync

.PHONY: solr-stop
solr-stop: ## Stop the Solr node started by `make solr` (and its supervisord)
	@solr/node.py stop --home $(SOLR_HOME)

.PHONY: release-dry-run
release-dry-run: $(VENV)/.installed ## Rehearse a release in a throw-away clone: changelog, version, sdist and wheel
	@rm -rf /tmp/imio.strategicplan-release && git clone -q . /tmp/imio.strategicplan-release
	cd /tmp/imio.strategicplan-release && $(CURDIR)/$(BIN)/prerelease --no-input && git --no-pager log --oneline -1 && head -20 CHANGES.md && $(CURDIR)/$(BIN)/python -m build -q . && ls dist/

.PHONY: release
release: $(VENV)/.installed ## Release with zest.releaser (asks before tagging and uploading)
	$(BIN)/fullrelease

.PHONY: clean
clean: ## Remove the virtualenvs and build files (keeps var/, the site's data)
	rm -rf .venv .venv-6.1 build dist src/*.egg-info

# --- SolrCloud: ZooKeeper + 2 Solr nodes (one JVM each) + HAProxy, same jars (docs/solrcloud.md) ---
SOLRCLOUD_DIR := var/solrcloud
SOLRCLOUD_PORT ?= 8985
SOLRCLOUD_HAPROXY_PORT ?= 8990

.PHONY: solrcloud
solrcloud: $(VENV)/.installed ## Start a local SolrCloud under supervisord: ZooKeeper :9985, nodes :8985 :8986, collection plone (2 shards x 2 replicas), HAProxy :8990
	solr/run-cloud start --dir $(SOLRCLOUD_DIR) --base-port $(SOLRCLOUD_PORT) --haproxy-port $(SOLRCLOUD_HAPROXY_PORT) --bin $(BIN)

.PHONY: solrcloud-status
solrcloud-status: ## Show the local SolrCloud's nodes and replicas
	solr/run-cloud status --dir $(SOLRCLOUD_DIR)

.PHONY: solrcloud-stop
solrcloud-stop: ## Stop the local SolrCloud (HAProxy, nodes, ZooKeeper, their supervisord; data kept in var/solrcloud)
	solr/run-cloud stop --dir $(SOLRCLOUD_DIR)

# --- Several Zope instances on the PostgreSQL database behind an HAProxy (docs/deploy/cluster.md) ---
CLUSTER_DIR ?= var/cluster
CLUSTER_PORT ?= 8080
CLUSTER_INSTANCE_PORTS ?= 8081,8082

.PHONY: cluster
cluster: system-deps $(VENV)/.installed ## Serve the site from 2 Zope instances (:8081 :8082) on PostgreSQL behind HAProxy, under supervisord: http://localhost:8080/Plone
	@command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || { \
	  echo "== Installing Debian's HAProxy (the cluster's load balancer)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }
	@$(MAKE) --no-print-directory site STORAGE=postgres
	cluster/run start --dir $(CLUSTER_DIR) --dsn "$$(postgres/pg dsn --port $(PG_PORT))" --port $(CLUSTER_PORT) --instance-ports $(CLUSTER_INSTANCE_PORTS) --bin $(BIN)

.PHONY: cluster-status
cluster-status: ## Show the cluster's instances and what HAProxy thinks of them
	cluster/run --dir $(CLUSTER_DIR) status

.PHONY: cluster-stop
cluster-stop: ## Stop the cluster's HAProxy, instances and supervisord (PostgreSQL keeps running: make pg-stop)
	cluster/run --dir $(CLUSTER_DIR) stop

# --- The buildout path (docs/buildout.md), checked from scratch in a throw-away directory ---
.PHONY: check-buildout
check-buildout: ## Build the buildout instance from scratch in var/buildout-check, create the site, import the plan, serve and check it (~6 min; CI runs it)
	scripts/check-buildout
