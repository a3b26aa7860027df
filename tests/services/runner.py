"""The test command's engine: install what the services need, start them, run pytest against
them, run the ``embedded`` subset against the embedded defaults, and stop everything (also on
failure or Ctrl-C).

    python -m tests.services.runner [pytest args]

``TEST_SERVICES=postgres,redis`` limits the services (local use only: in CI every service runs).
``TEST_EMBEDDED=0`` skips the second run.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tests.services as services_pkg
from tests.services.base import Service, ServiceError

ROOT = Path(__file__).resolve().parents[2]


def discover_services() -> list[Service]:
    found = []
    for info in pkgutil.iter_modules(services_pkg.__path__):
        if info.name in {"base", "runner"}:
            continue
        module = importlib.import_module(f"tests.services.{info.name}")
        service = getattr(module, "SERVICE", None)
        if isinstance(service, Service):
            found.append(service)
    wanted = [name.strip() for name in os.environ.get("TEST_SERVICES", "").split(",") if name.strip()]
    if wanted:
        unknown = set(wanted) - {s.name for s in found}
        if unknown:
            raise SystemExit(f"TEST_SERVICES names unknown services: {', '.join(sorted(unknown))}")
        found = [s for s in found if s.name in wanted]
    return sorted(found, key=lambda s: (s.order, s.name))


def missing_debian_packages(packages: set[str]) -> list[str]:
    missing = []
    for package in sorted(packages):
        result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
        if "install ok installed" not in result.stdout:
            missing.append(package)
    return missing


def install_debian_packages(services: list[Service]) -> None:
    wanted = {pkg for service in services for pkg in service.apt_packages}
    missing = missing_debian_packages(wanted)
    if not missing:
        return
    if os.geteuid() != 0:
        raise ServiceError(f"missing Debian packages {missing}: install them with apt-get (needs root)")
    print(f"==> 安装系统软件包 / installing Debian packages: {' '.join(missing)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )
    # Debian starts the packaged services; the tests use their own instances on other ports.
    for unit in ("postgresql", "redis-server"):
        subprocess.run(["service", unit, "stop"], capture_output=True)


def run_pytest(args: list[str], env: dict[str, str]) -> int:
    cmd = [sys.executable, "-m", "pytest", *args]
    print(f"==> {' '.join(cmd)}", flush=True)
    return subprocess.call(cmd, env=env, cwd=ROOT)


def main(argv: list[str]) -> int:
    started_at = time.monotonic()
    services = discover_services()
    install_debian_packages(services)
    workdir = Path(tempfile.mkdtemp(prefix="govtest-"))
    os.chmod(workdir, 0o755)
    service_env: dict[str, str] = {}
    embedded_env: dict[str, str] = {}
    running: list[Service] = []
    try:
        for service in services:
            print(f"==> 启动 / starting {service.name}", flush=True)
            t0 = time.monotonic()
            env = service.start(workdir)
            running.append(service)
            service_env.update(env)
            if service.embedded:
                embedded_env.update(env)
            print(f"    {service.name} ready in {time.monotonic() - t0:.1f}s: {env}", flush=True)

        base_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        base_env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        base_env["TEST_SERVICES_RUNNING"] = ",".join(s.name for s in running)
        base_env["TEST_WORKDIR"] = str(workdir)

        full_env = {**base_env, **service_env, "TEST_CONFIGURATION": "services", "VAR_DIR": str(workdir / "var-services")}
        status = run_pytest(argv, full_env)

        if os.environ.get("TEST_EMBEDDED", "1") != "0":
            embedded_run_env = {**base_env, **embedded_env, "TEST_CONFIGURATION": "embedded", "VAR_DIR": str(workdir / "var-embedded")}
            embedded_status = run_pytest(["-m", "embedded", *argv], embedded_run_env)
            if embedded_status == 5:
                print("==> no test is marked `embedded` in this selection", flush=True)
                embedded_status = 0
            status = status or embedded_status
        return status
    except ServiceError as exc:
        print(f"!!! 测试服务启动失败 / a test service failed to start: {exc}", file=sys.stderr, flush=True)
        return 3
    finally:
        for service in reversed(running):
            try:
                service.stop()
            except Exception as exc:  # keep stopping the others
                print(f"!!! could not stop {service.name}: {exc}", file=sys.stderr)
        if os.environ.get("TEST_KEEP_WORKDIR") != "1":
            shutil.rmtree(workdir, ignore_errors=True)
        print(f"==> 测试用时 / test command took {time.monotonic() - started_at:.0f}s", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
