"""A fresh virtual environment with only the runtime dependencies (the package, no extras)
runs ingest, ask and serve on the real texts, so a missing runtime dependency fails here.

The environment is installed by uv (a dev dependency), from the same pyproject.toml that pip
reads for `make run`: uv resolves and installs the ~160 packages in about 10 s, pip in 2-3
minutes (most of it resolving, then compiling bytecode). Marked `install`: run it alone with
`pytest -m install`.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import app_env

UV = Path(sys.executable).parent / "uv"
pytestmark = [pytest.mark.install, pytest.mark.timeout(1800)]
_ANYWHERE = shutil.ignore_patterns(".venv", ".git", "*.egg-info", "__pycache__", ".ruff_cache",
                                   ".pytest_cache", "node_modules", "cache")
# Only the top-level run folders: knowledge/data holds package data the install needs.
_TOP_LEVEL = {"data", "build", "test-artifacts"}


def _run(*args, env, cwd, timeout=900) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _skip(repo_root):
    """Ignore function for copytree: caches anywhere, run folders only at the top."""

    def ignore(folder, names):
        skipped = set(_ANYWHERE(folder, names))
        if os.path.samefile(folder, repo_root):
            skipped |= _TOP_LEVEL & set(names)
        return skipped

    return ignore


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serves(url: str, proc: subprocess.Popen, seconds: float = 180) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as page:
                return page.status == 200
        except OSError:
            time.sleep(1)
    return False


def test_pip_install_runs_ingest_ask_and_serve(tmp_path, repo_root, corpus_dir, corpus_cached):
    # The checkout is copied: the build runs in the source tree and must not litter it.
    src = tmp_path / "src"
    shutil.copytree(repo_root, src, ignore=_skip(repo_root))
    # Run outside the checkout, without PYTHONPATH: only the installed package is importable.
    # HOME stays, so uv's cache makes repeated runs fast. The run's embedding cache stays too
    # (corpus_cached): the model still answers, the texts' vectors are not computed again.
    home = tmp_path / "cwd"
    home.mkdir()
    env = {k: v for k, v in app_env().items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = functools.partial(_run, env=env, cwd=home)
    venv = tmp_path / "venv"
    assert UV.exists(), f"no uv at {UV}: pip install -e '.[dev]'"
    run(UV, "venv", "--quiet", "--python", sys.executable, venv)
    bot, python = venv / "bin" / "careerbot", venv / "bin" / "python"
    run(UV, "pip", "install", "--quiet", "--python", python, src)
    # The default model needs neither torch nor transformers; they come with an extra.
    missing = run(python, "-c", "import importlib.util as u; "
                  "print([m for m in ('torch', 'sentence_transformers') if u.find_spec(m)])")
    assert missing.stdout.strip() == "[]"

    store = tmp_path / "store"
    got = run(bot, "ingest", "--source", corpus_dir, "--store", store, "--json")
    assert json.loads(got.stdout)["added"] == 5
    got = run(bot, "ask", "what does an entry-level job pay in Bochum", "--store", store, "--json")
    answer = json.loads(got.stdout)
    assert answer["status"] == "answered" and answer["citations"]
    # MiniLM without the extra: one clear line naming it, not a stack trace.
    other = subprocess.run([bot, "ingest", "--source", corpus_dir, "--store", tmp_path / "st"],
                           env={**env, "CAREERBOT_EMBEDDING_MODEL": "all-MiniLM-L6-v2"},
                           cwd=home, capture_output=True, text=True, timeout=300)
    assert other.returncode == 2, other.stderr
    assert "careerbot[sentence-transformers]" in other.stderr
    assert "Traceback" not in other.stderr

    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([bot, "serve", "--store", store, "--port", str(port)], env=env,
                            cwd=home, stdout=log, stderr=subprocess.STDOUT)
    try:
        assert _serves(f"http://127.0.0.1:{port}/", proc), (tmp_path / "serve.log").read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
