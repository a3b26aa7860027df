"""A real Elasticsearch 8 for the test run, from Maven Central, and multi-node clusters for tests.

No Elasticsearch distribution can be downloaded here, but Elastic publishes the server itself
(``org.elasticsearch:elasticsearch`` and ``org.elasticsearch.plugin:transport-netty4``) on Maven
Central. ``elasticsearch_files/`` holds the pom that resolves them (cached in ``~/.m2``) and a small
launcher compiled here with ``javac`` (shared/services.md explains each piece):

- ``org.elasticsearch.node.GovTestNode`` builds a real ``Node`` the way the test framework's MockNode
  does, with no mocks (its classes are package-private, hence the package);
- ``org.elasticsearch.plugins.ClasspathPluginsService`` loads plugins from the class path;
- ``gov.searchnode.CjkAnalysisPlugin`` registers ``cjk``, ``cjk_bigram``, ``cjk_width``,
  ``edge_ngram``, ``ngram``, ``whitespace`` and ``keyword`` from Lucene's classes (the
  analysis-common module is not published), so the production mapping runs unchanged;
- ``gov.searchnode.RootInfoPlugin`` answers ``GET /`` and ``HEAD /`` (rest-root is not published)
  for elasticsearch-py's product check.

The server jars are licensed "Elastic License 2.0 / AGPL v3 / SSPL"; they are used unmodified, as a
test dependency. Two entry points:

- ``SERVICE``: the test command's default search engine, one node (``ELASTICSEARCH_URL``);
- ``start_cluster(root, nodes=2)``: a cluster of separate JVMs on loopback, one per node, for
  scale-out tests (stop and restart a node, read each node's URL). The pytest fixture
  ``elasticsearch_cluster`` in ``tests/conftest.py`` wraps it.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.services.base import Service, ServiceError, free_port, run_checked, stop_process_group, wait_until

FILES = Path(__file__).resolve().parent / "elasticsearch_files"
LOCK_FILE = Path("/tmp/govtest-search-node.lock")
BUILD_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "govtest-elasticsearch"
MAIN_CLASS = "org.elasticsearch.node.GovTestNode"
# shared/services.md: what a node in one JVM needed here; 512 MB runs the search suite
JVM_OPTIONS = (
    "-XX:+UseSerialGC", "-Dio.netty.noUnsafe=true", "-Dio.netty.noKeySetOptimization=true",
    "-Dio.netty.recycler.maxCapacityPerThread=0", "-Dlog4j2.formatMsgNoLookups=true",
    "-Dlog4j.shutdownHookEnabled=false", "-Dlog4j2.disable.jmx=true",
)
COMMON_SETTINGS = {
    "network.host": "127.0.0.1",
    "cluster.routing.allocation.disk.threshold_enabled": "false",
    "action.auto_create_index": "false",
    # The parent circuit breaker counts the heap's *real* usage by default, garbage included. That
    # is only right with G1 (which the breaker can ask for a collection); with the serial collector
    # used here a 512 MB heap fills with garbage during bulk indexing and every request, even a
    # search, is refused with 429 until something forces a full collection (seen at 100,000
    # documents: BENCHMARKS.md, speed at scale). Account for what requests reserve instead.
    "indices.breaker.total.use_real_memory": "false",
}


def _http_json(url: str, timeout: float = 5) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def cluster_health(url: str, wait_for: str = "yellow", timeout: str = "1s") -> dict:
    return _http_json(f"{url}/_cluster/health?wait_for_status={wait_for}&timeout={timeout}", timeout=10)


def classpath() -> str:
    """The server's class path plus the compiled launcher (compiled once per source version).

    Serialised with a lock file: Maven's local repository is not safe for parallel writers and
    several test runs may start at once."""
    for tool in ("java", "javac", "mvn"):
        if not shutil.which(tool):
            raise ServiceError(f"{tool} not found: the Elasticsearch node needs Java 17 (JDK) and Maven")
    BUILD_CACHE.mkdir(parents=True, exist_ok=True)
    with open(LOCK_FILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        sources = sorted((FILES / "src").rglob("*.java"))
        digest = hashlib.sha256((FILES / "pom.xml").read_bytes())
        for source in sources:
            digest.update(source.read_bytes())
        build = BUILD_CACHE / digest.hexdigest()[:16]
        classpath_file = build / "classpath.txt"
        if not (build / "done").exists():
            shutil.rmtree(build, ignore_errors=True)
            (build / "classes").mkdir(parents=True)
            run_checked(["mvn", "-q", "-B", "-f", str(FILES / "pom.xml"), "dependency:build-classpath",
                         f"-Dmdep.outputFile={classpath_file}"],
                        "resolving Elasticsearch from Maven Central", timeout=600)
            run_checked(["javac", "-nowarn", "-d", str(build / "classes"), "-cp", classpath_file.read_text().strip(),
                         *map(str, sources)], "compiling the Elasticsearch launcher", timeout=300)
            (build / "done").write_text("ok")
        return f"{build / 'classes'}:{classpath_file.read_text().strip()}"


class ElasticsearchNode:
    """One node in its own JVM (own process group), restartable on the same data directory."""

    def __init__(self, home: Path, settings: dict[str, str], heap: str) -> None:
        self.home = home
        self.settings = settings
        self.heap = heap
        self.proc: subprocess.Popen | None = None
        self.log = home / "node.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings['http.port']}"

    def start(self, cp: str) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        cmd = ["java", f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_OPTIONS, f"-Djava.io.tmpdir={self.home}",
               "-cp", cp, MAIN_CLASS, *(f"{k}={v}" for k, v in self.settings.items())]
        with open(self.log, "ab") as handle:
            self.proc = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def answers(self) -> bool:
        if not self.running():
            raise ServiceError(f"Elasticsearch node exited with status {self.proc.returncode}:\n{self.tail()}")
        return _http_json(self.url + "/", timeout=2).get("version", {}).get("number", "").startswith("8.")

    def stop(self, *, kill: bool = False) -> None:
        """SIGTERM (the node closes cleanly) or, with ``kill``, SIGKILL: a crash."""
        if not self.running():
            return
        if kill:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        else:
            stop_process_group(self.proc, timeout=30)

    def tail(self, lines: int = 30) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


class ElasticsearchCluster:
    """``nodes`` master-eligible data nodes on loopback, each in its own JVM.

    With two master-eligible nodes only one of them votes (Elasticsearch keeps the voting
    configuration odd), so stopping the *elected master* of a 2-node cluster stops writes until
    it returns; ``non_master_index()`` names the node a fault test may stop. Production runs three
    master-eligible nodes for that reason (README, search)."""

    def __init__(self, root: Path, nodes: int = 2, heap: str = "384m", name: str | None = None) -> None:
        self.root = root
        self.name = name or f"govtest-{os.getpid()}-{free_port()}"
        ports = self._free_ports(2 * nodes)
        http, transport = ports[:nodes], ports[nodes:]
        names = [f"node-{i}" for i in range(nodes)]
        self.nodes: list[ElasticsearchNode] = []
        for i in range(nodes):
            settings = {**{k: v for k, v in COMMON_SETTINGS.items() if v is not None},
                        "cluster.name": self.name, "node.name": names[i], "path.home": str(root / names[i]),
                        "http.port": str(http[i]), "transport.port": str(transport[i])}
            if nodes == 1:
                settings["discovery.type"] = "single-node"
            else:
                settings["discovery.seed_hosts"] = ",".join(f"127.0.0.1:{p}" for p in transport)
                settings["cluster.initial_master_nodes"] = ",".join(names)
            self.nodes.append(ElasticsearchNode(root / names[i], settings, heap))
        self._classpath = ""

    @staticmethod
    def _free_ports(count: int) -> list[int]:
        ports: list[int] = []
        while len(ports) < count:
            port = free_port()
            if port not in ports:
                ports.append(port)
        return ports

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    @property
    def url(self) -> str:
        """Every node's address, comma-separated: the form ``ELASTICSEARCH_URL`` accepts."""
        return ",".join(self.urls)

    def start(self, timeout: float = 240) -> ElasticsearchCluster:
        """Start every node and wait until all joined; on any failure stop what was started (a
        node left running would outlive the test run: the runner only stops started services)."""
        self._classpath = self._classpath or classpath()
        try:
            for node in self.nodes:
                if not node.running():
                    node.start(self._classpath)
            for node in self.nodes:
                wait_until(node.answers, what=f"Elasticsearch {node.settings['node.name']}", timeout=timeout,
                           log=node.log)
            self.wait_for_nodes(len(self.nodes), timeout=timeout)
        except BaseException:
            self.close()
            raise
        return self

    def start_node(self, index: int, timeout: float = 240) -> None:
        node = self.nodes[index]
        node.start(self._classpath or classpath())
        wait_until(node.answers, what=f"Elasticsearch {node.settings['node.name']}", timeout=timeout, log=node.log)

    def stop_node(self, index: int, *, kill: bool = False) -> None:
        self.nodes[index].stop(kill=kill)

    def live_url(self) -> str:
        return next(node.url for node in self.nodes if node.running())

    def health(self, wait_for: str = "yellow", timeout: str = "1s") -> dict:
        return cluster_health(self.live_url(), wait_for, timeout)

    def wait_for_status(self, status: str, timeout: float = 120) -> None:
        wait_until(lambda: self.health(status, "2s")["status"] in ({"green"} if status == "green" else {"yellow", "green"}),
                   what=f"cluster {status}", timeout=timeout)

    def wait_for_nodes(self, count: int, timeout: float = 120) -> None:
        wait_until(lambda: self.health("yellow", "1s")["number_of_nodes"] == count,
                   what=f"{count} node(s) in the cluster", timeout=timeout, log=self.nodes[0].log)

    def master_name(self) -> str:
        url = self.live_url()
        master_id = _http_json(f"{url}/_cluster/state/master_node")["master_node"]
        return _http_json(f"{url}/_nodes/{master_id}/_none")["nodes"][master_id]["name"]

    def non_master_index(self) -> int:
        master = self.master_name()
        return next(i for i, node in enumerate(self.nodes) if node.settings["node.name"] != master)

    def close(self) -> None:
        for node in reversed(self.nodes):
            with contextlib.suppress(Exception):
                node.stop()

    def __enter__(self) -> ElasticsearchCluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


def start_cluster(root: Path, nodes: int = 2, heap: str = "384m") -> ElasticsearchCluster:
    """Start a cluster of ``nodes`` Elasticsearch 8 nodes under ``root``; waits until every node
    joined. Use it as a context manager or call ``close()``. Index replicas are the caller's
    choice (``SEARCH_REPLICAS``)."""
    return ElasticsearchCluster(root, nodes=nodes, heap=heap).start()


class ElasticsearchService(Service):
    """The test command's default search engine: one real Elasticsearch 8.19 node."""

    name = "elasticsearch"
    order = 20

    def __init__(self) -> None:
        super().__init__()
        self.cluster: ElasticsearchCluster | None = None

    def start(self, workdir: Path) -> dict[str, str]:
        self.cluster = ElasticsearchCluster(workdir / "elasticsearch", nodes=1, heap="512m")
        self.cluster.start(timeout=240)
        try:
            self.cluster.wait_for_status("yellow")
        except BaseException:
            self.cluster.close()
            raise
        return {"ELASTICSEARCH_URL": self.cluster.url}

    def stop(self) -> None:
        if self.cluster:
            self.cluster.close()
        super().stop()


SERVICE = ElasticsearchService()
