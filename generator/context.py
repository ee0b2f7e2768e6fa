"""What every build stage receives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .model import Model, SiteConfig


@dataclass(frozen=True)
class BuildContext:
    model: Model
    now: datetime  # aware; the moment the build describes
    config: SiteConfig  # base_url resolved, always ending with "/"
    site_dir: Path  # the temporary output folder; becomes --out when every stage succeeded
    work_dir: Path  # temporary scratch space (Markdown for MkDocs, ...), removed after the build
    cache_dir: Path  # persistent cache kept between builds (encoded images, ...)
    mkdocs_config: Path | None  # the repository's mkdocs.yml, the base of the site's configuration

    def absolute(self, url: str) -> str:
        """An absolute URL for a path relative to the site root."""
        return self.config.base_url + url.lstrip("/")
