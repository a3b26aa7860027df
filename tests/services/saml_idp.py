"""A real SAML 2.0 identity provider for the tests: SimpleSAMLphp 1.19 from Debian's packages.

The configuration is kept in ``tests/services/saml_idp_files/`` and copied to the run's temp dir;
``runtime.json`` beside it carries what differs per run (loopback URL, directories, secrets). The
IdP's key pair is generated here with openssl, and so are a key pair for the SP and an unrelated
"attacker" key pair that tests use to forge responses.

The SP's URLs depend on the port of the app server the tests start, so the IdP does not know its
service providers yet: tests write ``metadata/sp-remote.json`` in ``SAML_TEST_IDP_CONFIG_DIR``
(see ``tests/sso/idp.py``), and rewrite it, or ``users.json``, for variants. PHP runs with opcache
off so that such rewrites take effect on the next request.

None of the variables start with ``SAML_IDP_``: the app's own settings (``SAML_IDP_METADATA_URL``)
stay unset for every other test, so the rest of the suite keeps password logins.
"""
from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import urllib.request
from pathlib import Path

from tests.services.base import Service, ServiceError, free_port, run_checked, wait_until

FILES = Path(__file__).resolve().parent / "saml_idp_files"
WWW = Path("/usr/share/simplesamlphp/www")


def make_key_pair(directory: Path, stem: str, common_name: str) -> tuple[Path, Path]:
    """Write ``<stem>.key`` and ``<stem>.crt`` (RSA 2048, self-signed, SHA-256) into directory."""
    key, crt = directory / f"{stem}.key", directory / f"{stem}.crt"
    run_checked(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "30",
            "-subj", f"/CN={common_name}", "-keyout", str(key), "-out", str(crt),
        ],
        f"openssl key pair for {common_name}",
    )
    key.chmod(0o644)  # php runs as the same user; the file lives in a private temp dir
    return key, crt


def _metadata_ready(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
        return response.status == 200 and b"IDPSSODescriptor" in response.read()


class SamlIdpService(Service):
    name = "saml_idp"
    apt_packages = (
        "simplesamlphp", "php-cli", "php-xml", "php-mbstring", "php-curl", "php-intl", "php-sqlite3",
    )
    order = 30

    def start(self, workdir: Path) -> dict[str, str]:
        if not (WWW / "saml2" / "idp" / "SSOService.php").exists():
            raise ServiceError("SimpleSAMLphp not found under /usr/share/simplesamlphp (apt package 'simplesamlphp')")
        if not shutil.which("php"):
            raise ServiceError("php not found (apt package 'php-cli')")
        root = workdir / "saml_idp"
        config_dir = root / "config"
        shutil.copytree(FILES, config_dir)
        keys = root / "keys"
        for sub in ("data", "tmp", "log", "keys"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        idp_key, idp_crt = make_key_pair(keys, "idp", "Test IdP 统一身份认证")
        sp_key, sp_crt = make_key_pair(keys, "sp", "Test SP")
        other_key, other_crt = make_key_pair(keys, "other", "Attacker")

        port = free_port()
        base_url = f"http://127.0.0.1:{port}/"
        runtime = {
            "baseurl": base_url,
            "certdir": str(keys) + "/",
            "logdir": str(root / "log") + "/",
            "datadir": str(root / "data") + "/",
            "tempdir": str(root / "tmp") + "/",
            "secretsalt": secrets.token_hex(16),
            "adminpassword": secrets.token_hex(8),
            # The SP runs on another loopback port chosen later by the tests.
            "trusted_domains": ["127\\.0\\.0\\.1(:[0-9]+)?"],
        }
        (config_dir / "runtime.json").write_text(json.dumps(runtime, indent=2), encoding="utf-8")
        shutil.copy(config_dir / "users.default.json", config_dir / "users.json")
        (config_dir / "metadata" / "sp-remote.json").write_text("{}", encoding="utf-8")

        log = root / "log" / "php-server.log"
        self.spawn(
            ["php", "-d", "opcache.enable=0", "-d", "opcache.enable_cli=0", "-d", "display_errors=stderr",
             "-S", f"127.0.0.1:{port}", "-t", str(WWW)],
            log,
            env={"SIMPLESAMLPHP_CONFIG_DIR": str(config_dir), "PATH": "/usr/bin:/bin", "PHP_CLI_SERVER_WORKERS": "2"},
            cwd=str(WWW),
        )
        metadata_url = f"{base_url}saml2/idp/metadata.php"
        wait_until(lambda: _metadata_ready(metadata_url), what="SimpleSAMLphp", timeout=30, log=log)
        return {
            "SAML_TEST_IDP_BASE_URL": base_url,
            "SAML_TEST_IDP_METADATA_URL": metadata_url,
            "SAML_TEST_IDP_ENTITY_ID": metadata_url,
            "SAML_TEST_IDP_CONFIG_DIR": str(config_dir),
            "SAML_TEST_IDP_CERT_FILE": str(idp_crt),
            "SAML_TEST_IDP_KEY_FILE": str(idp_key),
            "SAML_TEST_SP_CERT_FILE": str(sp_crt),
            "SAML_TEST_SP_KEY_FILE": str(sp_key),
            "SAML_TEST_OTHER_CERT_FILE": str(other_crt),
            "SAML_TEST_OTHER_KEY_FILE": str(other_key),
        }


SERVICE = SamlIdpService()


if __name__ == "__main__":  # manual check: python -m tests.services.saml_idp
    import tempfile
    import time

    tmp = Path(tempfile.mkdtemp(prefix="idp-"))
    try:
        print(SERVICE.start(tmp))
        time.sleep(float(__import__("os").environ.get("HOLD", "0")))
    finally:
        SERVICE.stop()
        subprocess.run(["rm", "-rf", str(tmp)], check=False)
