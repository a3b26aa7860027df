"""The test command's engine: install what the services need, start them, run pytest against
them, run the ``embedded`` subset against the embedded defaults, and stop everything (also on
failure or Ctrl-C).

    python -m tests.services.runner [pytest args]

``TEST_SERVICES=postgres,redis`` limits the services (local use only: in CI every service runs).
``TEST_EMBEDDED=0`` skips the second run. ``TEST_WORKERS=N`` sets the number of pytest-xdist
workers (default 2 for the whole suite, 1 when tests are named; tests/parallel.py says how the
tests are shared out and config/settings/test.py what each worker has of its own).

Each database engine is migrated once per run (tests/databases.py): pytest's test databases, the
browser server's and those of multi-process tests are copies. Every phase's wall time is printed at
the end, and the slowest tests of each pass (``--durations``). SIGINT/SIGTERM/SIGHUP stop pytest and
then every service (services run in their own process groups, so they never outlive the run).
"""
from __future__ import annotations

import contextlib
import importlib
import os
import pkgutil
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tests.services as services_pkg
from tests.services.base import Service, ServiceError

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_TEMPLATE = "gov_template"


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


class PhaseClock:
    """Wall time per phase of the run, printed at the end so that slow phases are visible in CI."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.phases: list[tuple[str, float]] = []

    @contextlib.contextmanager
    def phase(self, name: str):
        t0 = time.monotonic()
        try:
            yield
        finally:
            self.phases.append((name, time.monotonic() - t0))

    def report(self) -> None:
        total = time.monotonic() - self.started
        print("==> 各阶段用时 / time per phase:", flush=True)
        for name, seconds in self.phases:
            print(f"    {seconds:7.1f}s  {name}", flush=True)
        print(f"==> 测试用时 / test command took {total:.0f}s", flush=True)


class ChildProcess:
    """The pytest (or migrate) subprocess running now, so that a signal can stop it first."""

    current: subprocess.Popen | None = None

    @classmethod
    def run(cls, cmd: list[str], env: dict[str, str]) -> int:
        cls.current = subprocess.Popen(cmd, env=env, cwd=ROOT)
        try:
            return cls.current.wait()
        finally:
            cls.current = None


class StoppedBySignal(SystemExit):
    pass


def stop_on_signals() -> None:
    """SIGINT, SIGTERM and SIGHUP (Ctrl-C, a CI time limit, ``timeout``) end the run through the
    ``finally`` below, which stops every service it started; pytest is stopped first."""

    def handler(signum, _frame):
        name = signal.Signals(signum).name
        print(f"\n!!! 收到 {name}，正在停止测试与服务 / got {name}: stopping pytest and every service", flush=True)
        child = ChildProcess.current
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
        raise StoppedBySignal(128 + signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, handler)


def worker_count(args: list[str]) -> int:
    """``TEST_WORKERS`` pytest-xdist workers; by default 2 for the whole suite (the machine's two
    cores: much of a test's time is spent waiting on a server, a browser or a subprocess) and 1
    when the command names tests (starting workers costs more than a few tests take)."""
    if any(arg.startswith(("-n", "--numprocesses")) or arg == "no:xdist" for arg in args):
        return 1  # the caller chose (``-n``) or turned xdist off (``-p no:xdist``)
    names_tests = any(not arg.startswith("-") and ("/" in arg or arg.endswith(".py") or "::" in arg) for arg in args)
    return max(1, int(os.environ.get("TEST_WORKERS") or (1 if names_tests else 2)))


def pytest_command(args: list[str]) -> list[str]:
    """pytest with the databases the runner built (``--reuse-db``), in parallel workers that share
    the tests out by group (tests/parallel.py), and the slowest tests listed."""
    extra = ["--reuse-db"]
    workers = worker_count(args)
    if workers > 1:
        extra += ["-n", str(workers), "--dist", "loadgroup", "--no-loadscope-reorder"]
    if not any(arg.startswith("--durations") for arg in args):
        extra.append("--durations=15")
    return [sys.executable, "-m", "pytest", *extra, *args]


def run_pytest(args: list[str], env: dict[str, str]) -> int:
    cmd = pytest_command(args)
    print(f"==> {' '.join(cmd)}", flush=True)
    return ChildProcess.run(cmd, env)


def build_database_templates(workdir: Path, env: dict[str, str]) -> dict[str, str]:
    """Migrate once per engine, in parallel: a PostgreSQL template database (when the run has
    PostgreSQL) and a SQLite file. Returns the variables that tell tests/databases.py and the test
    settings where they are."""
    from tests.databases import create_postgres_database, is_postgres

    found: dict[str, str] = {}
    jobs: list[tuple[str, subprocess.Popen, Path]] = []
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"]
    server_url = env.get("DATABASE_URL", "")
    if is_postgres(server_url):
        template_url = create_postgres_database(server_url, POSTGRES_TEMPLATE)
        log = workdir / "migrate-postgres.log"
        jobs.append(("PostgreSQL", subprocess.Popen(migrate, cwd=ROOT, env={**env, "DATABASE_URL": template_url},
                                                    stdout=open(log, "wb"), stderr=subprocess.STDOUT), log))
        found["TEST_DATABASE_TEMPLATE"] = POSTGRES_TEMPLATE
    sqlite_file = workdir / "template.sqlite3"
    log = workdir / "migrate-sqlite.log"
    sqlite_env = {k: v for k, v in env.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    jobs.append(("SQLite", subprocess.Popen(migrate, cwd=ROOT, env={**sqlite_env, "DATABASE_URL": f"sqlite:///{sqlite_file}"},
                                            stdout=open(log, "wb"), stderr=subprocess.STDOUT), log))
    found["TEST_SQLITE_TEMPLATE"] = str(sqlite_file)
    failed = []
    for what, proc, log in jobs:
        if proc.wait() != 0:
            failed.append(f"{what}:\n{log.read_text(errors='replace')[-3000:]}")
    if failed:
        raise ServiceError("migrating the template databases failed: " + "\n".join(failed))
    return found


def sqlite_test_database(env: dict[str, str], workdir: Path, name: str) -> dict[str, str]:
    """For a pass that runs on SQLite: a copy of the migrated file as its test database."""
    from tests.databases import is_postgres

    if is_postgres(env.get("DATABASE_URL", "")) or "TEST_SQLITE_TEMPLATE" not in env:
        return {}
    target = workdir / f"{name}-test.sqlite3"
    shutil.copyfile(env["TEST_SQLITE_TEMPLATE"], target)
    return {"TEST_SQLITE_NAME": str(target)}


def main(argv: list[str]) -> int:
    clock = PhaseClock()
    stop_on_signals()
    services = discover_services()
    with clock.phase("install Debian packages (if missing)"):
        install_debian_packages(services)
    workdir = Path(tempfile.mkdtemp(prefix="govtest-"))
    os.chmod(workdir, 0o755)
    service_env: dict[str, str] = {}
    embedded_env: dict[str, str] = {}
    running: list[Service] = []
    status = 1
    try:
        for service in services:
            print(f"==> 启动 / starting {service.name}", flush=True)
            with clock.phase(f"start {service.name}"):
                env = service.start(workdir)
            running.append(service)
            service_env.update(env)
            if service.embedded:
                embedded_env.update(env)
            print(f"    {service.name} ready: {env}", flush=True)

        base_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        base_env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        base_env["TEST_SERVICES_RUNNING"] = ",".join(s.name for s in running)
        base_env["TEST_WORKDIR"] = str(workdir)

        full_env = {**base_env, **service_env, "TEST_CONFIGURATION": "services", "VAR_DIR": str(workdir / "var-services")}
        templates: dict[str, str] = {}
        if os.environ.get("TEST_DATABASE_TEMPLATES", "1") != "0":  # 0: pytest migrates (runner's own tests)
            print("==> 迁移模板数据库 / migrating the template databases (once per run)", flush=True)
            with clock.phase("migrate template databases (PostgreSQL and SQLite, in parallel)"):
                templates = build_database_templates(workdir, full_env)
        full_env.update(templates)
        full_env.update(sqlite_test_database(full_env, workdir, "services"))
        with clock.phase("pytest, services pass"):
            status = run_pytest(argv, full_env)

        if os.environ.get("TEST_EMBEDDED", "1") != "0":
            embedded_run_env = {**base_env, **embedded_env, **templates, "TEST_CONFIGURATION": "embedded",
                                "VAR_DIR": str(workdir / "var-embedded")}
            embedded_run_env.pop("TEST_DATABASE_TEMPLATE", None)
            embedded_run_env.update(sqlite_test_database(embedded_run_env, workdir, "embedded"))
            with clock.phase("pytest, embedded pass (-m embedded, SQLite and local memory)"):
                embedded_status = run_pytest(["-m", "embedded", *argv], embedded_run_env)
            if embedded_status == 5:
                print("==> no test is marked `embedded` in this selection", flush=True)
                embedded_status = 0
            status = status or embedded_status
        return status
    except ServiceError as exc:
        print(f"!!! 测试准备失败 / setting up the test run failed: {exc}", file=sys.stderr, flush=True)
        return 3
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # let the services stop even on a second Ctrl-C
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if running:
            print(f"==> 停止服务 / stopping {', '.join(s.name for s in reversed(running))}", flush=True)
        with clock.phase("stop services"):
            for service in reversed(running):
                try:
                    service.stop()
                except Exception as exc:  # keep stopping the others
                    print(f"!!! could not stop {service.name}: {exc}", file=sys.stderr)
        if os.environ.get("TEST_KEEP_WORKDIR") != "1":
            shutil.rmtree(workdir, ignore_errors=True)
        clock.report()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
