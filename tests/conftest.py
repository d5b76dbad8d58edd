"""Shared fixtures: a clean offline environment, the real city texts, and one ingested store."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "OMP_WAIT_POLICY": "PASSIVE",
}

# huggingface_hub and chromadb read these once, at import: set them before any test imports them.
os.environ.update(OFFLINE_ENV)


def _without_careerbot_vars(mp: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper().startswith("CAREERBOT_"):
            mp.delenv(name)
    for name, value in OFFLINE_ENV.items():
        mp.setenv(name, value)


@pytest.fixture(scope="session", autouse=True)
def embedding_cache(tmp_path_factory) -> Path:
    """One folder of passage embeddings for the test run (CAREERBOT_EMBEDDING_CACHE): the real
    model computes each text's vector once, and the many stores the tests build reuse it.
    pytest-xdist's workers share it (their temporary folders have one parent; the cache writes
    each vector whole, knowledge/embedding_cache.py)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        path = tmp_path_factory.getbasetemp().parent / "embedding-cache"
        path.mkdir(exist_ok=True)
    else:
        path = tmp_path_factory.mktemp("embedding-cache")
    os.environ["CAREERBOT_EMBEDDING_CACHE"] = str(path)
    return path


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, embedding_cache):
    """No CAREERBOT_* variable from the caller's shell but the tests' embedding cache; offline,
    no telemetry."""
    _without_careerbot_vars(monkeypatch)
    monkeypatch.setenv("CAREERBOT_EMBEDDING_CACHE", str(embedding_cache))
    return monkeypatch


def app_env(**extra: str) -> dict[str, str]:
    """os.environ for a careerbot process the test starts: no CAREERBOT_* setting of the
    caller's shell, but the run's embedding cache (the real model's vectors, computed once)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.upper().startswith("CAREERBOT_") or k == "CAREERBOT_EMBEDDING_CACHE"
    }
    return {**env, **extra}


def uncached_env(**extra: str) -> dict[str, str]:
    """os.environ without the embedding cache: for an ingest that must really embed (one that
    a test kills half-way)."""
    env = {k: v for k, v in os.environ.items() if k != "CAREERBOT_EMBEDDING_CACHE"}
    return {**env, **extra}


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project's root folder."""
    return REPO_ROOT


def _shared_corpus() -> Path:
    """../shared/corpus of the project's root; from a git worktree, of the main checkout's."""
    path = REPO_ROOT.parent / "shared" / "corpus"
    dot_git = REPO_ROOT / ".git"
    if not path.is_dir() and dot_git.is_file():  # a worktree: ".git" says "gitdir: <main>/.git/…"
        gitdir = Path(dot_git.read_text().partition("gitdir:")[2].strip())
        main = next((p.parent for p in gitdir.parents if p.name == ".git"), None)
        path = main.parent / "shared" / "corpus" if main else path
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The five real city texts (read-only); missing means a broken checkout, not a skip."""
    path = _shared_corpus()
    files = sorted(path.glob("*.txt"))
    if len(files) != 5:
        pytest.fail(f"real corpus missing or incomplete at {path}: found {len(files)} .txt files")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The project's own sample texts (knowledge/texts)."""
    from bot.settings import sample_texts_dir

    path = sample_texts_dir()
    if not sorted(path.glob("*.txt")):
        pytest.fail(f"no sample texts in {path}")
    return path


def _ingested(store_dir: Path, source: Path, cache: Path):
    from bot.factory import build_indexer
    from bot.settings import Settings

    # pytest-xdist's workers start together and would both embed the same texts: the first
    # takes the lock and fills the shared embedding cache, the second then reads it.
    lock_path = cache.parent / f"careerbot-{source.name}-store.lock"
    with lock_path.open("w") as lock, pytest.MonkeyPatch.context() as mp:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _without_careerbot_vars(mp)
        settings = Settings(store_dir=store_dir, sources=[source])
        # Ingested through the run's embedding cache; the settings handed out do not name it.
        cached = settings.model_copy(update={"embedding_cache": cache})
        summary = build_indexer(cached).run([source])
    if summary.failed or not summary.added:
        pytest.fail(f"ingesting {source} failed: {summary.text()}")
    return settings


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, corpus_dir, embedding_cache):
    """Settings of a store holding the real corpus, ingested once per session; use read-only."""
    return _ingested(tmp_path_factory.mktemp("corpus_store"), corpus_dir, embedding_cache)


@pytest.fixture(scope="session")
def corpus_cached(corpus_store, embedding_cache) -> Path:
    """The run's embedding cache, holding the corpus's vectors: a careerbot process a test
    starts on the corpus reads them instead of embedding the texts again."""
    return embedding_cache


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory, samples_dir, embedding_cache):
    """Settings of a store holding the sample texts, ingested once per session; use read-only."""
    return _ingested(tmp_path_factory.mktemp("samples_store"), samples_dir, embedding_cache)


@pytest.fixture
def store_settings(tmp_path):
    """Settings of an empty store in tmp_path (environment already cleaned)."""
    from bot.settings import Settings

    return Settings(store_dir=tmp_path / "store")


@pytest.fixture
def run_careerbot():
    """Run `careerbot ARGS` as a separate process with the current (cleaned) environment."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 300,
            input: str | None = None):
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *map(str, args)],
            input=input,
            cwd=REPO_ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run
