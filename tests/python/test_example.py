"""The notebook example runs as a script and writes its figure (so that it cannot rot)."""

import os
import subprocess
import sys

from conftest import SOURCE_DIR


def test_staffing_whatif_example_writes_a_png(tmp_path):
    out = tmp_path / "whatif.png"
    env = {**os.environ, "CCSIM_EXAMPLE_OUT": str(out), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "tools/python/examples/staffing_whatif.py"],
                          cwd=SOURCE_DIR, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "agent-hours: total service level" in done.stdout
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
