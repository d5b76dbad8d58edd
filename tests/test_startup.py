"""What the web app's start skips: Gradio's type-stub writer (bot/web/gradio_stubs.py) and the
spelling dictionaries (the training vocabulary is saved by the fit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_gradio_imported_through_bot_web_writes_no_type_stubs(tmp_path):
    out = _python(
        "import bot.web, gradio, gradio.component_meta as m, gradio.blocks_events as e\n"
        "from bot.web.gradio_stubs import _no_stub, skip_stub_writing\n"
        "assert m.create_or_modify_pyi is _no_stub and e.create_or_modify_pyi is _no_stub\n"
        "assert skip_stub_writing()\n"
        "with gradio.Blocks() as demo:\n"
        "    box = gradio.Textbox()\n"
        "    box.submit(lambda s: s, box, box)\n"
        "print(type(box).__name__)\n",
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["Textbox"]


def test_gradio_imported_first_is_reported_not_patched(tmp_path):
    out = _python(
        "import gradio\nfrom bot.web.gradio_stubs import skip_stub_writing\n"
        "print(skip_stub_writing())\n",
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-1] == "False"


def test_building_the_bot_loads_no_spelling_dictionary(samples_store, tmp_path):
    out = _python(
        "import sys\nfrom bot.factory import build_bot\nfrom bot.settings import Settings\n"
        f"bot = build_bot(Settings(store_dir={str(samples_store.store_dir)!r}))\n"
        "print('spellchecker' in sys.modules)\n",
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-1] == "False"
