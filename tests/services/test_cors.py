"""A front-end on another origin: CORS is the instance's configuration, not the add-on's.

The policy is plone.rest's ``plone:CORSPolicy`` in the instance's ZCML (etc/site.zcml includes
etc/cors.zcml, written from etc/cors.zcml.in by scripts/instance_zcml.py with the origins of
$STRATEGICPLAN_CORS_ORIGINS; `make start` runs it). The ``deployed`` fixture loads the file that
script writes (tests/instance.py): a wrong etc/cors.zcml.in fails here."""

from imio.strategicplan.testing import SEED_PLAN_ID
from pathlib import Path
from tests.helpers import ok
from tests.helpers import REPO
from tests.instance import deployed  # noqa: F401
from tests.instance import instance_zcml
from tests.storage.conftest import filestorage_instance
from tests.storage.conftest import run

import pytest
import requests


FRONT_END = "http://localhost:3000"
PRODUCTION = "https://plan.imio.be"


class TestCORS:
    @pytest.fixture(autouse=True)
    def _setup(self, deployed):
        self.url = f"{deployed['portal'].absolute_url()}/{SEED_PLAN_ID}"

    def test_preflight_from_the_front_end(self):
        response = requests.options(
            self.url,
            headers={
                "Origin": FRONT_END,
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "Content-Type, Authorization",
            },
            timeout=10,
        )
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == FRONT_END
        assert response.headers["Access-Control-Allow-Credentials"] == "true"
        assert response.headers["Access-Control-Allow-Methods"] == "PATCH"
        assert "Authorization" in response.headers["Access-Control-Allow-Headers"]
        assert response.headers["Access-Control-Max-Age"] == "3600"

    def test_simple_request_from_the_front_end(self):
        response = requests.get(
            f"{self.url}/@plan-tree", timeout=10, headers={"Origin": FRONT_END, "Accept": "application/json"}
        )
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == FRONT_END
        assert response.headers["Access-Control-Expose-Headers"] == "Content-Length, Location"

    def test_other_origins_get_no_cors_headers(self):
        response = requests.options(
            f"{self.url}/@plan-tree",
            headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"},
            timeout=10,
        )
        assert "Access-Control-Allow-Origin" not in response.headers

    def test_origins_from_the_environment(self):
        response = requests.options(
            f"{self.url}/@plan-tree", headers={"Origin": PRODUCTION, "Access-Control-Request-Method": "GET"}, timeout=10
        )
        assert response.headers["Access-Control-Allow-Origin"] == PRODUCTION
        assert response.headers["Vary"] == "Origin"


def test_the_add_on_alone_answers_no_cors(functional):
    """Without the instance's ZCML, no CORS policy: the add-on ships none."""
    response = requests.options(
        f"{functional['portal'].absolute_url()}/{SEED_PLAN_ID}",
        headers={"Origin": FRONT_END, "Access-Control-Request-Method": "GET"},
        timeout=10,
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_origins_are_listed_never_a_wildcard(tmp_path, monkeypatch):
    """Credentials are allowed: "*" (or anything but an origin) stops `make start`."""
    for value in ("*", "http://localhost:3000, *", "localhost:3000", "https://a.be/path", 'https://a.be" x="', " , "):
        with pytest.raises(ValueError):
            instance_zcml.write(tmp_path, value)
    assert instance_zcml.origins(" https://a.be ,http://[::1]:3000,") == ["https://a.be", "http://[::1]:3000"]
    monkeypatch.setenv(instance_zcml.ORIGINS_VARIABLE, "")
    assert instance_zcml.origins() == [FRONT_END]  # the variable empty: the default


def test_cors_only_for_an_instance_with_its_own_site_zcml(tmp_path, monkeypatch):
    """`--cors-only` (buildout.cfg's [instance-zcml]) writes cors.zcml and leaves site.zcml alone:
    plone.recipe.zope2instance writes the buildout instance's, which includes cors.zcml."""
    (tmp_path / "site.zcml").write_text("<configure />")
    monkeypatch.setenv(instance_zcml.ORIGINS_VARIABLE, PRODUCTION)
    assert instance_zcml.main(["--cors-only", str(tmp_path)]) == 0
    assert (tmp_path / "site.zcml").read_text() == "<configure />"
    assert f'allow_origin="{PRODUCTION}"' in (tmp_path / "cors.zcml").read_text()
    monkeypatch.setenv(instance_zcml.ORIGINS_VARIABLE, "*")
    assert instance_zcml.main(["--cors-only", str(tmp_path)]) == 2  # stops the buildout
    assert instance_zcml.main(["--cors", str(tmp_path)]) == 2


CHECK = """
from plone.rest.interfaces import ICORSPolicy
from zope.component import getMultiAdapter
from zope.component.hooks import setSite
setSite(app.Plone)
print("ORIGINS", getMultiAdapter((app.Plone, app.REQUEST), ICORSPolicy).allow_origin)
"""


@pytest.mark.cli
def test_the_instance_loads_its_site_zcml(tmp_path, monkeypatch):
    """A Zope started on an instance home has the policy: Zope reads <instance>/etc/site.zcml,
    which includes the cors.zcml written beside it."""
    conf = filestorage_instance(tmp_path)
    monkeypatch.setenv(instance_zcml.ORIGINS_VARIABLE, PRODUCTION)
    instance_zcml.write(conf.parent)
    assert (conf.parent / "site.zcml").read_text() == (REPO / "etc" / "site.zcml").read_text()
    ok(run("strategicplan-create-site", "--zope-conf", str(conf), "--password", "x", cwd=tmp_path))
    script = Path(tmp_path) / "check.py"
    script.write_text(CHECK)
    out = ok(run("zconsole", "run", str(conf), str(script), cwd=tmp_path))
    assert f"ORIGINS ['{PRODUCTION}']" in out
