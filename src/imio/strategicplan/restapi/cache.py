"""Rendered answers of the whole-plan endpoints, kept per catalog state.

`@plan-tree` and `@indicators` are built from the catalog alone, so the same catalog state, user
(roles and groups, as the catalog filters them), URL and parameters give the same answer: it is
computed once, kept as compact JSON (the C encoder; plone.restapi's pretty-printing takes the
pure-Python one), and sent with an ETag (a matching If-None-Match answers 304). This is
plone.app.caching's `catalogCounter` idea: any catalog write increments the counter; its commit
serial tells apart two states of equal count (two branches of a test database, two instances).
Answers computed inside a transaction with uncommitted catalog changes are not kept.
"""

from AccessControl.SecurityManagement import getSecurityManager
from collections import OrderedDict
from hashlib import sha1
from imio.strategicplan.internals.catalog import allowed_roles_and_users
from imio.strategicplan.internals.catalog import catalog_state
from plone import api
from plone.restapi.services import Service

import json
import threading


class LRU:
    """A small thread-safe least-recently-used mapping (answers of a big plan are ~1 MB each)."""

    def __init__(self, size):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key, value):
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


ANSWERS = LRU(size=32)


class CachedCatalogService(Service):
    """A GET service whose answer depends only on the catalog, the user and the request's query."""

    def extra_key(self):
        """What else the answer depends on (e.g. today's date)."""
        return ()

    def cache_key(self):
        catalog = api.portal.get_tool("portal_catalog")
        state = catalog_state(catalog)
        if state is None:
            return None
        user = getSecurityManager().getUser()
        return (
            self.__class__.__name__,
            state,
            self.context.absolute_url(),
            tuple(sorted(allowed_roles_and_users(catalog, user))),
            self.request.get("QUERY_STRING", ""),
            self.extra_key(),
        )

    def render(self):
        self.check_permission()
        key = self.cache_key()
        response = self.request.response
        if key is None:
            return self._dump(self.reply())
        etag = '"' + sha1(repr(key).encode("utf-8")).hexdigest()[:24] + '"'
        if etag in (self.request.get_header("If-None-Match") or ""):
            response.setHeader("ETag", etag)
            response.setStatus(304)
            return ""
        body = ANSWERS.get(key)
        if body is None:
            body = self._dump(self.reply())
            if response.getStatus() != 200:  # errors are neither kept nor tagged
                return body
            ANSWERS.put(key, body)
        response.setHeader("Content-Type", self.content_type)
        response.setHeader("ETag", etag)
        return body

    def _dump(self, content):
        self.request.response.setHeader("Content-Type", self.content_type)
        return json.dumps(content, separators=(",", ":"))
