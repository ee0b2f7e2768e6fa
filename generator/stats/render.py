"""Text for the site: residents' rights on a notice, hours without services, accountability.

Every function returns Markdown (Russian; the rights on a notice page are HTML, as the
rest of that page) and reads only its arguments; the site stage
places the text on its pages. Charts are inline SVG inside ``<div markdown>`` blocks, so the
site needs the ``md_in_html`` extension; every chart's numbers are also a Markdown table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from ..model import Model, Notice, Organization, Place
from ..places import slug
from ..rawhtml import raw_block
from ..times import moment_text, zone_label
from ..vocabulary import NOTICE_TYPES, SERVICES
from . import fmt
from .accountability import Accountability, accountability
from .norms import Norm, Norms, SingleLimit, load_norms
from .outages import MonthHours, PlaceOutages, place_outages
from .rights import Check, Duration, notice_checks, notice_durations, worth_telling
from .svg import Bar, bar_chart

# ---------------------------------------------------------------- rights on a notice


def _limit_text(limit: SingleLimit) -> str:
    text = f"не более {fmt.hours(limit.hours)} подряд"
    return f"{text}, если {limit.when}" if limit.when else text


def permissible_text(norm: Norm, notice_type: str) -> str:
    """'не более 8 ч в сумме за месяц; не более 4 ч подряд' for a service and notice type."""
    parts = [] if norm.monthly_hours is None else [
        f"не более {fmt.hours(norm.monthly_hours)} в сумме за месяц"]
    parts += [_limit_text(limit) for limit in norm.single_for(notice_type)]
    parts += [f"если {exc.when} — {exc.rule}" for exc in norm.exceptions_for(notice_type)]
    return "; ".join(parts)


def _lead(check: Check) -> str:
    if check.kind == "planned":
        return f"Объявленный перерыв — {fmt.hours(check.hours)}"
    if check.ongoing:
        return f"Перерыв длится уже {fmt.hours(check.hours)}"
    return f"Перерыв продолжался {fmt.hours(check.hours)}"


def _over_what(check: Check, norm: Norm) -> str:
    """'больше допустимых 8 ч в сумме за месяц' or 'дольше 4 ч подряд'."""
    if check.monthly_exceeded and norm.monthly_hours is not None:
        return f"это больше допустимых {fmt.hours(norm.monthly_hours)} в сумме за месяц"
    shortest = min(lim.hours for lim in check.exceeded)
    return f"это дольше допустимых {fmt.hours(shortest)} подряд"


def _conditions(check: Check) -> str:
    """'температура … или температура …, и это не ежегодные … работы'."""
    situations = [] if check.monthly_exceeded else [
        lim.when for lim in check.exceeded if lim.when is not None]
    parts = [" или ".join(situations)] if situations else []
    parts += [exc.when_not for exc in check.unless]
    return ", и ".join(parts)


def _check_text(check: Check, norm: Norm) -> str:
    text = f"{_lead(check)}: {_over_what(check, norm)}."
    if check.verdict == "exceeded":
        return f"{text} Норматив превышен."
    return f"{text} Норматив превышен, если {_conditions(check)}."


def _recalculation_text(service: str, norms: Norms, norm: Norm, definite: bool) -> str:
    right = "Вы вправе" if definite else "Если норматив превышен, вы вправе"
    return (
        f"{right} потребовать перерасчёт платы за {SERVICES[service]}: напишите заявление "
        "исполнителю коммунальной услуги — управляющей организации, ТСЖ или "
        "ресурсоснабжающей организации, которой вы платите. За каждый час перерыва сверх "
        "допустимого, посчитанного суммарно за месяц, плата за этот месяц снижается на "
        f"{fmt.number(norms.percent_per_hour, 2)} % ({norms.citation(norm)})."
    )


def _service_rights(notice: Notice, service: str, norm: Norm, norms: Norms,
                    durations: tuple[Duration, ...]) -> list[str]:
    """HTML paragraphs about one service: the limit, and whether this notice exceeds it."""
    paragraphs = [_p(f"{SERVICES[service].capitalize()}.",
                     f"Допустимый перерыв: {permissible_text(norm, notice.type)} "
                     f"({norms.citation(norm)}).")]
    over = worth_telling(notice_checks(durations, norm, notice.type))
    if over:
        definite = any(c.verdict == "exceeded" for c in over)
        headline = "Норматив превышен." if definite else "Норматив может быть превышен."
        paragraphs.append(_p(headline, " ".join(_check_text(c, norm) for c in over)))
        paragraphs.append(_p("", _recalculation_text(service, norms, norm, definite)))
    return paragraphs


def _p(bold: str, text: str) -> str:
    """A paragraph of plain text, led by a bold phrase when there is one."""
    lead = f"<strong>{escape(bold, quote=False)}</strong> " if bold else ""
    return f"<p>{lead}{escape(text, quote=False)}</p>"


def notice_rights_html(notice: Notice, now: datetime) -> str:
    """Residents' rights for a notice that interrupts a service, as HTML paragraphs (the
    page gives the heading); '' for information, cancelled notices and services without
    a norm."""
    if notice.type == "info" or notice.status_at(now) == "cancelled":
        return ""
    norms = load_norms()
    with_norm = [(s, norm) for s in notice.services if (norm := norms.get(s)) is not None]
    durations = notice_durations(notice, now) if with_norm else ()
    paragraphs = [p for s, norm in with_norm
                  for p in _service_rights(notice, s, norm, norms, durations)]
    if not paragraphs:
        return ""
    source = (f"Источник: {norms.decree_title}, приложение {norms.appendix} "
              f"(нормы сверены {norms.checked:%d.%m.%Y}).")
    return "\n".join([*paragraphs, _p("", source)])


# ---------------------------------------------------------------- hours without services


def _outage_rows(outages: PlaceOutages, norms: Norms) -> list[str]:
    """HTML table rows: where, service, previous month, this month, the monthly norm."""
    rows = []
    for row in outages.rows:
        where = escape(row.name, quote=False) if row.name else "Весь населённый пункт"
        for hours in row.services:
            norm = norms.get(hours.service)
            limit = None if norm is None else norm.monthly_hours
            cells = [where, escape(SERVICES.get(hours.service, hours.service), quote=False),
                     _month_cell(hours.previous, norm), _month_cell(hours.current, norm),
                     "—" if limit is None else fmt.hours(limit)]
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return rows


def _month_cell(hours: MonthHours, norm: Norm | None) -> str:
    """'3 ч'; '<strong>12 ч — больше нормы</strong>'; or, when an exception may excuse it,
    a condition (HTML)."""
    text = fmt.hours(hours.total)
    limit = None if norm is None else norm.monthly_hours
    if norm is None or limit is None or hours.total <= limit:
        return text
    if hours.strict > limit:
        return f"<strong>{text} — больше нормы</strong>"
    unless = " и ".join(exc.when_not for exc in norm.exceptions)
    return escape(f"{text} — больше нормы, если {unless}", quote=False)


def place_outages_markdown(model: Model, place: Place, now: datetime) -> str:
    """Hours without each service in the current and previous month, vs the monthly norm.

    The table is HTML: a settlement with many streets has a long one, and Markdown
    tables are the slowest thing MkDocs parses."""
    norms = load_norms()
    outages = place_outages(model, place, now)
    tz = place.tz
    intro = (
        f"Сколько часов в прошлом и текущем месяце не было каждой услуги — во всём населённом "
        f"пункте {place.name} и на его улицах, по опубликованным уведомлениям. "
        f"Месяцы — по местному времени "
        f"({zone_label(now, tz)}); текущий месяц — по {moment_text(now, tz)}."
    )
    rows = _outage_rows(outages, norms)
    if not rows:
        return "\n\n".join(["## Часы без услуг", intro,
                            "За прошлый и текущий месяц перерывов не было."]) + "\n"
    heads = ["Где", "Услуга", fmt.month_name(outages.previous_month.start, tz).capitalize(),
             fmt.month_name(outages.current_month.start, tz).capitalize(), "Допустимо за месяц"]
    table = ("<table>\n<thead>\n<tr>" + "".join(f"<th>{h}</th>" for h in heads)
             + "</tr>\n</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")
    table = raw_block(table).rstrip("\n")
    how = (
        "Как считается: от начала перерыва до сообщения об устранении; действующие перерывы — "
        "до момента обновления страницы; отменённые не считаются; перерывы, которые "
        "перекрываются, считаются один раз. Улица считается без услуги, если перерыв касался "
        "хотя бы части её домов или всего населённого пункта. Допустимо за месяц — по "
        f"приложению {norms.appendix} к {norms.decree_short_dative}; для электроснабжения месячной "
        "нормы нет, есть только норма на один перерыв."
    )
    return "\n\n".join(["## Часы без услуг", intro, table, how]) + "\n"


# ---------------------------------------------------------------- accountability


def _chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar], table: str) -> str:
    """The chart (raw HTML, one line, kept as is) and its numbers as a Markdown table."""
    svg = bar_chart(chart_id, title, desc, bars)
    figure = f'<figure class="rso-chart">{svg}</figure>'
    return f'<div class="rso-chart-block" markdown>\n\n{figure}\n\n{table}\n\n</div>'


def _types_chart(prefix: str, figures: Accountability) -> str:
    bars = [Bar(NOTICE_TYPES[t].capitalize(), float(n), str(n)) for t, n in figures.by_type]
    desc = "; ".join(f"{b.label}: {b.text}" for b in bars)
    table = "| Тип уведомления | Число |\n|---|---|\n" + "\n".join(
        f"| {b.label} | {b.text} |" for b in bars)
    if figures.cancelled:
        table += f"\n| Из них отменено | {figures.cancelled} |"
    return _chart(f"{prefix}-types", "Уведомления по типам за 12 месяцев", desc, bars, table)


def _timing_rows(figures: Accountability) -> list[tuple[str, float | None, float | None, int]]:
    return [
        ("Аварии и внеплановые работы: от начала до устранения",
         figures.resolution.median, figures.resolution.p90, figures.resolution.n),
        ("Аварии и внеплановые работы: от публикации до первого обновления",
         figures.first_update.median, figures.first_update.p90, figures.first_update.n),
        ("Плановые работы: за сколько предупредили",
         figures.advance_notice.median, figures.advance_notice.p90, figures.advance_notice.n),
    ]


def _timing_chart(prefix: str, figures: Accountability) -> str:
    rows = _timing_rows(figures)
    short = ["До устранения", "До первого обновления", "Предупредили за"]
    bars = [Bar(f"{label}, медиана", med, fmt.hours(med))
            for label, (_, med, _, _) in zip(short, rows, strict=True)]
    desc = "; ".join(f"{r[0]}: медиана {fmt.hours(r[1])}, 90-й процентиль {fmt.hours(r[2])}, "
                     f"случаев {r[3]}" for r in rows)
    table = "| Показатель | Медиана | 90-й процентиль | Случаев |\n|---|---|---|---|\n" + "\n".join(
        f"| {name} | {fmt.hours(med)} | {fmt.hours(p90)} | {n} |" for name, med, p90, n in rows)
    return _chart(f"{prefix}-timing", "Сроки: медианы в часах", desc, bars, table)


def _shares_chart(prefix: str, figures: Accountability) -> str:
    overdue, on_time = figures.overdue, figures.on_time
    rows = [("Аварии и внеплановые работы: сроки нарушены", overdue.count, overdue.of),
            ("Плановые работы: завершены в объявленный срок", on_time.count, on_time.of)]
    short = ["Сроки нарушены", "Плановые — в срок"]
    bars = [Bar(label, None if not of else 100 * count / of, fmt.share(count, of))
            for label, (_, count, of) in zip(short, rows, strict=True)]
    desc = "; ".join(f"{name}: {fmt.share(count, of)}" for name, count, of in rows)
    table = "| Доля | Значение |\n|---|---|\n" + "\n".join(
        f"| {name} | {fmt.share(count, of)} |" for name, count, of in rows)
    return _chart(f"{prefix}-shares", "Доли в процентах", desc, bars, table)


HOW_COUNTED = (
    "**Как считается.** Берутся уведомления, опубликованные за последние 12 месяцев до "
    "момента обновления страницы; отменённые входят только в число по типам. Для аварий и "
    "внеплановых работ — часы от начала до сообщения «устранено» и от публикации до первого "
    "обновления; «сроки нарушены» — прошло объявленное время окончания, а сообщения об "
    "устранении нет, или устранили позже объявленного (с учётом продлений). Для плановых "
    "работ — за сколько часов до начала опубликовано уведомление и доля работ, завершённых "
    "к первоначально объявленному времени; работы без сообщения об окончании считаются "
    "завершёнными в объявленное время. Медиана — половина случаев быстрее, половина "
    "дольше; 90-й процентиль — 9 из 10 случаев не дольше. Расчёт сделан по тем же данным, что "
    "и уведомления на сайте, ничего не правится вручную."
)


def _accountability_markdown(prefix: str, figures: Accountability, tz: ZoneInfo,
                             data_link: str | None) -> str:
    period = (f"С {fmt.day(figures.period.start, tz)} по {fmt.day(figures.period.end, tz)}; "
              f"всего уведомлений: {figures.total}.")
    parts = ["## Подотчётность за 12 месяцев", period,
             _types_chart(prefix, figures), _timing_chart(prefix, figures),
             _shares_chart(prefix, figures), HOW_COUNTED]
    if data_link:
        parts.append("Эти же данные для журналистов и ведомств: "
                     f'<a href="{data_link}">stats.json</a>.')
    return "\n\n".join(parts) + "\n"


def _relative(from_url: str, to_path: str) -> str:
    depth = len([p for p in from_url.split("/") if p])
    return "../" * depth + to_path


def organization_stats_markdown(model: Model, org: Organization, now: datetime) -> str:
    """Accountability figures of one organization for the last 12 months."""
    figures = accountability(model.notices_of(org), now)
    link = _relative(org.url, f"stats/{org.id}.json")
    return _accountability_markdown(f"stats-{org.id}", figures, org.tz, link)


def region_organizations(model: Model, region: str) -> tuple[Organization, ...]:
    return tuple(sorted((o for o in model.organizations if o.region == region),
                        key=lambda o: o.id))


def region_notices(model: Model, region: str) -> list[Notice]:
    return [n for o in region_organizations(model, region) for n in model.notices_of(o)]


def region_stats_markdown(model: Model, region: str, now: datetime) -> str:
    """Accountability figures of every organization of a region together."""
    orgs = region_organizations(model, region)
    tz = orgs[0].tz if orgs else ZoneInfo("UTC")
    figures = accountability(region_notices(model, region), now)
    return _accountability_markdown(f"stats-region-{slug(region)}", figures, tz, None)
