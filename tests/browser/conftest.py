"""Browser fixtures: Debian's Chromium through Playwright (never `playwright install`), a real site
server with the demo data, screenshots under tests/artifacts/."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.conftest import require_service
from tests.services.base import stop_process_group

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return require_service("CHROMIUM_PATH", "Chromium (tests/services/browser.py)")


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_server(chromium_path):
    """One server with the demo data for the whole session (slow to build, read mostly)."""
    from tests.browser.server import SiteServer

    from tests.services.base import free_port

    base = Path(os.environ.get("TEST_WORKDIR") or tempfile.mkdtemp(prefix="e2e-"))
    workdir = base / f"e2e-{os.getpid()}"
    backends_port = free_port()
    server = SiteServer(workdir, extra_env={**sp_key_pair_env(workdir), **saml_env(),
                                            "PORTAL_DEMO_BACKENDS_PORT": str(backends_port)})
    backends = None
    try:
        server.start()
        backends = start_demo_backends(server, backends_port)
        if os.environ.get("SAML_TEST_IDP_METADATA_URL"):
            introduce_to_idp(server)
    except Exception:
        server.stop()
        if backends is not None:
            stop_process_group(backends)
        raise
    yield server
    server.stop()
    stop_process_group(backends)


def start_demo_backends(server, port: int):
    """The demo back-office systems beside the server, as ./run starts them, so the portal's
    widgets show their data (not "unavailable") in the journeys and their screenshots."""
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    from tests.browser.server import ROOT
    from tests.services.base import wait_until

    def answers() -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
        except urllib.error.HTTPError:
            return True  # any HTTP answer: it is up (its pages want a token)
        except OSError:
            return False
        return True

    log = server.workdir / "demo-backends.log"
    proc = subprocess.Popen([sys.executable, "manage.py", "portal_demo_backends", "--port", str(port), "--latency", "0"],
                            cwd=ROOT, env=server.env, stdout=open(log, "ab"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    wait_until(answers, what="demo back ends", timeout=60, log=log)
    return proc


IDP_SLUG = "gov"


def sp_key_pair_env(workdir: Path) -> dict[str, str]:
    """The server signs its AuthnRequests as in production (the demo IdP accepts nothing else);
    the test IdP's key pair replaces this one when that IdP runs."""
    from sso.demo_idp.keys import ensure_key_pair

    cert, key = ensure_key_pair(workdir / "sp-keys", "e2e-sp", stem="sp")
    return {"SAML_SP_CERT_FILE": str(cert), "SAML_SP_KEY_FILE": str(key)}


def saml_env() -> dict[str, str]:
    """When the test IdP runs (tests/services/saml_idp.py), the server is its service provider,
    configured through the contract's environment variables (contract §3)."""
    if not os.environ.get("SAML_TEST_IDP_METADATA_URL"):
        return {}
    return {
        "SAML_IDP_METADATA_URL": os.environ["SAML_TEST_IDP_METADATA_URL"],
        "SAML_IDP_SLUG": IDP_SLUG,
        "SAML_SP_CERT_FILE": os.environ["SAML_TEST_SP_CERT_FILE"],
        "SAML_SP_KEY_FILE": os.environ["SAML_TEST_SP_KEY_FILE"],
        "SAML_METADATA_CACHE_SECONDS": "0",
    }


def introduce_to_idp(server) -> None:
    """Tell the IdP this server's ACS and logout URLs (SAML compares them literally)."""
    from tests.sso.conftest import sp_remote_entry
    from tests.sso.idp import write_sp_remote

    entity_id = f"{server.url}/sso/saml/metadata/"
    write_sp_remote(os.environ["SAML_TEST_IDP_CONFIG_DIR"],
                    {entity_id: sp_remote_entry(server.url, IDP_SLUG, os.environ["SAML_TEST_SP_CERT_FILE"])})


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot as tests/artifacts/<name>.png (gitignored) and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def search_api(site_server):
    """The public search API (contract §2) answers on the server with JSON. Any failure (an HTTP
    error such as a 500, a refused connection, a body that is not JSON) fails the journeys that
    search: the search app is part of the platform, so there is nothing to skip."""
    import json
    import urllib.request

    with urllib.request.urlopen(f"{site_server.url}/api/search/?q=%E8%90%A5%E4%B8%9A", timeout=20) as response:
        body = json.loads(response.read())
    assert "results" in body, f"/api/search/ answered without results: {body!r:.300}"
    return f"{site_server.url}/api/search/"
