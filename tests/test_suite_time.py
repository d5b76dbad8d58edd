"""bench.suite_time: the fresh clone it times, and the pytest summary it reads."""

from __future__ import annotations

import subprocess

import pytest

from bench import suite_time


@pytest.mark.parametrize(
    ("line", "passed", "seconds"),
    [
        ("429 passed in 201.95s (0:03:21)", 429, 201.95),
        ("2 failed, 340 passed, 87 errors in 58.27s", 340, 58.27),
        ("194 passed, 1 warning in 229.94s (0:03:49)", 194, 229.94),
    ],
)
def test_summary_line_gives_passed_and_seconds(line, passed, seconds):
    found = suite_time.SUMMARY.search(f"....\n{line}\n")
    assert int(found.group(1)) == passed and float(found.group(3)) == seconds


def test_clone_is_at_the_commit_with_shared_beside_it(tmp_path):
    head = subprocess.run(
        ["git", "-C", str(suite_time.REPO), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    checkout = suite_time.clone(head, tmp_path)
    got = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert got == head
    assert (checkout / "Makefile").is_file()
    assert sorted((checkout.parent / "shared" / "corpus").glob("*.txt"))
