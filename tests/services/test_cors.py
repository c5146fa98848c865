"""A front-end on another origin: CORS preflight and simple requests."""

from imio.strategicplan.testing import SEED_PLAN_ID

import pytest
import requests


FRONT_END = "http://localhost:3000"


class TestCORS:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.url = f"{functional['portal'].absolute_url()}/{SEED_PLAN_ID}"

    def test_preflight_from_the_front_end(self):
        response = requests.options(self.url, headers={
            "Origin": FRONT_END,
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "Content-Type, Authorization",
        }, timeout=10)
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == FRONT_END
        assert response.headers["Access-Control-Allow-Credentials"] == "true"
        assert response.headers["Access-Control-Allow-Methods"] == "PATCH"
        assert "Authorization" in response.headers["Access-Control-Allow-Headers"]

    def test_simple_request_from_the_front_end(self):
        response = requests.get(f"{self.url}/@plan-tree", timeout=10,
                                headers={"Origin": FRONT_END, "Accept": "application/json"})
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == FRONT_END

    def test_other_origins_get_no_cors_headers(self):
        response = requests.options(f"{self.url}/@plan-tree", headers={
            "Origin": "http://evil.example", "Access-Control-Request-Method": "GET"}, timeout=10)
        assert "Access-Control-Allow-Origin" not in response.headers

    def test_origins_from_the_environment(self, monkeypatch):
        monkeypatch.setenv("STRATEGICPLAN_CORS_ORIGINS", "https://plan.imio.be, https://app.imio.be")
        response = requests.options(f"{self.url}/@plan-tree", headers={
            "Origin": "https://app.imio.be", "Access-Control-Request-Method": "GET"}, timeout=10)
        assert response.headers["Access-Control-Allow-Origin"] == "https://app.imio.be"
        assert response.headers["Vary"] == "Origin"
