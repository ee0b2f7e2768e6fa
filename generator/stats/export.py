"""The same figures as data: ``stats/*.json`` for journalists and the regional ministry.

Layout (documented in docs/stats.md)::

    stats/index.json              what is there: organizations, regions, the whole site, norms
    stats/<org-id>.json           one organization
    stats/regions/<slug>.json     one region (every organization of it, and its settlements)
    stats/site.json               every organization of the site together

Bytes depend only on the model and ``ctx.now`` ("as_of"): keys sorted, numbers rounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..context import BuildContext
from ..model import Model, Notice, Organization
from ..places import slug
from .accountability import Accountability, Share, Summary, accountability
from .norms import Norms, load_norms
from .outages import MonthHours, place_outages
from .render import region_notices, region_organizations

VERSION = 1


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _summary(summary: Summary) -> dict[str, Any]:
    return {"n": summary.n, "median_hours": _round(summary.median),
            "p90_hours": _round(summary.p90)}


def _month(hours: MonthHours) -> dict[str, float | None]:
    return {"total": _round(hours.total), "strict": _round(hours.strict)}


def _share(share: Share) -> dict[str, Any]:
    return {"count": share.count, "of": share.of, "share": _round(share.ratio)}


def accountability_json(figures: Accountability) -> dict[str, Any]:
    return {
        "period": {"from": _time(figures.period.start), "to": _time(figures.period.end)},
        "notices_by_type": dict(figures.by_type),
        "notices_total": figures.total,
        "cancelled": figures.cancelled,
        "emergency_and_unplanned": {
            "start_to_resolution": _summary(figures.resolution),
            "publication_to_first_update": _summary(figures.first_update),
            "without_update": figures.without_update,
            "overdue": _share(figures.overdue),
        },
        "planned": {
            "advance_notice": _summary(figures.advance_notice),
            "ended_on_time": _share(figures.on_time),
        },
    }


def places_json(model: Model, orgs: Sequence[Organization], now: datetime,
                only: Organization | None = None) -> list[dict[str, Any]]:
    """Hours without each service per settlement and street served by these organizations.

    Counted from every organization's notices, or only from ``only``'s when given.
    """
    ids = {o.id for o in orgs}
    served = [p for p in model.places if any(o.id in ids for o in model.organizations_in(p))]
    result = []
    for place in served:
        outages = place_outages(model, place, now, only)
        result.append({
            "key": place.key, "name": place.name, "timezone": place.timezone,
            "previous_month": {"from": _time(outages.previous_month.start),
                               "to": _time(outages.previous_month.end)},
            "current_month": {"from": _time(outages.current_month.start),
                              "to": _time(outages.current_month.end)},
            "rows": [{
                "street": row.name or None,
                "hours": {h.service: {"previous_month": _month(h.previous),
                                      "current_month": _month(h.current)}
                          for h in row.services},
            } for row in outages.rows if row.services],
        })
    return result


def norms_json(norms: Norms) -> dict[str, Any]:
    return {
        "checked": norms.checked.isoformat(),
        "source": f"{norms.decree_title}, приложение {norms.appendix}",
        "recalculation_percent_per_hour": norms.percent_per_hour,
        "services": {
            name: {
                "item": norm.item, "item_confirmed": norm.item_confirmed,
                "monthly_hours": norm.monthly_hours,
                "single": [{"hours": lim.hours, "types": list(lim.types), "when": lim.when}
                           for lim in norm.single],
                "exceptions": [{"types": list(exc.types), "when": exc.when, "rule": exc.rule}
                               for exc in norm.exceptions],
            } for name, norm in sorted(norms.by_service.items())
        },
    }


def _document(scope: str, key: str, now: datetime, notices: Iterable[Notice],
              extra: dict[str, Any]) -> dict[str, Any]:
    return {"version": VERSION, "as_of": _time(now), "scope": scope, "key": key,
            **extra, **accountability_json(accountability(notices, now))}


def organization_document(model: Model, org: Organization, now: datetime) -> dict[str, Any]:
    return _document("organization", org.id, now, model.notices_of(org), {
        "name": org.name, "full_name": org.full_name, "region": org.region,
        "timezone": org.timezone, "places": places_json(model, [org], now, org)})


def region_document(model: Model, region: str, now: datetime) -> dict[str, Any]:
    orgs = region_organizations(model, region)
    return _document("region", slug(region), now, region_notices(model, region), {
        "name": region, "organizations": [o.id for o in orgs],
        "places": places_json(model, orgs, now)})


def site_document(model: Model, now: datetime) -> dict[str, Any]:
    return _document("site", "all", now, model.published, {
        "organizations": sorted(o.id for o in model.organizations)})


def _write(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    path.write_bytes(text.encode("utf-8"))


def regions(model: Model) -> list[str]:
    return sorted({o.region for o in model.organizations})


def write_stats_json(ctx: BuildContext) -> None:
    """Write ``stats/`` into the site: per organization, per region, the site, and an index."""
    model, now, root = ctx.model, ctx.now, ctx.site_dir / "stats"
    orgs = sorted(model.organizations, key=lambda o: o.id)
    for org in orgs:
        _write(root / f"{org.id}.json", organization_document(model, org, now))
    for region in regions(model):
        _write(root / "regions" / f"{slug(region)}.json", region_document(model, region, now))
    _write(root / "site.json", site_document(model, now))
    _write(root / "index.json", {
        "version": VERSION, "as_of": _time(now),
        "organizations": [{"id": o.id, "name": o.name, "region": o.region,
                           "path": f"stats/{o.id}.json"} for o in orgs],
        "regions": [{"name": r, "key": slug(r), "path": f"stats/regions/{slug(r)}.json"}
                    for r in regions(model)],
        "site": {"path": "stats/site.json"},
        "norms": norms_json(load_norms()),
    })
