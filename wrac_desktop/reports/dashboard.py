"""The dashboard (issue 18 item 6): one page of charts, drawn natively with ReportLab.

The risk profile before and after controls (hazards per class), plan progress, events per
month by kind for the last 12 months, the roadmap's indicators against the year's targets,
and the ten workplaces with the most residual risk. The window's Dashboard tab shows this
same page (QtPdf, already in the bundle), so the app and the printout never differ and no
chart library is added.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from wrac_desktop.formatting import format_date, format_number
from wrac_desktop.reports.dashboard_data import Dashboard, WorkplaceRisk
from wrac_desktop.reports.pdf_base import FONT, FONT_BOLD, register_fonts

PAGES = {"A4": A4, "A3": A3}
GREY, LIGHT = colors.HexColor("#555555"), colors.HexColor("#DDDDDD")
KIND_COLOURS = ("#9E9E9E", "#BDBDBD", "#FFE082", "#FFB74D", "#F57C00", "#D32F2F", "#000000",
                "#7B1FA2", "#1976D2")  # fmt: skip
PLAN_COLOURS = {"done": "#43A047", "in_progress": "#FFB300", "planned": "#90CAF9",
                "overdue": "#D32F2F"}  # fmt: skip


def dashboard_pdf(data: Dashboard, page: str = "A4") -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(PAGES.get(page, A4))
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setTitle(f"{data.word('title')} — {data.organisation}")
    canvas.setAuthor(data.organisation)
    scale = width / landscape(A4)[0]  # A3 draws the same page larger
    canvas.scale(scale, scale)
    _draw(canvas, data, *landscape(A4))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def screen_pdf(data: Dashboard, width: float) -> bytes:
    """The window's Dashboard tab: a page ``width`` points wide, shown fitted to the tab's
    width, so its print-size text reads on screen at about the window's own size. The A4
    page shrunk into the tab beside the hazard panel at 1,366 pixels drew 0.8 pixels a point:
    7-point names 5.5 pixels high. Narrower than A4, the panels stand in one column (a
    taller page, scrolled); as wide, in the A4 page's two rows."""
    register_fonts()
    buffer = io.BytesIO()
    wide = width >= landscape(A4)[0]
    height = landscape(A4)[1] if wide else COLUMN_HEIGHT
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setTitle(f"{data.word('title')} — {data.organisation}")
    (_draw if wide else _draw_column)(canvas, data, width, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# The one-column page: its margins, and each panel's height in points (the A4 page's upper
# panels are 78 mm high; the indicators' names and the workplaces' wrap in the full width).
SCREEN_MARGIN, GAP = 12.0, 6 * mm
COLUMN_PANELS = (78 * mm, 170.0, 200.0, 250.0)  # profile and plan, indicators, events, top
COLUMN_HEIGHT = 2 * SCREEN_MARGIN + 38 + sum(COLUMN_PANELS) + GAP * (len(COLUMN_PANELS) - 1)


def _draw_column(c: Canvas, data: Dashboard, width: float, height: float) -> None:
    margin = SCREEN_MARGIN
    inner = width - 2 * margin
    y = _title(c, data, margin, height - margin, inner)
    profile = (inner - GAP) * 0.58
    heights = iter(COLUMN_PANELS)
    tall = next(heights)
    _profile(c, data, margin, y, profile, tall)
    _plan(c, data, margin + profile + GAP, y, inner - profile - GAP, tall)
    for draw in (_indicators, _events, _top):
        y -= tall + GAP
        tall = next(heights)
        draw(c, data, margin, y, inner, tall)


def _title(c: Canvas, data: Dashboard, x: float, top: float, width: float) -> float:
    """The page's title and date; returns where the panels begin."""
    title = f"{data.word('title')} — {data.organisation}"
    size = _shrunk(title, FONT_BOLD, 15, width, 9)
    c.setFont(FONT_BOLD, size)
    c.drawString(x, top - 12, _fit(title, FONT_BOLD, size, width))
    c.setFont(FONT, 9)
    c.setFillColor(GREY)
    c.drawString(x, top - 26, data.word("as_of").format(
        date=format_date(data.as_of, data.lang), year=data.year))  # fmt: skip
    c.setFillColor(colors.black)
    return top - 38


def _draw(c: Canvas, data: Dashboard, width: float, height: float) -> None:
    margin = 12 * mm
    top = height - margin
    inner = width - 2 * margin
    gap = GAP
    shares = (inner - 2 * gap) * 0.3, (inner - 2 * gap) * 0.22
    upper_top, upper_height = _title(c, data, margin, top, inner), 78 * mm
    lower_top = upper_top - upper_height - gap
    lower_height = lower_top - margin
    _profile(c, data, margin, upper_top, shares[0], upper_height)
    _plan(c, data, margin + shares[0] + gap, upper_top, shares[1], upper_height)
    rest = margin + sum(shares) + 2 * gap
    _indicators(c, data, rest, upper_top, width - margin - rest, upper_height)
    half = (inner - gap) / 2
    _events(c, data, margin, lower_top, half, lower_height)
    _top(c, data, margin + half + gap, lower_top, half, lower_height)


# Every label is whole (issue 19: the page, the app's first tab, read «Профиль рисков:
# опасности по клас…», «Значительн…» and cut indicator names at 1,366 pixels): it wraps at
# its words onto a few lines, and a word wider than its room is set smaller.
def _heading(c: Canvas, text: str, x: float, y: float, width: float) -> float:
    """A panel's title, on two lines if it needs them; returns where the panel goes on."""
    c.setFillColor(colors.black)
    lines = _lines(text, FONT_BOLD, 10, width, 2)
    c.setFont(FONT_BOLD, _shrunk_words(lines, FONT_BOLD, 10, width, 7))
    for number, line in enumerate(lines):
        c.drawString(x, y - 10 - 11 * number, line)
    below = y - 14 - 11 * (len(lines) - 1)
    c.setStrokeColor(LIGHT)
    c.line(x, below, x + width, below)
    return below - 8


def _lines(text: str, font: str, size: float, width: float, most: int = 3) -> list[str]:
    """``text`` broken between words into lines no wider than ``width`` (a longer word stands
    alone: ``_shrunk_words`` sizes it); past ``most`` lines the last one ends in "…"."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(joined, font, size) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > most:
        lines[most - 1 :] = [_fit(" ".join(lines[most - 1 :]), font, size, width)]
    return lines or [""]


def _shrunk(text: str, font: str, size: float, width: float, least: float) -> float:
    """The size, ``size`` at most and ``least`` at least, at which ``text`` fits ``width``."""
    wide = stringWidth(text, font, size)
    return size if wide <= width else max(least, size * width / wide)


def _shrunk_words(lines: list[str], font: str, size: float, width: float, least: float) -> float:
    return min(_shrunk(line, font, size, width, least) for line in lines)


def _draw_lines(c: Canvas, lines: list[str], x: float, y: float, leading: float,
                align: str = "left") -> None:  # fmt: skip
    draw = {"left": c.drawString, "centre": c.drawCentredString, "right": c.drawRightString}
    for number, line in enumerate(lines):
        draw[align](x, y - leading * number, line)


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _profile(c: Canvas, data: Dashboard, x: float, y: float, w: float, h: float) -> None:
    foot = y - h
    y = _heading(c, data.word("profile"), x, y, w)
    slot = w / max(1, len(data.bands))
    names = [_lines(band.name, FONT, 7, slot - 3, 4) for band in data.bands]
    size = min([_shrunk_words(n, FONT, 7, slot - 3, 5) for n in names] or [7])
    legend_y = foot + 2
    bottom = legend_y + 12 + 7.5 * max([len(n) for n in names] or [1])
    chart_height = y - bottom - 12
    most = max([1] + [max(b.before, b.after) for b in data.bands])
    bar = min(14.0, slot / 3)
    for index, band in enumerate(data.bands):
        left = x + index * slot + slot / 2 - bar
        for offset, count, alpha in ((0, band.before, 0.45), (bar, band.after, 1.0)):
            tall = chart_height * count / most
            c.setFillColor(colors.HexColor(band.colour), alpha=alpha)
            c.setStrokeColor(GREY)
            c.rect(left + offset, bottom, bar, tall, stroke=1, fill=1)
            c.setFillColor(colors.black, alpha=1)
            c.setFont(FONT, 7)
            c.drawCentredString(left + offset + bar / 2, bottom + tall + 2, str(count))
        c.setFont(FONT, size)
        _draw_lines(c, names[index], x + index * slot + slot / 2, bottom - 8, 7.5, "centre")
    c.setFillColor(GREY)
    c.setFont(FONT, 7)
    legend = f"■ {data.word('before')} (50 %)   ■ {data.word('after')}"
    c.setFont(FONT, _shrunk(legend, FONT, 7, w, 5))
    c.drawString(x, legend_y, legend)
    c.setFillColor(colors.black)


def _plan(c: Canvas, data: Dashboard, x: float, y: float, w: float, h: float) -> None:
    y = _heading(c, data.word("plan"), x, y, w)
    total = sum(data.plan.get(key, 0) for key in ("planned", "in_progress", "done")) or 1
    left = x
    for key in ("done", "in_progress", "planned"):
        part = w * data.plan.get(key, 0) / total
        c.setFillColor(colors.HexColor(PLAN_COLOURS[key]))
        c.rect(left, y - 22, part, 16, stroke=0, fill=1)
        left += part
    c.setStrokeColor(GREY)
    c.rect(x, y - 22, w, 16, stroke=1, fill=0)
    line = y - 40
    for key in ("planned", "in_progress", "done", "overdue"):
        c.setFillColor(colors.HexColor(PLAN_COLOURS[key]))
        c.rect(x, line - 1, 8, 8, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont(FONT_BOLD if key == "overdue" else FONT, 9)
        c.drawString(x + 12, line, data.word(key))
        c.drawRightString(x + w, line, format_number(data.plan.get(key, 0), data.lang))
        line -= 14


def _indicators(c: Canvas, data: Dashboard, x: float, y: float, w: float, h: float) -> None:
    foot = y - h
    y = _heading(c, data.word("indicators"), x, y, w)
    c.setFont(FONT, 6.5)
    c.setFillColor(GREY)
    value_x, target_x = x + w - 62, x + w
    c.drawRightString(value_x, y, data.word("value"))
    c.drawRightString(target_x, y, data.word("target"))
    y -= 11
    values = [data.word("no_data") if item.value is None else _number(item.value, data.lang)
              for item in data.indicators]  # fmt: skip
    size, labels = 7.0, []
    while size >= 5:  # the names wrapped whole, as large as the panel's height allows
        room = value_x - x - max([stringWidth(v, FONT_BOLD, size) for v in values] or [0]) - 8
        labels = [_lines(item.label, FONT, size, room, 4) for item in data.indicators]
        if y - sum(len(lines) * (size + 1.5) + 3 for lines in labels) >= foot:
            break
        size -= 0.5
    for item, lines, shown in zip(data.indicators, labels, values, strict=True):
        c.setFillColor(colors.black)
        c.setFont(FONT, size)
        _draw_lines(c, lines, x, y, size + 1.5)
        meets = item.meets_target
        c.setFillColor(colors.HexColor("#2E7D32") if meets else
                       colors.HexColor("#C62828") if meets is False else colors.black)  # fmt: skip
        c.setFont(FONT_BOLD, size)
        c.drawRightString(value_x, y, shown)
        c.setFillColor(GREY)
        c.setFont(FONT, size)
        c.drawRightString(target_x, y, "" if item.target is None else _number(item.target,
                                                                           data.lang))  # fmt: skip
        y -= len(lines) * (size + 1.5) + 3


def _number(value: float, lang: str) -> str:
    return format_number(value, lang, decimals=0 if float(value).is_integer() else 3)


def _events(c: Canvas, data: Dashboard, x: float, y: float, w: float, h: float) -> None:
    foot = y - h
    y = _heading(c, data.word("events"), x, y, w)
    column = w / 3
    labels = [_lines(label, FONT, 6.5, column - 12, 2) for _key, label in data.kinds]
    rows = [labels[start : start + 3] for start in range(0, len(labels), 3)]
    heights = [max(len(lines) for lines in row) * 7.5 + 3 for row in rows]
    bottom = foot + sum(heights) + 14
    chart_height = y - bottom - 10
    totals = [sum(data.events.get(month, {}).values()) for month in data.months]
    most = max([1, *totals])
    slot = w / max(1, len(data.months))
    bar = slot * 0.6
    colour_of = {key: KIND_COLOURS[i % len(KIND_COLOURS)] for i, (key, _l) in enumerate(data.kinds)}
    for index, month in enumerate(data.months):
        left = x + index * slot + (slot - bar) / 2
        level = bottom
        for key, _label in data.kinds:
            count = data.events.get(month, {}).get(key, 0)
            if count:
                tall = chart_height * count / most
                c.setFillColor(colors.HexColor(colour_of[key]))
                c.rect(left, level, bar, tall, stroke=0, fill=1)
                level += tall
        c.setFillColor(colors.black)
        c.setFont(FONT, 7)
        if totals[index]:
            c.drawCentredString(left + bar / 2, level + 2, str(totals[index]))
        c.drawCentredString(left + bar / 2, bottom - 9, f"{month[5:]}.{month[2:4]}")
    c.setStrokeColor(GREY)
    c.line(x, bottom, x + w, bottom)
    if not any(totals):
        c.setFillColor(GREY)
        c.drawCentredString(x + w / 2, bottom + chart_height / 2, data.word("no_events"))
    ly = bottom - 22
    for row_number, row in enumerate(rows):
        for place, lines in enumerate(row):
            key = data.kinds[row_number * 3 + place][0]
            lx = x + place * column
            c.setFillColor(colors.HexColor(colour_of[key]))
            c.rect(lx, ly - 1, 7, 7, stroke=0, fill=1)
            c.setFillColor(colors.black)
            c.setFont(FONT, _shrunk_words(lines, FONT, 6.5, column - 12, 5))
            _draw_lines(c, lines, lx + 10, ly, 7.5)
        ly -= heights[row_number]


def _top(c: Canvas, data: Dashboard, x: float, y: float, w: float, h: float) -> None:
    foot = y - h
    y = _heading(c, data.word("top"), x, y, w) + 6.5
    numbers = (("not_tolerable", w - 124), ("hazards", w - 80), ("worst", w))
    heads = {key: _lines(data.word(key), FONT, 6.5, 56, 3) for key, _right in numbers}
    y -= 7.5 * max(len(lines) for lines in heads.values())  # headings' last lines level
    c.setFillColor(GREY)
    c.setFont(FONT, 6.5)
    c.drawString(x, y, data.word("workplace"))
    for key, right in numbers:
        lines = heads[key]
        c.setFont(FONT, _shrunk_words(lines, FONT, 6.5, 56, 5))
        _draw_lines(c, lines, x + right, y + 7.5 * (len(lines) - 1), 7.5, "right")
    y -= 12
    if not data.top:
        c.setFont(FONT, 6.5)
        c.drawString(x, y, data.word("no_hazards"))
    room = w - 170
    size, names = 7.5, []
    while size >= 5:  # the names wrapped whole, as large as the panel's height allows
        names = [_lines(_place_name(n, p), FONT, size, room, 3)
                 for n, p in enumerate(data.top, start=1)]  # fmt: skip
        if y - sum(len(lines) * (size + 1.5) + 3.5 for lines in names) >= foot:
            break
        size -= 0.5
    for place, lines in zip(data.top, names, strict=True):
        c.setFillColor(colors.black)
        c.setFont(FONT, size)
        _draw_lines(c, lines, x, y, size + 1.5)
        c.setFont(FONT_BOLD, size)
        c.drawRightString(x + w - 124, y, str(place.not_tolerable))
        c.setFont(FONT, size)
        c.drawRightString(x + w - 80, y, str(place.hazards))
        c.setFillColor(colors.HexColor(place.worst_colour))
        c.rect(x + w - 68, y - 2, 8, 8, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont(FONT, _shrunk(place.worst, FONT, size, 56, 5))
        c.drawRightString(x + w, y, place.worst)
        y -= len(lines) * (size + 1.5) + 3.5


def _place_name(number: int, place: WorkplaceRisk) -> str:
    return f"{number}. {place.name}" + (f" ({place.unit})" if place.unit else "")
