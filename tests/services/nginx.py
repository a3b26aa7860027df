"""Debian's nginx, as the reverse proxy in front of several application processes (the
scale-out test starts its own instance with its own configuration; nothing runs here)."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.services.base import Service, ServiceError


class NginxService(Service):
    name = "nginx"
    apt_packages = ("nginx-light",)
    order = 5

    def start(self, workdir: Path) -> dict[str, str]:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise ServiceError("nginx not found (apt package 'nginx-light')")
        return {"NGINX_BIN": binary}


SERVICE = NginxService()
