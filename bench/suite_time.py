"""Wall time of `make test` on a fresh clone, for one or more commits, on this machine.

    python -m bench.suite_time --commits bbd5337 HEAD --json suite.json

Each commit is cloned into a temporary folder with `../shared` linked beside it (as CI has it)
and its own `make test` runs there with CI=true, set-up included; the figures are the whole
run, pytest's own summary line and the exit code. Run on a quiet machine: the time is wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"(\d+) passed(?:, (\d+) \w+)*.* in ([\d.]+)s")


def clone(commit: str, into: Path) -> Path:
    """A fresh clone of this repository at commit, with ../shared beside it."""
    shared = REPO.parent / "shared"
    if not (shared / "corpus").is_dir():
        raise SystemExit(f"bench.suite_time: no ../shared/corpus beside {REPO}; CI has one")
    checkout = into / "careerbot"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(checkout)], check=True)
    subprocess.run(["git", "-C", str(checkout), "checkout", "--quiet", commit], check=True)
    (into / "shared").symlink_to(shared.resolve())
    return checkout


def measure(commit: str) -> dict:
    """make test on a fresh clone of commit: seconds, pytest's counts and time, exit code."""
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", commit],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="careerbot-suite-") as tmp:
        checkout = clone(sha, Path(tmp))
        env = {**os.environ, "CI": "true"}
        t0 = time.monotonic()
        done = subprocess.run(
            ["make", "test"], cwd=checkout, env=env, capture_output=True, text=True
        )
        seconds = time.monotonic() - t0
    found = SUMMARY.search(done.stdout)
    return {
        "commit": sha,
        "exit_code": done.returncode,
        "make_test_s": round(seconds, 1),
        "tests_passed": int(found.group(1)) if found else None,
        "pytest_s": float(found.group(3)) if found else None,
        "load_average_after": list(os.getloadavg()),
        "tail": "" if done.returncode == 0 else (done.stdout + done.stderr)[-2000:],
    }


def main() -> None:
    """Command line: time each commit's make test in turn and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commits", nargs="+", default=["HEAD"])
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    rows = []
    for commit in args.commits:
        rows.append(measure(commit))
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2) + "\n")
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
