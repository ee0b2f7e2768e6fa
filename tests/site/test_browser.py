"""The built site in Debian's Chromium, as a resident on a phone uses it.

The site was built a day before the browser's clock (see content.py), served
on 127.0.0.1 by a plain static file server.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from generator.houses import parse_house, parse_houses
from generator.site.status import status_json

from .conftest import ARTIFACTS, BuiltSite, Requests
from .content import BUILT_AT, LENINA, LENINA_TITLE, MIRA, READ_AT, SPORTIVNAYA

pytestmark = pytest.mark.browser

VERKHNYAYA_SALDA = "places/sverdlovskaia-oblast--verkhniaia-salda/"


def notice_url(site: BuiltSite, notice_id: str) -> str:
    return site.base_url + f"notices/{notice_id}/"


def test_home_lists_the_active_emergency(phone: Any, site: BuiltSite) -> None:
    phone.goto(site.base_url)
    active = phone.locator("h2#active + div.rso-cards li")
    lenina = active.filter(has_text=LENINA_TITLE)
    assert lenina.count() == 1
    text = lenina.inner_text()
    assert lenina.locator(".rso-status").inner_text() == "действует"
    assert "аварийная ситуация" in text
    assert "нет холодной воды · Верхняя Салда: ул. Ленина, ул. Энгельса" in text
    assert "с 22 ноября 2026, 09:15 (Екатеринбург, UTC+5)" in text


def lookup(page: Any, street: str, house: str) -> str:
    page.select_option("#rso-street", label=street)
    page.fill("#rso-house", house)
    page.click("form[data-rso-lookup] button")
    return str(page.locator(".rso-lookup__result").inner_text())


def test_house_lookup_finds_a_covered_house_and_not_an_uncovered_one(
        phone: Any, site: BuiltSite) -> None:
    phone.goto(site.base_url + VERKHNYAYA_SALDA)
    covered = lookup(phone, "ул. Ленина", "7")
    assert "есть отключения" in covered
    assert LENINA_TITLE in covered
    assert "есть отключения" in lookup(phone, "ул. Ленина", "19 к 2")
    uncovered = lookup(phone, "ул. Ленина", "16")
    assert "отключений нет" in uncovered
    assert LENINA_TITLE not in uncovered
    assert "отключений нет" in lookup(phone, "ул. Ленина", "19к3")


def test_house_lookup_reads_parity_and_statuses_at_the_readers_clock(
        phone: Any, site: BuiltSite) -> None:
    phone.goto(site.base_url + VERKHNYAYA_SALDA)
    odd = lookup(phone, "ул. Мира", "5")
    assert "Нет отопления на ул. Мира" in odd
    assert "сроки нарушены" in odd  # active when built, past its end when read
    assert "отключений нет" in lookup(phone, "ул. Мира", "4")
    assert "Не удалось понять номер дома" in lookup(phone, "ул. Мира", "дом")


def test_search_understands_russian_word_forms(phone: Any, site: BuiltSite) -> None:
    phone.goto(site.base_url)
    phone.fill("#rso-home-q", "отключения воды Ленина")
    phone.click("form.rso-search-form button")
    phone.wait_for_url("**/search/?q=*")
    results = phone.locator(".rso-search__results li a")
    results.first.wait_for()
    titles = results.all_inner_texts()
    assert LENINA_TITLE in titles
    assert phone.locator(".rso-search__status").inner_text().startswith("Найдено:")
    phone.get_by_role("link", name=LENINA_TITLE).click()
    phone.wait_for_url(notice_url(site, LENINA))


def test_search_says_when_nothing_is_found(phone: Any, site: BuiltSite) -> None:
    phone.goto(site.base_url + "search/?q=щщщщ")
    status = phone.locator(".rso-search__status")
    status.filter(has_text="Ничего не найдено").wait_for()


def test_a_page_built_a_day_earlier_shows_the_status_at_the_readers_clock(
        phone: Any, site: BuiltSite) -> None:
    built_planned = site.html(f"notices/{SPORTIVNAYA}")
    assert ">запланировано</span>" in built_planned  # what the page says without script
    phone.goto(notice_url(site, SPORTIVNAYA))
    assert phone.locator(".rso-badges .rso-status").inner_text() == "действует"
    phone.goto(notice_url(site, MIRA))
    badge = phone.locator(".rso-badges .rso-status")
    assert badge.inner_text() == "сроки нарушены"
    assert "rso-status--overdue" in str(badge.get_attribute("class"))


def test_without_javascript_the_page_shows_the_status_as_built_and_the_times(
        chromium: Any, site: BuiltSite) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(notice_url(site, SPORTIVNAYA))
    assert page.locator(".rso-badges .rso-status").inner_text() == "запланировано"
    assert "23 ноября 2026, 10:00 — 18:00 (Екатеринбург, UTC+5)" in page.inner_text("article")
    context.close()


def test_no_request_leaves_127_0_0_1(phone: Any, site: BuiltSite, requests: Requests) -> None:
    for url in ["", "organizations/vks-test/", VERKHNYAYA_SALDA, f"notices/{LENINA}/",
                "archive/", "search/?q=Ленина"]:
        phone.goto(site.base_url + url)
        phone.wait_for_load_state("networkidle")
    phone.locator(".rso-search__results li").first.wait_for()
    assert len(requests.urls) > 20
    assert requests.leaving(site.base_url) == []


def test_the_home_page_fits_a_phone_and_is_saved_as_an_artefact(
        phone: Any, site: BuiltSite) -> None:
    phone.goto(site.base_url)
    phone.wait_for_load_state("networkidle")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / "home-390x844.png"
    phone.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


@pytest.mark.parametrize("url", ["", "organizations/vks-test/", VERKHNYAYA_SALDA,
                                 f"notices/{LENINA}/", "search/?q=Ленина"])
def test_pages_have_no_serious_accessibility_violation(
        phone: Any, site: BuiltSite, url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(site.base_url + url)
    phone.wait_for_load_state("networkidle")
    results = Axe().run(phone)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


# ----- the page's script agrees with the generator --------------------------------------

HOUSES = ["7", "19к2", "19 к 2", "19 К2", "5а", "5 А", "12/1", "7 стр. 1", "7с1", "101", "0",
          "дом 5", "", "  17  ", "19корп.2", "19 корпус 2", "3ё", "99999", "123456", "17-19"]
HOUSE_LISTS = ["1–15, 17, 19к2", "чётные 2–20", "нечётные", "нечет. 1-9; 12/1", "5а, 7 стр. 1",
               "1..3", "чет 10—12"]


def test_the_script_parses_houses_as_the_generator_does(phone: Any, site: BuiltSite) -> None:
    phone.goto(site.base_url)
    for house in HOUSES:
        expected = parse_house(house)
        got = phone.evaluate("h => window.rsoNotices.parseHouse(h)", house)
        assert (tuple(got) if got else None) == expected, house
    for text in HOUSE_LISTS:
        rules = parse_houses(text)
        for house in HOUSES:
            got = phone.evaluate("([r, h]) => window.rsoNotices.covers(r, h)",
                                 [rules.to_json(), house])
            assert got == rules.covers(house), (text, house)


def test_the_script_derives_statuses_as_the_generator_does(phone: Any, site: BuiltSite) -> None:
    phone.goto(site.base_url)
    moments = [BUILT_AT + timedelta(hours=h) for h in range(-24 * 90, 48, 7)] + [READ_AT]
    checked = 0
    for notice in site.model.published:
        facts = json.dumps(status_json(notice))
        millis = [int(m.timestamp() * 1000) for m in moments]
        got = phone.evaluate(
            "([f, ms]) => ms.map(m => window.rsoNotices.statusAt(JSON.parse(f), m))",
            [facts, millis])
        assert got == [notice.status_at(m) for m in moments], notice.id
        checked += len(moments)
    assert checked > 1000
