"""The README's command-line section matches the parser: every command and option is listed,
and nothing listed is missing from `careerbot --help` (as datasette checks its docs)."""

from __future__ import annotations

import argparse
import re

import pytest

from bot.cli import _parser


def _readme_commands(repo_root) -> dict[str, set[str]]:
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    out = {}
    for line in block.splitlines():
        if line.startswith("careerbot "):
            name = line.split()[1]
            out[name] = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", line.split("#")[0]))
    return out


def _options(parser: argparse.ArgumentParser) -> set[str]:
    found = set()
    for action in parser._actions:  # argparse has no public list of a parser's options
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _options(sub)
        found |= {o for o in action.option_strings if o.startswith("--") and o != "--help"}
    return found


def _commands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_is_in_the_readme(repo_root):
    assert set(_readme_commands(repo_root)) == set(_commands())


@pytest.mark.parametrize("name", sorted(_commands()))
def test_readme_lists_exactly_the_options_of(name, repo_root):
    assert _readme_commands(repo_root)[name] == _options(_commands()[name])
