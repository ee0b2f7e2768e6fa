"""Accountability figures: percentiles on small samples, overdue, on time, the 12-month window."""

from __future__ import annotations

import pytest

from generator.stats.accountability import (
    Share,
    accountability,
    ended_on_time,
    median,
    percentile,
    went_overdue,
)

from .factory import local, notice, organization

NOW = local("2026-11-23 12:00")
ORG = organization()


@pytest.mark.parametrize(("values", "q", "expected"), [
    ([], 0.5, None),
    ([5.0], 0.5, 5.0),
    ([5.0], 0.9, 5.0),
    ([1.0, 2.0], 0.5, 1.5),
    ([1.0, 2.0], 0.9, 1.9),
    ([4.0, 1.0, 3.0, 2.0], 0.5, 2.5),  # unsorted input
    ([4.0, 1.0, 3.0, 2.0], 0.9, 3.7),
    ([1.0, 2.0, 3.0], 0.5, 2.0),
    ([1.0, 2.0, 3.0], 0.0, 1.0),
    ([1.0, 2.0, 3.0], 1.0, 3.0),
])
def test_percentile_on_small_samples(values: list[float], q: float, expected: float | None) -> None:
    result = percentile(values, q)
    assert result == (None if expected is None else pytest.approx(expected))


def test_median_is_the_middle() -> None:
    assert median([7.0, 1.0, 100.0]) == 7.0
    assert median([]) is None


def test_emergency_resolved_after_its_estimate_went_overdue() -> None:
    late = notice(ORG, "late", published="2026-11-20 09:00", start="2026-11-20 09:00",
                  end="2026-11-20 12:00",
                  updates=(("2026-11-20 14:00", {"status": "resolved"}),))
    assert went_overdue(late, NOW)


def test_emergency_resolved_within_an_extended_estimate_did_not() -> None:
    extended = notice(ORG, "ext", published="2026-11-20 09:00", start="2026-11-20 09:00",
                      end="2026-11-20 12:00",
                      updates=(("2026-11-20 11:00", {"end": "2026-11-20 16:00"}),
                               ("2026-11-20 15:00", {"status": "resolved"})))
    assert not went_overdue(extended, NOW)


def test_emergency_past_its_end_without_resolution_is_overdue_at_now() -> None:
    open_ = notice(ORG, "open", published="2026-11-22 09:00", start="2026-11-22 09:00",
                   end="2026-11-22 12:00")
    assert went_overdue(open_, NOW)
    assert not went_overdue(open_, local("2026-11-22 11:00"))


def test_planned_works_are_on_time_only_by_the_end_first_announced() -> None:
    on_time = notice(ORG, "a", kind="planned", published="2026-11-01 09:00",
                     start="2026-11-10 09:00", end="2026-11-10 17:00",
                     updates=(("2026-11-10 16:00", {"status": "resolved"}),))
    extended = notice(ORG, "b", kind="planned", published="2026-11-01 09:00",
                      start="2026-11-10 09:00", end="2026-11-10 17:00",
                      updates=(("2026-11-10 15:00", {"end": "2026-11-10 20:00"}),))
    running = notice(ORG, "c", kind="planned", published="2026-11-20 09:00",
                     start="2026-11-23 09:00", end="2026-11-23 17:00")
    assert ended_on_time(on_time, NOW) is True
    assert ended_on_time(extended, NOW) is False  # completed at 20:00, promised 17:00
    assert ended_on_time(running, NOW) is None


def test_figures_for_an_organization() -> None:
    notices = [
        # emergencies: resolved in 2 h (first update after 1 h) and in 10 h (late, no other update)
        notice(ORG, "e1", published="2026-11-01 09:00", start="2026-11-01 08:00",
               end="2026-11-01 12:00",
               updates=(("2026-11-01 10:00", {}), ("2026-11-01 10:00", {"status": "resolved"}))),
        notice(ORG, "e2", kind="unplanned", published="2026-10-01 09:00",
               start="2026-10-01 09:00", end="2026-10-01 12:00",
               updates=(("2026-10-01 19:00", {"status": "resolved"}),)),
        # still open, past its end: overdue, no update yet
        notice(ORG, "e3", published="2026-11-23 06:00", start="2026-11-23 06:00",
               end="2026-11-23 08:00"),
        # cancelled emergency: counted by type only
        notice(ORG, "e4", published="2026-11-05 09:00", start="2026-11-05 09:00",
               updates=(("2026-11-05 09:30", {"status": "cancelled"}),)),
        # planned: 48 h and 24 h of notice; one ended on time, one late
        notice(ORG, "p1", kind="planned", published="2026-11-08 09:00",
               start="2026-11-10 09:00", end="2026-11-10 17:00"),
        notice(ORG, "p2", kind="planned", published="2026-11-11 09:00",
               start="2026-11-12 09:00", end="2026-11-12 17:00",
               updates=(("2026-11-12 18:00", {"status": "resolved"}),)),
        notice(ORG, "i1", kind="info", published="2026-11-02 09:00"),
        # outside the window: 13 months ago, and published after now
        notice(ORG, "old", published="2025-10-20 09:00", start="2025-10-20 09:00"),
        notice(ORG, "future", published="2026-11-24 09:00", start="2026-11-24 09:00"),
    ]
    figures = accountability(notices, NOW)
    assert dict(figures.by_type) == {"planned": 2, "unplanned": 1, "emergency": 3, "info": 1}
    assert figures.cancelled == 1
    assert figures.resolution.n == 2
    assert figures.resolution.median == pytest.approx(6.0)  # 2 h and 10 h
    assert figures.resolution.p90 == pytest.approx(9.2)
    assert figures.first_update.n == 2  # e1 after 1 h, e2 after 10 h
    assert figures.first_update.median == pytest.approx(5.5)
    assert figures.without_update == 1  # e3
    assert figures.overdue == Share(2, 3)  # e2 resolved late, e3 open past its end
    assert figures.advance_notice.median == pytest.approx(36.0)
    assert figures.on_time == Share(1, 2)


def test_no_notices_gives_empty_figures() -> None:
    figures = accountability([], NOW)
    assert figures.total == 0
    assert figures.resolution.median is None
    assert figures.overdue.ratio is None
