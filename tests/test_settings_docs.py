"""Every setting is documented in the README under its environment variable name."""

from __future__ import annotations

import re

from bot.settings import Settings


def test_every_setting_is_in_the_readme(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    missing = [
        f"CAREERBOT_{name.upper()}"
        for name in Settings.model_fields
        if not re.search(rf"\bCAREERBOT_{name.upper()}\b", readme)
    ]
    assert not missing, f"README.md does not document: {', '.join(missing)}"


def test_the_readme_names_no_setting_that_does_not_exist(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    known = {f"CAREERBOT_{name.upper()}" for name in Settings.model_fields}
    assert set(re.findall(r"\bCAREERBOT_[A-Z0-9_]+\b", readme)) <= known


def test_every_setting_has_a_description():
    assert all(field.description for field in Settings.model_fields.values())
