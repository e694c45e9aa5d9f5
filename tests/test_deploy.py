"""The web server examples in deploy/ send the same headers; nginx's is run for real in tests/browser/test_nginx.py."""

from __future__ import annotations

import re

from lxml import etree

from conftest import ROOT

DEPLOY = ROOT / "deploy"
NGINX = DEPLOY / "nginx" / "handboek-mensenhandel.conf"
OTHERS = [DEPLOY / "apache" / "handboek-mensenhandel.conf", DEPLOY / "apache" / ".htaccess", DEPLOY / "iis" / "web.config"]
NAMES = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy")
LONG = "public, max-age=31536000, immutable"


def nginx_headers() -> dict[str, set[str]]:
    """Header name → the values the nginx example sends."""
    found: dict[str, set[str]] = {}
    for name, value in re.findall(r'^\s*add_header (\S+) "([^"]*)" always;', NGINX.read_text(encoding="utf-8"), re.M):
        found.setdefault(name, set()).add(value)
    return found


def test_the_header_policy_adds_to_the_pages_own_and_never_replaces_it() -> None:
    headers = nginx_headers()
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].pop().split(";"))
    assert policy == {"frame-ancestors": "'self'", "object-src": "'none'", "base-uri": "'self'", "form-action": "'none'"}
    assert headers["Cache-Control"] == {"no-cache", LONG}
    assert all(len(headers[name]) == 1 for name in NAMES[1:])


def test_apache_and_iis_examples_send_the_same_headers_as_nginx() -> None:
    expected = {name: values.pop() for name, values in nginx_headers().items() if name in NAMES}
    problems = []
    for path in OTHERS:
        text = path.read_text(encoding="utf-8")
        shown = path.relative_to(ROOT).as_posix()
        for name, value in expected.items():
            if f'{name}" value="{value}"' not in text and f'set {name} "{value}"' not in text:
                problems.append(f"{shown}: {name} is not {value!r} — make it the same as in {NGINX.name}")
        if LONG not in text or "[0-9a-f]{8}" not in text:
            problems.append(f"{shown}: no long caching for Material's hashed files")
        if "/handboek-mensenhandel/404.html" not in text:
            problems.append(f"{shown}: no 404 page")
    assert not problems, "\n".join(problems)


def test_iis_web_config_is_well_formed_xml() -> None:
    tree = etree.parse(str(DEPLOY / "iis" / "web.config"))
    server = tree.find("system.webServer")
    names = {header.get("name") for header in server.iterfind("httpProtocol/customHeaders/add")}
    assert names == set(NAMES)
    assert server.find("staticContent/clientCache").get("cacheControlMode") == "DisableCache"
