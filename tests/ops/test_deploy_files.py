"""The deployment files are checked by the tools that will read them: Debian's nginx (``nginx
-t``), systemd (``systemd-analyze verify``), a YAML parser for the compose file; the production
environment example boots the production settings; every variable they set is documented."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import require_service
from tests.ops.installation import ROOT

# Not marked `embedded`: nothing here reads the database or the cache, so the embedded re-run
# would repeat exactly the same test.
DEPLOY = ROOT / "deploy"


def binary(name: str, env_var: str) -> str:
    found = os.environ.get(env_var) or shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else "")
    if found:
        os.environ.setdefault(env_var, found)
    return require_service(env_var, name)


def nginx_test(tmp_path: Path, site_config: str) -> subprocess.CompletedProcess:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
                    "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
                   check=True, capture_output=True)
    site = (site_config.replace("/etc/ssl/gov/fullchain.pem", str(tmp_path / "cert.pem"))
            .replace("/etc/ssl/gov/privkey.pem", str(tmp_path / "key.pem")))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log warn;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  client_body_temp_path {tmp_path}/body;\n"
        f"  include {tmp_path}/site.conf;\n}}\n")
    return subprocess.run([binary("nginx", "NGINX_BIN"), "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                          capture_output=True, text=True)


def test_nginx_accepts_the_reverse_proxy_config(tmp_path):
    result = nginx_test(tmp_path, (DEPLOY / "nginx" / "gov.conf").read_text())
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_accepts_the_compose_variant(tmp_path):
    # Debian's nginx 1.22 predates "http2 on;" and cannot resolve the compose service name
    config = (DEPLOY / "nginx" / "compose.conf").read_text().replace("http2 on;", "").replace("web:8000", "127.0.0.1:8000")
    result = nginx_test(tmp_path, config)
    assert result.returncode == 0, result.stderr


def test_nginx_never_serves_documents_from_media_directly():
    for name in ("gov.conf", "compose.conf"):
        config = (DEPLOY / "nginx" / name).read_text()
        assert re.search(r"location /media/documents/ \{\s*return 404;", config), name


def test_systemd_accepts_the_unit_files(tmp_path):
    analyze = binary("systemd-analyze", "SYSTEMD_ANALYZE_BIN")
    venv_bin = f"{Path(sys.executable).parent}/"
    for unit in (DEPLOY / "systemd").iterdir():
        text = unit.read_text().replace("/opt/gov/.venv/bin/", venv_bin).replace("/opt/gov", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    shutil.copy(tmp_path / "gov-web@.service", tmp_path / "gov-web@8000.service")
    units = ["gov-web@8000.service", "gov-worker.service", "gov-periodic.service", "gov-backup.service", "gov-backup.timer"]
    result = subprocess.run([analyze, "verify", *units], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr


def test_compose_file_describes_the_production_layout():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"web", "worker", "periodic", "nginx", "db", "redis", "es01", "es02"} <= set(services)
    app = [services[name] for name in ("web", "worker", "periodic")]
    assert all(s["image"] == "gov-platform:latest" for s in app)
    assert all(s["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production" for s in app)
    assert services["periodic"]["command"][-1] == "run_periodic"
    assert services["web"]["deploy"]["replicas"] >= 2
    assert set(compose["secrets"]) >= {"secret_key", "database_url"}
    assert "SECRET_KEY" not in services["web"]["environment"]  # secrets only from files
    assert services["es01"]["environment"]["cluster.name"] == services["es02"]["environment"]["cluster.name"]


def env_file_values(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value
    return values


def documented_variables() -> set[str]:
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), flags=re.M))


def test_every_deployment_variable_is_documented_in_env_example():
    used = set(env_file_values(DEPLOY / "gov.env.example"))
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    for service in compose["services"].values():
        if "gov-platform" in str(service.get("image", "")):
            used |= set(service["environment"])
    used |= set(re.findall(r"Environment=([A-Z_]+)=", "".join(p.read_text() for p in (DEPLOY / "systemd").iterdir())))
    used = {name[:-5] if name.endswith("_FILE") and name[:-5] in documented_variables() else name for name in used}
    assert used - documented_variables() == set()


def test_production_environment_example_boots_the_production_settings(tmp_path):
    values = env_file_values(DEPLOY / "gov.env.example")
    assert "#" not in "".join(values.values())  # systemd would keep a trailing comment in the value
    (tmp_path / "secret_key").write_text("k3y-for-tests-0123456789abcdefghijklmnopqrstuvwxyz")
    values.update({"SECRET_KEY_FILE": str(tmp_path / "secret_key"), "VAR_DIR": str(tmp_path),
                   "STATIC_ROOT": str(tmp_path / "static"), "MEDIA_ROOT": str(tmp_path / "media")})
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}}
    code = ("import config.wsgi; from django.conf import settings as s; "
            "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.SESSION_COOKIE_SECURE)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**env, **values}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["False", "django.db.backends.postgresql", "django_redis.cache.RedisCache", "True"]
