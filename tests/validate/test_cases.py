"""One fixture per diagnostic code: the exact message, line and column staff will see."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.report import as_text
from generator.validate import validate

from .conftest import CASES, NOW

N = "notices/vks-test/2026/"
EXPECTED = [
    ('E001-cp1251.md', 'notices/vks-test/2026/2026-11-22-cp1251.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-cp1251.md:2:8: error[E001]: файл не в кодировке UTF-8 (похоже, он в кодировке cp1251): байт 0xce не читается как UTF-8',
        '  hint: сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → кодировка UTF-8)',
    ]),
    ('E002-empty.md', 'notices/vks-test/2026/2026-11-22-empty.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-empty.md:1:1: error[E002]: файл пуст',
        '  hint: заполните файл по образцу: notices new создаёт заготовку',
    ]),
    ('E005-yaml-syntax.md', 'notices/vks-test/2026/2026-11-22-syntax.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-syntax.md:2:14: error[E005]: ошибка разметки YAML: здесь не может стоять «ключ: значение» (лишнее двоеточие или неверный отступ) (mapping values are not allowed in this context)',
        '  hint: проверьте отступы и двоеточия; текст с двоеточием, # или кавычками заключите в кавычки: title: "Ремонт: ул. Ленина"',
    ]),
    ('E006-no-fence.md', 'notices/vks-test/2026/2026-11-22-fence.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-fence.md:1:1: error[E006]: уведомление должно начинаться со строки --- и блока свойств',
        '  hint: первая строка файла: ---, затем поля title, type, ..., затем снова --- и текст уведомления',
    ]),
    ('E007-tab.md', 'notices/vks-test/2026/2026-11-22-tab.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-tab.md:8:1: error[E007]: в отступе стоит символ табуляции, а YAML допускает только пробелы',
        '  hint: замените табуляцию пробелами (по два на уровень вложенности)',
    ]),
    ('E008-duplicate-key.md', 'notices/vks-test/2026/2026-11-22-dup.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-dup.md:7:1: error[E008]: поле «type» повторяется: оно уже есть в строке 3',
        '  hint: оставьте одно из двух значений и удалите другое',
    ]),
    ('E010-unknown-key.md', 'notices/vks-test/2026/2026-11-22-unknown.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-unknown.md:2:1: error[E010]: неизвестное поле «titel»',
        '  hint: вы имели в виду «title»?',
    ]),
    ('E011-missing-title.md', 'notices/vks-test/2026/2026-11-22-missing.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-missing.md:2:1: error[E011]: нет обязательного поля «title» (заголовок, не длиннее 140 символов)',
        '  hint: добавьте строку title: Отключение холодной воды на ул. Ленина',
    ]),
    ('E011-planned-without-end.md', 'notices/vks-test/2026/2026-11-22-planned.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-planned.md:2:1: error[E011]: для типа «planned» обязательно поле «end» (ожидаемое окончание (для плановых работ обязательно))',
        '  hint: добавьте поле end, например: end: 2026-11-22 09:40',
    ]),
    ('E012-wrong-type.md', 'notices/vks-test/2026/2026-11-22-type.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-type.md:4:11: error[E012]: в поле «services» ожидается список, а найдено: одно значение',
        '  hint: например: services: [cold_water]',
    ]),
    ('E013-unknown-type.md', 'notices/vks-test/2026/2026-11-22-vocab.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-vocab.md:3:7: error[E013]: «emergncy» не подходит для поля «type»; допустимо: planned, unplanned, emergency, info',
        '  hint: вы имели в виду «emergency»?',
    ]),
    ('E014-time-format.md', 'notices/vks-test/2026/2026-11-22-time.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-time.md:5:12: error[E014]: поле «published»: «22.11.2026 09:40» не похоже на дату и время',
        '  hint: пишите местное время в виде 2026-11-22 09:40 или время со смещением: 2026-11-22T09:40+05:00',
    ]),
    ('E015-file-name.md', 'notices/vks-test/2026/2026-11-22_lenina.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22_lenina.md:1:1: error[E015]: имя файла «2026-11-22_lenina.md» должно иметь вид ГГГГ-ММ-ДД-краткое-имя.md (латинские строчные буквы, цифры и дефисы)',
        '  hint: например: 2026-11-22-lenina-voda.md',
    ]),
    ('E016-title-too-long.md', 'notices/vks-test/2026/2026-11-22-long.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-long.md:2:8: error[E016]: поле «title» длиной 167 символов, а допустимо не более 140',
        '  hint: сократите текст; подробности напишите в тексте уведомления',
    ]),
    ('E017-timezone.yml', 'organizations/vks-test.yml', [
        'CONTENT/organizations/vks-test.yml:4:11: error[E017]: часовой пояс «Asia/Ekaterinburg» неизвестен',
        '  hint: вы имели в виду «Asia/Yekaterinburg»?',
    ]),
    ('E018-duplicate-service.md', 'notices/vks-test/2026/2026-11-22-dupservice.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-dupservice.md:4:24: error[E018]: «cold_water» указано в списке «services» дважды',
        '  hint: уберите повтор',
    ]),
    ('E020-unknown-organization.md', 'notices/vks-tset/2026/2026-11-22-org.md', [
        'CONTENT/notices/vks-tset/2026/2026-11-22-org.md:1:1: error[E020]: организации «vks-tset» нет в CONTENT/organizations/',
        '  hint: вы имели в виду «vks-test»?',
    ]),
    ('E021-settlement.md', 'notices/vks-test/2026/2026-11-22-settlement.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-settlement.md:8:17: error[E021]: населённый пункт «Басьяновск» не обслуживается организацией vks-test',
        '  hint: вы имели в виду «посёлок Басьяновский»?',
    ]),
    ('E022-service.md', 'notices/vks-test/2026/2026-11-22-service.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-service.md:4:12: error[E022]: услуга «heating» не оказывается организацией vks-test',
        '  hint: услуги организации: cold_water, sewerage',
    ]),
    ('E023-houses.md', 'notices/vks-test/2026/2026-11-22-houses.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-houses.md:11:17: error[E023]: список домов «1–15, 17 и 19» не читается: не удалось прочитать номер дома «17 и 19»',
        '  hint: пишите так: houses: "1–15, 17, 19к2, чётные 2–20, нечётные"',
    ]),
    ('E030-end-before-start.md', 'notices/vks-test/2026/2026-11-22-order.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-order.md:7:6: error[E030]: окончание (2026-11-22 08:00) должно быть позже начала (2026-11-22 09:15)',
        '  hint: проверьте дату и время окончания',
    ]),
    ('E031-updates-order.md', 'notices/vks-test/2026/2026-11-22-updates.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-updates.md:12:9: error[E031]: обновления должны идти по времени: это раньше предыдущего (2026-11-22 12:30)',
        '  hint: новые обновления дописываются в конец списка',
    ]),
    ('E032-update-before-published.md', 'notices/vks-test/2026/2026-11-22-early.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-early.md:10:9: error[E032]: обновление не может быть раньше публикации (2026-11-22 09:40)',
        '  hint: проверьте дату и время обновления',
    ]),
    ('E033-resolved-twice.md', 'notices/vks-test/2026/2026-11-22-twice.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-twice.md:14:13: error[E033]: уведомление уже отмечено как устранённое в строке 10',
        '  hint: уберите повторный status; для уточнений пишите обновление без status',
    ]),
    ('E034-after-cancelled.md', 'notices/vks-test/2026/2026-11-22-cancelled.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-cancelled.md:13:5: error[E034]: после отмены (строка 10) обновлений быть не может',
        '  hint: если работы всё же будут, опубликуйте новое уведомление',
    ]),
    ('E035-file-date.md', 'notices/vks-test/2026/2026-11-21-date.md', [
        'CONTENT/notices/vks-test/2026/2026-11-21-date.md:5:12: error[E035]: дата в имени файла (2026-11-21) не совпадает с местной датой публикации (2026-11-22)',
        '  hint: назовите файл 2026-11-22-date.md или исправьте время публикации',
    ]),
    ('E037-wrong-year-folder.md', 'notices/vks-test/2025/2026-11-22-year.md', [
        'CONTENT/notices/vks-test/2025/2026-11-22-year.md:1:1: error[E037]: файл от 2026 года лежит в папке «2025»',
        '  hint: перенесите файл в папку vks-test/2026/',
    ]),
    ('W001-future-published.md', 'notices/vks-test/2026/2026-11-24-future.md', [
        'CONTENT/notices/vks-test/2026/2026-11-24-future.md:5:12: warning[W001]: время публикации ещё не наступило: уведомление появится в лентах, когда оно наступит',
        '  hint: если это ошибка, исправьте дату публикации',
    ]),
    ('W002-future-update.md', 'notices/vks-test/2026/2026-11-22-future-update.md', [
        'CONTENT/notices/vks-test/2026/2026-11-22-future-update.md:10:9: warning[W002]: время обновления ещё не наступило: в лентах оно появится, когда наступит',
        '  hint: если это ошибка, исправьте время',
    ]),
    ('OK-bom-crlf.md', 'notices/vks-test/2026/2026-11-22-windows.md', [
    ]),
]
CASES_TABLE = [(case, dest) for case, dest, _ in EXPECTED]


def _run(content: Path, case: str, dest: str) -> list[str]:
    target = content / dest
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(CASES / case, target)
    return _lines(content)


def _lines(content: Path) -> list[str]:
    os.chdir(content.parent)
    result = validate(Path("content"), NOW)
    text = as_text(result.diagnostics, result.files)
    return text.splitlines()[:-1]  # without the summary line


@pytest.mark.parametrize(("case", "dest", "expected"), EXPECTED, ids=[c for c, _, _ in EXPECTED])
def test_case(content: Path, case: str, dest: str, expected: list[str | None]) -> None:
    lines = [line.replace("CONTENT/", "content/") for line in expected if line is not None]
    assert _run(content, case, dest) == lines


def test_every_code_of_the_validator_has_a_fixture() -> None:
    covered = {case[:4] for case, _, _ in EXPECTED} | {"E003", "E004", "E036"}
    from generator.diagnostics import CODES

    owned_elsewhere = {"E040", "E041", "E042", "E043", "E044", "E050", "E051"}
    assert set(CODES) - owned_elsewhere <= covered


def test_file_over_one_megabyte(content: Path) -> None:
    big = content / "notices/vks-test/2026/2026-11-22-big.md"
    big.write_text("---\ntitle: x\n---\n" + "я" * 600_000, encoding="utf-8")
    assert _lines(content) == [
        "content/notices/vks-test/2026/2026-11-22-big.md:1:1: error[E003]: файл занимает 1,1 МБ, "
        "а допустимо не более 1 МБ",
        "  hint: фотографии кладите отдельными файлами и ссылайтесь на них в поле photos",
    ]


def test_directory_where_a_file_should_be(content: Path) -> None:
    (content / "notices/vks-test/2026/2026-11-22-folder.md").mkdir()
    (content / "organizations/folder.yml").mkdir()
    assert _lines(content) == [
        "content/notices/vks-test/2026/2026-11-22-folder.md:1:1: error[E004]: ожидался файл, "
        "а здесь папка",
        "  hint: уберите этот объект или переименуйте его так, чтобы имя не оканчивалось "
        "на .md или .yml",
        "content/organizations/folder.yml:1:1: error[E004]: ожидался файл, а здесь папка",
        "  hint: уберите этот объект или переименуйте его так, чтобы имя не оканчивалось "
        "на .md или .yml",
    ]


def test_notice_ids_differing_only_in_case(content: Path) -> None:
    source = content / "notices/vks-test/2026/2026-11-22-lenina.md"
    shutil.copy(source, source.with_name("2026-11-22-Lenina.md"))
    lines = _lines(content)
    assert "content/notices/vks-test/2026/2026-11-22-lenina.md:1:1: error[E036]: уведомление с " \
        "идентификатором «vks-test/2026/2026-11-22-lenina» уже есть: " \
        "content/notices/vks-test/2026/2026-11-22-Lenina.md" in lines


def test_all_errors_are_reported_not_the_first(content: Path) -> None:
    for case, dest, _ in EXPECTED[:10]:
        target = content / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CASES / case, target)
    codes = {line.split("[")[1][:4] for line in _lines(content) if "[" in line and "hint" not in line}
    assert {"E001", "E002", "E005", "E006", "E007", "E008", "E010", "E011", "E012"} <= codes


def test_valid_base_has_no_diagnostics(content: Path) -> None:
    assert _lines(content) == []


def test_a_broken_organization_file_is_reported_once_not_per_notice(content: Path) -> None:
    org = content / "organizations/vks-test.yml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "settlements:\n  - Верхняя Салда\n  - посёлок Басьяновский\n",
        "settlements: Верхняя Салда\n"), encoding="utf-8")
    assert _lines(content) == [
        "content/organizations/vks-test.yml:6:14: error[E012]: в поле «settlements» ожидается "
        "список, а найдено: одно значение",
        "  hint: например: settlements: [Верхняя Салда, посёлок Басьяновский]",
    ]
