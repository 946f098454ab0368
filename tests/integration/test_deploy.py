"""deploy/nginx/oversight.conf as `make cluster` and the tests run it: nginx accepts it, with these ports."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from oversight.devtools.cluster import nginx_config

pytestmark = pytest.mark.cluster


def test_nginx_accepts_the_rendered_config(tmp_path: Path) -> None:
    (tmp_path / "tmp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config([18801, 18802, 18803], 18800, tmp_path), encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_rendered_config_lists_each_replica_once() -> None:
    text = nginx_config([18801, 18802, 18803], 18800, Path("/tmp/x"))
    servers = [line.split()[1] for line in text.splitlines() if line.strip().startswith("server 127.0.0.1:")]
    assert servers == ["127.0.0.1:18801", "127.0.0.1:18802", "127.0.0.1:18803"]


def test_the_rendered_config_listens_on_loopback_only() -> None:
    text = nginx_config([18801], 18800, Path("/tmp/x"))
    assert [line.strip() for line in text.splitlines() if line.strip().startswith("listen")] == [
        "listen 127.0.0.1:18800;"
    ]


def test_the_deployed_config_names_no_replica_address_in_a_header() -> None:
    text = nginx_config([18801], 18800, Path("/tmp/x"), debug_upstream=False)
    assert "X-Upstream" not in text
