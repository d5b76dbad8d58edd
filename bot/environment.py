"""The process environment careerbot needs before heavy libraries load: nothing phones home."""

from __future__ import annotations

import os


def offline() -> None:
    """Set before torch, transformers, chromadb or gradio are imported (setdefault: the
    operator's own values win)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
