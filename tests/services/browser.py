"""Debian's Chromium for the browser tests, driven by Playwright (never `playwright install`:
it downloads a browser build, which this project must not depend on). Nothing runs in the
background: the tests launch the browser themselves; this service installs it (and CJK fonts, so
Chinese renders in screenshots), checks that it starts, and says where it is."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.services.base import Service, ServiceError

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
)


class BrowserService(Service):
    name = "browser"
    apt_packages = ("chromium", "fonts-noto-cjk")
    order = 90
    embedded = True  # the embedded re-run drives the same browser

    def start(self, workdir: Path) -> dict[str, str]:
        binary = shutil.which("chromium") or "/usr/bin/chromium"
        if not Path(binary).exists():
            raise ServiceError("chromium not found (apt package 'chromium')")
        result = subprocess.run([binary, *CHROMIUM_FLAGS, "--version"], capture_output=True, text=True, timeout=60)
        if result.returncode != 0 or "Chromium" not in result.stdout:
            raise ServiceError(f"chromium does not start: {result.stdout}{result.stderr}")
        return {"CHROMIUM_PATH": binary}


SERVICE = BrowserService()
