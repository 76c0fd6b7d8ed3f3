"""The preview answers in about a second: it imports neither Altair, scipy.stats, the page
machinery (papermill, Jupyter's clients) nor frictionless or openpyxl (checked in a fresh
interpreter, on SYNTHETIC data)."""

import subprocess
import sys

HEAVY = ("altair", "scipy.stats", "papermill", "nbclient", "jupyter_client", "frictionless", "openpyxl", "vl_convert")

PREVIEW = """
import sys
from click.testing import CliRunner
from analysis.__main__ import cli
result = CliRunner().invoke(cli, ["preview", "--data-dir", sys.argv[1], "--lang", "en"])
assert result.exit_code == 0, result.output
print(" ".join(name for name in {heavy!r} if name in sys.modules))
"""


def test_the_preview_imports_none_of_the_heavy_libraries(synthetic_dir):
    result = subprocess.run([sys.executable, "-c", PREVIEW.format(heavy=HEAVY), str(synthetic_dir)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"imported by the preview: {result.stdout.strip()}"
