"""Feeds that bridges can trust: RSS 2.0, Atom 1.0, JSON Feed 1.1 and iCalendar.

``write_feeds(ctx, images)`` writes, under ``ctx.site_dir/feeds/``, four files
for the whole site, for every organization and for every settlement, and
``feeds/index.json`` listing them (contract: ``/work/shared/spec/outputs.md``,
"Feed items"; for bridge operators: ``docs/feeds.md``).

Modules: ``scopes`` (which feeds, which events, retention), ``items`` (one
item per event), ``text`` (sanitized HTML and plain text), ``xmlfeeds`` (RSS
and Atom with feedgen), ``jsonfeed``, ``ical``.
"""

from __future__ import annotations

from .ical import webcal_url
from .write import write_feeds

__all__ = ["webcal_url", "write_feeds"]
