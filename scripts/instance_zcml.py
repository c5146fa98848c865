#!/usr/bin/env python3
"""The instance's own ZCML in an instance's etc/ directory (docs/api.md, "CORS"):

- ``site.zcml``: Zope's site ZCML plus ``<include file="cors.zcml" />`` (the checkout's
  etc/site.zcml, copied into another instance home);
- ``cors.zcml``: plone.rest's CORS policy (``plone:CORSPolicy``), written from etc/cors.zcml.in
  with the origins of $STRATEGICPLAN_CORS_ORIGINS (comma-separated; default
  http://localhost:3000).

    python3 scripts/instance_zcml.py [--cors-only] [ETC_DIR]    # default: the checkout's etc/

``--cors-only`` writes cors.zcml alone, for an instance whose site.zcml is written by something
else that includes it: the buildout's (buildout.cfg: plone.recipe.zope2instance writes site.zcml,
its ``zcml-additional`` includes cors.zcml; docs/buildout.md).

Credentials are allowed, so every origin is listed: "*" is refused, and so is anything but
``scheme://host[:port]`` (exit 2). `make start` runs it at each start, cluster/cluster.py for its
instances, buildout at each run, and the tests' layer loads the cors.zcml it writes. Standard
library only.
"""

from pathlib import Path

import os
import re
import shutil
import sys


ROOT = Path(__file__).resolve().parents[1]
ETC = ROOT / "etc"
ORIGINS_VARIABLE = "STRATEGICPLAN_CORS_ORIGINS"
DEFAULT_ORIGINS = "http://localhost:3000"
ORIGIN = re.compile(r"https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")


def origins(value=None):
    """The origins of ``value`` (default: $STRATEGICPLAN_CORS_ORIGINS, else http://localhost:3000),
    as a list; raises ValueError for "*" or what is not an origin."""
    if value is None:
        value = os.environ.get(ORIGINS_VARIABLE) or DEFAULT_ORIGINS
    found = [origin.strip() for origin in value.split(",") if origin.strip()]
    for origin in found:
        if not ORIGIN.fullmatch(origin):
            raise ValueError(
                f"{ORIGINS_VARIABLE}: {origin!r} is not an origin (scheme://host[:port]; "
                "credentials are allowed, so never '*')"
            )
    if not found:
        raise ValueError(f"{ORIGINS_VARIABLE}: no origin in {value!r}")
    return found


def write(etc_dir=ETC, value=None, site=True):
    """Write site.zcml (unless ``site`` is false) and cors.zcml in ``etc_dir``; returns the path of
    cors.zcml."""
    etc_dir = Path(etc_dir)
    etc_dir.mkdir(parents=True, exist_ok=True)
    if site and (etc_dir / "site.zcml").resolve() != (ETC / "site.zcml").resolve():
        shutil.copyfile(ETC / "site.zcml", etc_dir / "site.zcml")
    text = (ETC / "cors.zcml.in").read_text(encoding="utf-8")
    assert "@ORIGINS@" in text, "etc/cors.zcml.in lost its @ORIGINS@"
    path = etc_dir / "cors.zcml"
    path.write_text(text.replace("@ORIGINS@", ",".join(origins(value))), encoding="utf-8")
    return path


def main(argv=None):
    args = sys.argv[1:] if argv is None else list(argv)
    site = "--cors-only" not in args
    args = [arg for arg in args if arg != "--cors-only"]
    if len(args) > 1 or any(arg.startswith("-") for arg in args):
        print("usage: instance_zcml.py [--cors-only] [ETC_DIR]", file=sys.stderr)
        return 2
    try:
        path = write(Path(args[0]) if args else ETC, site=site)
    except ValueError as exc:
        print(f"instance_zcml: {exc}", file=sys.stderr)
        return 2
    print(f"{path}: CORS origins {', '.join(origins())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
