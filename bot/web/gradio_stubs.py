"""Gradio without its type-stub writer at import.

Gradio's ComponentMeta regenerates a `.pyi` stub for every component class each time gradio is
imported (`gradio.component_meta.create_or_modify_pyi`: an ast parse of the component's source
file and a Jinja template compiled per class). Here that is 1.5-2 s of the web app's ~3 s
import, for files only type checkers read; where site-packages is read-only it fails outright
(gradio-app/gradio#10121; the slow import: gradio-app/gradio#7791). No public switch turns it
off, so this adapter swaps the function for a no-op the moment its module has been loaded,
before any component class is created.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys

TARGET = "gradio.component_meta"


def _no_stub(*args, **kwargs) -> None:
    """Stands in for create_or_modify_pyi: the installed stubs stay as they are."""


class _StubSkipper(importlib.abc.MetaPathFinder):
    """Finds gradio.component_meta like the normal path finder, then patches it after loading."""

    def find_spec(self, name, path, target=None):
        if name != TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            module.create_or_modify_pyi = _no_stub

        spec.loader.exec_module = exec_module
        return spec


def skip_stub_writing() -> bool:
    """Install the patch for the coming gradio import; False if gradio was imported already."""
    if TARGET in sys.modules:
        return sys.modules[TARGET].create_or_modify_pyi is _no_stub
    if not any(isinstance(f, _StubSkipper) for f in sys.meta_path):
        sys.meta_path.insert(0, _StubSkipper())
    return True
