"""Where the statistics of ``generator.stats`` appear on the pages.

Each function returns the Markdown of one statistics section (it may hold
inline SVG in ``md_in_html`` blocks), or an empty string when there is
nothing to say; the rights on a notice page are HTML, as the rest of that page.
"""

from __future__ import annotations

from datetime import datetime

from ..model import Model, Notice, Organization, Place
from ..stats import (
    notice_rights_html,
    organization_stats_markdown,
    place_outages_markdown,
    region_stats_markdown,
)


def notice_rights(notice: Notice, now: datetime) -> str:
    """HTML paragraphs (the notice page is HTML blocks); the page gives the heading."""
    return notice_rights_html(notice, now)


def place_outages(model: Model, place: Place, now: datetime) -> str:
    return _section(place_outages_markdown(model, place, now))


def organization_stats(model: Model, org: Organization, now: datetime) -> str:
    return _section(organization_stats_markdown(model, org, now))


def region_stats(model: Model, region: str, now: datetime) -> str:
    return _section(region_stats_markdown(model, region, now))


def _section(markdown: str) -> str:
    """A section ends with a blank line, so whatever follows starts a new block."""
    return markdown.rstrip() + "\n" if markdown.strip() else ""
