"""The console scripts a user has, run against a real Zope instance on FileStorage."""

from imio.strategicplan.testing import SEED_FILE
from imio.strategicplan.testing import SEED_PLAN_ID
from pathlib import Path
from tests.solr.conftest import solr_url  # noqa: F401 (the session's Solr node)
from urllib.parse import urlsplit

import hashlib
import json
import os
import pytest
import requests
import subprocess
import sys


pytestmark = pytest.mark.cli

ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent


def run(*args, cwd):
    env = dict(os.environ, zope_i18n_compile_mo_files="true")
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    """A Zope instance written from the project's etc/zope.conf.in, with the site and seed plan."""
    home = tmp_path_factory.mktemp("instance")
    for sub in ("filestorage", "blobstorage", "log", "cache"):
        (home / "var" / sub).mkdir(parents=True)
    (home / "etc").mkdir()
    template = (ROOT / "etc" / "zope.conf.in").read_text()
    (home / "etc" / "zope.conf").write_text(template.replace("@ROOT@", str(home)))
    created = run("strategicplan-create-site", "--password", "secret", cwd=home)
    assert created.returncode == 0, created.stderr
    imported = run("strategicplan-import", str(SEED_FILE), cwd=home)
    assert imported.returncode == 0, imported.stderr
    return home, created, imported


def _digest(home):
    return hashlib.sha256((home / "var" / "filestorage" / "Data.fs").read_bytes()).hexdigest()


def test_create_site_and_import_report(instance):
    home, created, imported = instance
    assert "created site 'Plone' (language fr) with imio.strategicplan" in created.stdout
    assert f"imported /Plone/{SEED_PLAN_ID}" in imported.stdout
    # the import report names the seed's contradictions (docs/finance.md), roots marked "!"
    assert "the published figures contradict their lines:" in imported.stdout
    assert "18 at the root" in imported.stdout
    assert (
        "! 2019 §8.9 EBITDA : imprimé -515\u202f660 €, calculé depuis les lignes -126\u202f660 € "
        "(ses parties imprimées donnent -151\u202f660 €)"
    ) in imported.stdout
    assert "importing: 69/69 items (100 %)" in imported.stderr


def test_second_create_site_leaves_the_site(instance):
    home = instance[0]
    before = _digest(home)
    again = run("strategicplan-create-site", cwd=home)
    assert again.returncode == 0
    assert "site 'Plone' exists: left as it is" in again.stdout
    skipped = run("strategicplan-import", "--skip-existing", str(SEED_FILE), cwd=home)
    assert skipped.returncode == 0 and "nothing imported" in skipped.stdout
    assert _digest(home) == before


def test_malformed_import_changes_nothing_on_disk(instance, tmp_path):
    home = instance[0]
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    data["plan"]["id"] = "plan-bis"
    data["plan"]["items"][-1]["year"] = "2022"  # the last FinancialYear
    bad = tmp_path / "plan-bis.json"
    text = json.dumps(data, indent=2, ensure_ascii=False)
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index('        "year": "2022",') + 1
    before = _digest(home)
    result = run("strategicplan-import", str(bad), cwd=home)
    assert result.returncode == 2
    index = len(data["plan"]["items"]) - 1
    assert f"error: {bad}:{line}: plan.items[{index}]: field 'year': expected an integer, got a string" in result.stderr
    assert "nothing was imported: the site is unchanged" in result.stderr
    assert _digest(home) == before


def test_export_writes_the_imported_plan(instance, tmp_path):
    home = instance[0]
    out = tmp_path / "export.json"
    result = run("strategicplan-export", SEED_PLAN_ID, "-o", str(out), cwd=home)
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    seed = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    assert exported["plan"]["items"][0] == {
        key: seed["plan"]["items"][0].get(key) for key in exported["plan"]["items"][0]
    }
    assert len(exported["plan"]["items"]) == len(seed["plan"]["items"])


def test_missing_file_is_a_clear_error(instance):
    result = run("strategicplan-import", "/nonexistent/plan.json", cwd=instance[0])
    assert result.returncode == 2
    assert "error: /nonexistent/plan.json: cannot read the file" in result.stderr


def _count(solr_url, query):
    answer = requests.get(f"{solr_url}/select", params={"q": query, "rows": 0, "wt": "json"}, timeout=10)
    return answer.json()["response"]["numFound"]


@pytest.mark.solr
def test_solr_enable_sync_status_disable(instance, solr_url):  # noqa: F811
    home = instance[0]
    parts = urlsplit(solr_url)
    dead = run("strategicplan-solr", "enable", "--port", "1", cwd=home)
    assert dead.returncode == 2
    assert "error: Solr at http://127.0.0.1:1/solr/plone does not answer" in dead.stderr
    assert "Solr search is off for Plone" in run("strategicplan-solr", "status", cwd=home).stdout

    enabled = run("strategicplan-solr", "enable", "--host", parts.hostname, "--port", str(parts.port), cwd=home)
    assert enabled.returncode == 0, enabled.stderr
    assert f"Solr search is on for Plone ({solr_url})" in enabled.stdout
    assert _count(solr_url, 'path_parents:"/Plone/plan-strategique-2020-2022"') == 69
    status = run("strategicplan-solr", "status", cwd=home)
    assert status.returncode == 0 and "Solr answers" in status.stdout

    # documents Solr lost (a core emptied, a crash) come back with sync
    requests.post(
        f"{solr_url}/update",
        params={"commit": "true"},
        json={"delete": {"query": 'path_parents:"/Plone/plan-strategique-2020-2022"'}},
        timeout=10,
    )
    synced = run("strategicplan-solr", "sync", cwd=home)
    assert synced.returncode == 0, synced.stderr
    assert "69 indexed, 0 reindexed, 0 deleted" in synced.stdout
    assert _count(solr_url, 'path_parents:"/Plone/plan-strategique-2020-2022"') == 69

    disabled = run("strategicplan-solr", "disable", cwd=home)
    assert disabled.returncode == 0 and "searches use the catalog" in disabled.stdout
    assert "Solr search is off for Plone" in run("strategicplan-solr", "status", cwd=home).stdout
