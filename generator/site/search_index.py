"""The search index: Pagefind over small search documents, not over the pages.

Pagefind's cost grows with the HTML it parses; a Material page is mostly
navigation and icons. So each searchable page (notice, organization,
settlement) also gets a lean HTML document holding only what residents
search for, and Pagefind indexes those (Russian stemming, chunked index)
while MkDocs builds the real pages. The documents lie flat in one folder (a
folder per page would double the files made and removed); each carries its
real page's URL as the metadata ``url``, which the search page links to.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Notice, Organization, Place
from ..times import span_text
from ..vocabulary import NOTICE_TYPES, SERVICES
from .common import page_url, services_list, write_files
from .data import SiteData, page_path_of
from .text import BodyRenderer, attr

KIND_NOTICE = "Объявление"
KIND_PLACE = "Населённый пункт"
KIND_ORGANIZATION = "Организация"


@dataclass(frozen=True)
class SearchDocument:
    url: str  # the real page's URL, relative to the site root
    title: str
    kind: str
    body: str  # HTML

    @property
    def html(self) -> str:
        return (f'<!doctype html><html lang="ru"><head><meta charset="utf-8">'
                f"<title>{attr(self.title)}</title></head><body><h1>{attr(self.title)}</h1>"
                f'<p data-pagefind-meta="kind, url:{attr(self.url)}">{self.kind}</p>'
                f"{self.body}</body></html>")


def search_documents(data: SiteData, bodies: BodyRenderer) -> Iterator[SearchDocument]:
    for notice in data.notices:
        yield SearchDocument(notice.url, notice.title, KIND_NOTICE, _notice(data, notice, bodies))
    for org in data.model.organizations:
        yield SearchDocument(org.url, org.name, KIND_ORGANIZATION, _organization(org))
    for place in data.model.places:
        yield SearchDocument(page_url(page_path_of(place)), place.name, KIND_PLACE,
                             _place(data, place))


def _notice(data: SiteData, notice: Notice, bodies: BodyRenderer) -> str:
    start, end = data.times(notice)
    parts = [f"<p>{NOTICE_TYPES[notice.type]}"
             + (f". {attr(services_list(notice))}" if notice.services else "")
             + (f". {span_text(start, end, notice.organization.timezone)}" if start or end else "")
             + f". {attr(notice.organization.name)}</p>"]
    for area in notice.areas:
        streets = "; ".join(attr(s.street) + (f", дома {attr(s.houses.text)}" if s.houses else "")
                            for s in area.streets)
        parts.append(f"<p>{attr(area.place.name)}" + (f": {streets}" if streets else "") + "</p>")
    if notice.body.strip():
        parts.append(bodies.render(notice.body))
    parts += [bodies.render(u.text) for u in data.updates(notice) if u.text.strip()]
    return "".join(parts)


def _organization(org: Organization) -> str:
    parts = [f"<p>{attr(org.full_name)}</p>" if org.full_name else "",
             f"<p>{attr(org.region)}. {', '.join(SERVICES[s] for s in org.services)}</p>",
             f"<p>{attr(', '.join(org.settlements))}</p>"]
    return "".join(parts)


def _place(data: SiteData, place: Place) -> str:
    streets = ", ".join(attr(s.name) for s in data.streets(place))
    orgs = ", ".join(attr(o.name) for o in data.model.organizations_in(place))
    return f"<p>{attr(place.region)}. {orgs}</p>" + (f"<p>Улицы: {streets}</p>" if streets else "")


def write_documents(documents: Iterator[SearchDocument], root: Path) -> None:
    """One file per document, numbered, in ``root``."""
    write_files(root, ((f"{number}.html", document.html)
                       for number, document in enumerate(documents)))


def start_pagefind(source: Path, bundle: Path) -> subprocess.Popen[str]:
    """Index ``source`` into ``bundle`` (the site's ``pagefind/`` folder) in the background."""
    command = [sys.executable, "-m", "pagefind", "--site", str(source),
               "--output-path", str(bundle.resolve()), "--silent"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_pagefind(process: subprocess.Popen[str]) -> str | None:
    """Wait for Pagefind; its output when it failed."""
    output, _ = process.communicate()
    return None if process.returncode == 0 else f"Pagefind failed ({process.returncode}):\n{output}"
