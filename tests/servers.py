"""A real Chroma server (`chroma run`) and a real PostgreSQL on 127.0.0.1, started and stopped by
the tests themselves: fixtures chroma_server, postgres (one cluster per session) and pg_url
(a fresh database per test). Also usable from benchmark scripts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

CHROMA_BIN = Path(sys.executable).parent / "chroma"
PG_ROLE = "careerbot"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(ready, what: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode} while starting")
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {timeout:.0f}s")


class ChromaServer:
    """`chroma run --path DIR` on 127.0.0.1; stop() and start() again keep the data."""

    def __init__(self, path: Path, port: int | None = None):
        self.path = path
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.log = path.parent / f"chroma-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _alive(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def start(self, timeout: float = 60) -> ChromaServer:
        """Start the server and wait for its heartbeat."""
        if not CHROMA_BIN.exists():
            raise RuntimeError(f"no chroma executable at {CHROMA_BIN}: pip install chromadb")
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [
                    str(CHROMA_BIN),
                    "run",
                    "--path",
                    str(self.path),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_COLOR": "1"},
            )
        _wait(self._alive, f"chroma server on port {self.port}", timeout, self.proc)
        return self

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and wait until the port is closed."""
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None
        _wait(lambda: not self._alive(), "chroma server shutdown", 10)


def _pg_bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb") or shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql")


def _os_user() -> list[str]:
    """Prefix that runs a command as a non-root user: PostgreSQL refuses to run as root."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "careerbot-test"):
        if subprocess.run(["id", "-u", name], capture_output=True).returncode == 0:
            return ["runuser", "-u", name, "--"]
    subprocess.run(["useradd", "--system", "--no-create-home", "careerbot-test"], check=True)
    return ["runuser", "-u", "careerbot-test", "--"]


class PostgresServer:
    """A throw-away PostgreSQL cluster in a temp dir, TCP on 127.0.0.1, trust authentication."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.bindir = _pg_bindir()
        self.as_user = _os_user()
        self.dir = Path(tempfile.mkdtemp(prefix="careerbot-pg-"))
        self.data = self.dir / "data"

    def _run(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.as_user, *args], check=True, capture_output=True, text=True, **kw
        )

    def start(self) -> PostgresServer:
        """initdb (first time) and start the server; wait until it accepts connections."""
        if self.as_user:
            shutil.chown(self.dir, user=self.as_user[2])
        if not self.data.exists():
            self._run(
                str(self.bindir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                PG_ROLE,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-sync",
            )
        opts = f"-p {self.port} -k {self.dir} -h 127.0.0.1 -c fsync=off -c max_connections=200"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            opts,
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def stop(self) -> None:
        """Stop the server fast; keeps the data directory (see remove)."""
        subprocess.run(
            [
                *self.as_user,
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            capture_output=True,
        )

    def remove(self) -> None:
        """Stop and delete the cluster."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of one database of this cluster."""
        return f"postgresql+psycopg://{PG_ROLE}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = name or f"cb_{uuid.uuid4().hex[:12]}"
        dsn = f"host=127.0.0.1 port={self.port} user={PG_ROLE} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL cluster for the test session."""
    server = PostgresServer().start()
    yield server
    server.remove()


@pytest.fixture
def pg_url(postgres) -> str:
    """SQLAlchemy URL of a fresh, empty database for this test."""
    return postgres.create_database()


@pytest.fixture
def chroma_server(tmp_path):
    """A Chroma server of this test, on a free port, with its data in tmp_path."""
    server = ChromaServer(tmp_path / "chroma-server").start()
    yield server
    server.stop()
