"""``python -m generator.site.shard <mkdocs.yml>``: one MkDocs build, run by ``mkdocs_run``."""

from __future__ import annotations

import sys

from .mkdocs_run import SiteBuildError, run_mkdocs

if __name__ == "__main__":
    try:
        run_mkdocs(sys.argv[1])
    except SiteBuildError as failure:
        sys.exit(str(failure))
