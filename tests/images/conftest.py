"""Fixtures of the image stage tests: a content folder with a photo folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "notices" / "vks-verkhnyaya-salda" / "2026" / "photos").mkdir(parents=True)
    return root


@pytest.fixture
def photo_dir(content: Path) -> Path:
    return content / "notices" / "vks-verkhnyaya-salda" / "2026" / "photos"

