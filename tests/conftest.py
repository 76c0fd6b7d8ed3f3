import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic_dataset  # noqa: E402


@pytest.fixture
def synthetic_dir(tmp_path: Path) -> Path:
    """A fresh copy of the synthetic data directory, safe to break."""
    return write_synthetic_dataset(tmp_path / "synthetic_data")
