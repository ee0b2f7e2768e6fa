"""Residents' rights and accountability: legal interruption limits and statistics.

Pure computations of the model and ``now`` (``intervals``, ``outages``, ``accountability``,
``rights``), the norms as reviewed data (``norms.yml``), Markdown for the site (``render``)
and the same figures as JSON (``export``).
"""

from __future__ import annotations

from .export import write_stats_json
from .render import (
    notice_rights_html,
    organization_stats_markdown,
    place_outages_markdown,
    region_stats_markdown,
)

__all__ = [
    "notice_rights_html",
    "organization_stats_markdown",
    "place_outages_markdown",
    "region_stats_markdown",
    "write_stats_json",
]
