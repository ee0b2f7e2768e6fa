from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

HERE = Path(__file__).parent
BASE = HERE / "base"
CASES = HERE / "cases"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the valid base content (one organization, one notice) to break."""
    target = tmp_path / "content"
    shutil.copytree(BASE, target)
    return target
