"""The embedded demo content: valid, and covering every type and status at the reference moment.

Other tests (site, feeds, browser) build this content at ``NOW``; these tests
pin down what they can rely on, so that an edit to the demo content that
removes a case fails here first, with a plain message.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from generator.model import Model, Notice
from generator.validate import validate

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))
SALDA = "vks-verkhnyaya-salda"


@pytest.fixture(scope="module")
def model() -> Model:
    result = validate(CONTENT, NOW)
    assert [str(d) for d in result.diagnostics if d.is_error] == []
    assert result.model is not None
    return result.model


def by_slug(model: Model, slug: str) -> Notice:
    [notice] = [n for n in model.notices if n.slug.endswith(slug)]
    return notice


def test_demo_content_has_no_errors_or_warnings_at_the_reference_moment() -> None:
    # W003 only says that the one draft will not be published, which is intended.
    assert [d for d in validate(CONTENT, NOW).diagnostics if d.code != "W003"] == []


def test_two_time_zones_and_every_organization_is_marked_demo(model: Model) -> None:
    assert {o.timezone for o in model.organizations} == {"Asia/Yekaterinburg", "Asia/Chita"}
    assert all(o.demo for o in model.organizations)
    for org in model.organizations:
        assert "Демонстрационные данные" in org.source.read_text(encoding="utf-8")


def test_verkhnyaya_salda_serves_exactly_its_five_settlements(model: Model) -> None:
    org = model.organization_by_id[SALDA]
    assert org.settlements == ("Верхняя Салда", "посёлок Басьяновский",
                               "посёлок Песчаный Карьер", "деревня Никитино",
                               "деревня Северная")
    assert org.services == ("cold_water", "sewerage")


def test_chita_is_one_place_served_by_two_organizations(model: Model) -> None:
    [chita] = [p for p in model.places if p.name == "Чита"]
    assert {o.id for o in model.organizations_in(chita)} == {"tgk14-chita", "vodokanal-chita"}
    assert {n.organization.id for n in model.notices_in(chita)} == {"tgk14-chita",
                                                                    "vodokanal-chita"}


@pytest.mark.parametrize(("kind", "status"), [
    ("planned", "upcoming"), ("planned", "active"), ("planned", "completed"),
    ("planned", "resolved"), ("planned", "cancelled"), ("unplanned", "active"),
    ("emergency", "active"), ("emergency", "overdue"), ("emergency", "resolved"),
    ("info", "info"),
])
def test_every_type_and_status_occurs(model: Model, kind: str, status: str) -> None:
    found = [n.id for n in model.published if n.type == kind and n.status_at(NOW) == status]
    assert found, f"no published {kind} notice is {status} at {NOW}"


def test_lenina_notice_is_active_in_verkhnyaya_salda(model: Model) -> None:
    [notice] = [n for n in model.published if n.title == "Отключение холодной воды на ул. Ленина"]
    assert notice.organization.id == SALDA
    assert notice.status_at(NOW) == "active"
    assert [a.place.name for a in notice.areas] == ["Верхняя Салда"]


def test_resolved_emergency_has_a_three_update_timeline(model: Model) -> None:
    notice = by_slug(model, "peschanyy-karyer-poryv-vodovoda")
    assert [u.status for u in notice.updates] == [None, None, "resolved"]
    assert notice.updates[0].end is not None and notice.end is not None
    assert notice.updates[0].end > notice.end
    assert notice.status_at(NOW) == "resolved"


def test_cancelled_work_is_withdrawn_by_an_update(model: Model) -> None:
    notice = by_slug(model, "severnaya-remont-kanalizatsii")
    assert notice.closing_update is not None
    assert notice.closing_update.status == "cancelled"
    assert notice.status_at(NOW) == "cancelled"


def test_overdue_emergency_had_its_end_revised(model: Model) -> None:
    notice = by_slug(model, "loginovo-avariya-na-vodoprovode")
    assert notice.current_end != notice.end
    assert notice.status_at(NOW) == "overdue"


def test_exactly_one_draft_and_it_is_not_published(model: Model) -> None:
    drafts = [n for n in model.notices if n.draft]
    assert len(drafts) == 1
    assert drafts[0] not in model.published


def test_house_lists_use_every_form_of_the_syntax(model: Model) -> None:
    texts = {s.houses.text for n in model.notices for a in n.areas for s in a.streets
             if s.houses is not None}
    assert "1–15, 17, 19к2" in texts
    assert "чётные 2–20" in texts
    assert "нечётные" in texts
    assert any(a.whole_settlement for n in model.published for a in n.areas)


def test_some_times_are_written_with_an_offset() -> None:
    texts = [p.read_text(encoding="utf-8") for p in CONTENT.glob("notices/**/*.md")]
    assert any("T08:00:00+05:00" in t for t in texts)
    assert any("+09:00" in t for t in texts)


def test_every_notice_names_its_editor_schema() -> None:
    for path in sorted(CONTENT.glob("notices/*/*/*.md")):
        second_line = path.read_text(encoding="utf-8").split("\n")[1]
        assert second_line == ("# yaml-language-server: "
                               "$schema=../../../../generator/schema/notice.schema.json"), path


def test_demo_photos_are_small_and_one_carries_orientation_and_gps(model: Model) -> None:
    photos = [p for n in model.notices for p in n.photos]
    photos += [p for n in model.notices for u in n.updates for p in u.photos]
    assert len(photos) >= 3
    assert all(p.source.stat().st_size <= 200 * 1024 for p in photos)
    tagged = [p for p in photos if Image.open(p.source).getexif().get(0x0112) == 6]
    assert len(tagged) == 1
    assert Image.open(tagged[0].source).getexif().get_ifd(0x8825)


# -- the synthetic region of the benchmarks ----------------------------------------------------


def load_synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks/synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_synthetic_region_is_valid_and_covers_every_type_and_status(tmp_path: Path) -> None:
    load_synthetic().generate(tmp_path, organizations=6, notices=400, seed=7, now=NOW)
    result = validate(tmp_path, NOW)
    assert result.diagnostics == []
    assert result.model is not None
    notices = result.model.notices
    assert len(notices) == 400
    assert {n.type for n in notices} == {"planned", "unplanned", "emergency", "info"}
    statuses = {n.status_at(NOW) for n in notices}
    assert statuses >= {"upcoming", "active", "completed", "overdue", "resolved", "cancelled",
                        "info"}
    assert {len(n.updates) for n in notices} == {0, 1, 2, 3}
    assert len({o.timezone for o in result.model.organizations}) > 1


def test_synthetic_region_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    synthetic = load_synthetic()
    synthetic.generate(tmp_path / "a", 3, 60, seed=5, now=NOW)
    synthetic.generate(tmp_path / "b", 3, 60, seed=5, now=NOW)
    synthetic.generate(tmp_path / "c", 3, 60, seed=6, now=NOW)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")


def test_synthetic_region_refuses_to_overwrite_content(tmp_path: Path) -> None:
    synthetic = load_synthetic()
    synthetic.generate(tmp_path, 1, 5, now=NOW)
    with pytest.raises(FileExistsError):
        synthetic.generate(tmp_path, 1, 5, now=NOW)
