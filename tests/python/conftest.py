"""Shared helpers of the module's tests: the program to compare with, and the source folder.

Run from the source folder with the module on the path (ctest does both):
    PYTHONPATH=build/python /usr/bin/python3 -m pytest tests/python
CCSIM_BINARY names the program (Default: build/ccsim).
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("CCSIM_BINARY", str(SOURCE_DIR / "build" / "ccsim"))


def program(*args: str, check_exit: int = 0) -> subprocess.CompletedProcess:
    """`ccsim ARGS...` run from the source folder."""
    done = subprocess.run([BINARY, *args], cwd=SOURCE_DIR, capture_output=True, text=True)
    assert done.returncode == check_exit, done.stderr
    return done


def program_json(*args: str):
    """What `ccsim ARGS... --format json --quiet` prints, parsed."""
    return json.loads(program(*args, "--format", "json", "--quiet").stdout)


@pytest.fixture(autouse=True)
def in_source_dir(monkeypatch):
    """Every test runs in the source folder, so scenarios/ paths read as in the README."""
    monkeypatch.chdir(SOURCE_DIR)
