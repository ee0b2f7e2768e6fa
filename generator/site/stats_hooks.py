"""Where the statistics (generator/stats/) appear on pages.

STATS: each function below returns the Markdown of one statistics section.
Until ``generator.stats`` provides the section, it returns an HTML comment
marking the place, so the pages keep their layout.
"""

from __future__ import annotations

from datetime import datetime

from ..model import Model, Notice, Organization, Place


def notice_rights(notice: Notice, now: datetime) -> str:
    return "<!-- STATS: notice_rights_markdown(notice, now) -->\n"


def place_outages(model: Model, place: Place, now: datetime) -> str:
    return "<!-- STATS: place_outages_markdown(model, place, now) -->\n"


def organization_stats(model: Model, org: Organization, now: datetime) -> str:
    return "<!-- STATS: organization_stats_markdown(model, org, now) -->\n"


def region_stats(model: Model, region: str, now: datetime) -> str:
    return "<!-- STATS: region_stats_markdown(model, region, now) -->\n"
