"""Residents' rights on a notice page: the norm, and whether it is exceeded."""

from __future__ import annotations

from datetime import date

from generator.stats import notice_rights_html
from generator.stats.norms import load_norms
from generator.vocabulary import SERVICES

from .factory import local, notice, organization

ORG = organization()
NOW = local("2026-11-23 12:00")


def test_every_service_but_other_has_a_sourced_norm_checked_on_the_date() -> None:
    norms = load_norms()
    assert norms.checked == date(2026, 11, 23)
    assert set(norms.by_service) == set(SERVICES) - {"other"}
    for norm in norms.by_service.values():
        assert norm.quote and norm.sources and norm.item > 0
    assert norms.get("cold_water").monthly_hours == 8  # type: ignore[union-attr]
    assert norms.get("heating").monthly_hours == 24  # type: ignore[union-attr]
    assert norms.get("gas").monthly_hours == 4  # type: ignore[union-attr]
    assert [lim.hours for lim in norms.get("heating").single] == [16, 8, 4]  # type: ignore[union-attr]


def test_within_the_norm_says_what_is_permitted_and_nothing_more() -> None:
    n = notice(ORG, "a", kind="planned", published="2026-11-20 09:00",
               start="2026-11-21 09:00", end="2026-11-21 12:00")
    text = notice_rights_html(n, NOW)
    assert "не более 8 ч в сумме за месяц; не более 4 ч подряд" in text
    assert "Правила № 354, приложение 1, п. 1" in text
    assert "превышен" not in text and "перерасчёт" not in text


def test_planned_interruption_over_the_single_limit_is_exceeded() -> None:
    n = notice(ORG, "a", kind="planned", published="2026-11-20 09:00",
               start="2026-11-25 09:00", end="2026-11-25 15:00")
    text = notice_rights_html(n, NOW)
    assert ("<strong>Норматив превышен.</strong> Объявленный перерыв — 6 ч: "
            "это дольше допустимых 4 ч подряд.") in text
    assert "Вы вправе потребовать перерасчёт платы за холодное водоснабжение" in text
    assert "0,15 %" in text


def test_actual_interruption_over_the_limit_while_the_plan_was_within() -> None:
    n = notice(ORG, "a", kind="unplanned", published="2026-11-23 06:00",
               start="2026-11-23 06:30", end="2026-11-23 09:30")
    text = notice_rights_html(n, NOW)  # 5,5 h at noon, still going
    assert "Перерыв длится уже 5,5 ч: это дольше допустимых 4 ч подряд. Норматив превышен." in text
    assert "Объявленный перерыв" not in text


def test_ended_interruption_reports_only_what_happened() -> None:
    n = notice(ORG, "a", kind="planned", published="2026-11-20 09:00",
               start="2026-11-21 09:00", end="2026-11-21 15:00",
               updates=(("2026-11-21 12:00", {"status": "resolved"}),))
    text = notice_rights_html(n, NOW)  # announced 6 h, resolved after 3 h
    assert "превышен" not in text


def test_heating_depends_on_the_room_temperature() -> None:
    n = notice(ORG, "h", kind="planned", services=("heating",), published="2026-11-20 09:00",
               start="2026-11-25 09:00", end="2026-11-25 19:00")
    text = notice_rights_html(n, NOW)  # 10 h: over 8 and 4, within 16
    assert "<strong>Норматив может быть превышен.</strong>" in text
    assert ("Норматив превышен, если температура в квартире от +10 до +12 °C или "
            "температура в квартире от +8 до +10 °C.") in text
    assert "Если норматив превышен, вы вправе потребовать перерасчёт" in text
    assert "п. 14" in text


def test_heating_over_sixteen_hours_is_exceeded_whatever_the_temperature() -> None:
    n = notice(ORG, "h", kind="emergency", services=("heating",), published="2026-11-22 09:00",
               start="2026-11-22 09:00")
    text = notice_rights_html(n, NOW)  # 27 h and counting
    assert "<strong>Норматив превышен.</strong>" in text
    assert "больше допустимых 24 ч в сумме за месяц" in text


def test_cold_water_accident_in_central_networks_follows_other_rules() -> None:
    n = notice(ORG, "e", published="2026-11-23 05:00", start="2026-11-23 05:00")
    text = notice_rights_html(n, NOW)  # 7 h, emergency
    assert "<strong>Норматив может быть превышен.</strong>" in text
    assert "если авария не в централизованных сетях холодного водоснабжения" in text
    assert "СНиП 2.04.02-84*" in text


def test_gas_has_only_a_monthly_limit() -> None:
    n = notice(ORG, "g", kind="planned", services=("gas",), published="2026-11-20 09:00",
               start="2026-11-25 09:00", end="2026-11-25 14:00")
    text = notice_rights_html(n, NOW)
    assert "не более 4 ч в сумме за месяц" in text
    assert "Объявленный перерыв — 5 ч: это больше допустимых 4 ч в сумме за месяц." in text


def test_gas_split_across_a_month_boundary_stays_within_each_month() -> None:
    n = notice(ORG, "g", kind="planned", services=("gas",), published="2026-11-20 09:00",
               start="2026-11-30 22:00", end="2026-12-01 03:00")
    assert "превышен" not in notice_rights_html(n, NOW)  # 2 h in November, 3 h in December


def test_info_and_cancelled_notices_have_no_rights_block() -> None:
    info = notice(ORG, "i", kind="info", published="2026-11-20 09:00")
    cancelled = notice(ORG, "c", kind="planned", published="2026-11-20 09:00",
                       start="2026-11-25 09:00", end="2026-11-25 19:00",
                       updates=(("2026-11-21 09:00", {"status": "cancelled"}),))
    assert notice_rights_html(info, NOW) == ""
    assert notice_rights_html(cancelled, NOW) == ""


def test_service_without_a_norm_has_no_rights_block() -> None:
    n = notice(ORG, "o", kind="planned", services=("other",), published="2026-11-20 09:00",
               start="2026-11-25 09:00", end="2026-11-25 19:00")
    assert notice_rights_html(n, NOW) == ""


def test_annual_hot_water_maintenance_is_left_to_other_rules() -> None:
    n = notice(ORG, "m", kind="planned", services=("hot_water",), published="2026-11-01 09:00",
               start="2026-11-24 09:00", end="2026-12-01 09:00")
    text = notice_rights_html(n, NOW)
    assert "если это ежегодные ремонтные и профилактические работы — по требованиям" in text
    assert "<strong>Норматив может быть превышен.</strong>" in text
    assert "Норматив превышен, если это не ежегодные ремонтные и профилактические работы." in text


def test_hot_water_accident_on_a_dead_end_main_may_last_a_day() -> None:
    n = notice(ORG, "d", services=("hot_water",), published="2026-11-23 06:00",
               start="2026-11-23 06:00")
    text = notice_rights_html(n, NOW)  # 6 h: over 4, within 24 and within 8 a month
    assert "не более 24 ч подряд, если авария на тупиковой магистрали" in text
    assert "Норматив превышен, если авария не на тупиковой магистрали." in text
