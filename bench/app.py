"""`careerbot serve` as a child process on 127.0.0.1, and a gradio_client on its /ask endpoint."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.scale import REPO


def env_for(store_dir: Path, port: int, **extra: str) -> dict[str, str]:
    """The serving process's environment: offline, this store, this port."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
    # Server mode and the embedding model (hash for smoke runs) pass through.
    keep = ("CAREERBOT_CHROMA_URL", "CAREERBOT_DATABASE_URL", "CAREERBOT_EMBEDDING_MODEL")
    env.update({k: os.environ[k] for k in keep if k in os.environ})
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "ANONYMIZED_TELEMETRY": "False",
            "TOKENIZERS_PARALLELISM": "false",
            "CAREERBOT_STORE_DIR": str(store_dir),
            "CAREERBOT_PORT": str(port),
            "CAREERBOT_HOST": "127.0.0.1",
            **extra,
        }
    )
    return env


def start(store_dir: Path, port: int, log: Path, **extra: str) -> subprocess.Popen:
    """Start `careerbot serve` (not waiting for it)."""
    out = log.open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve"],
        cwd=REPO,
        env=env_for(store_dir, port, **extra),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    """Stop the app and everything it started."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def client(url: str, timeout: float = 0.0, proc: subprocess.Popen | None = None):
    """A gradio_client.Client for url; with timeout, retry until the app answers."""
    from gradio_client import Client

    deadline = time.monotonic() + timeout
    while True:
        try:
            return Client(url, verbose=False)
        except Exception:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"app exited with code {proc.returncode}") from None
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)


def ask(c, question: str, history: list[str] | None = None) -> dict:
    """One answer from the app's /ask endpoint."""
    return c.predict(question, history or [], api_name="/ask")
