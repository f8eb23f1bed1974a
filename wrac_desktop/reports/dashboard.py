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
from wrac_desktop.reports.dashboard_data import Dashboard
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


def _draw(c: Canvas, data: Dashboard, width: float, height: float) -> None:
    margin = 12 * mm
    top = height - margin
    c.setFont(FONT_BOLD, 15)
    c.drawString(margin, top - 12, f"{data.word('title')} — {data.organisation}"[:110])
    c.setFont(FONT, 9)
    c.setFillColor(GREY)
    c.drawString(margin, top - 26, data.word("as_of").format(
        date=format_date(data.as_of, data.lang), year=data.year))  # fmt: skip
    c.setFillColor(colors.black)
    inner = width - 2 * margin
    gap = 6 * mm
    shares = (inner - 2 * gap) * 0.3, (inner - 2 * gap) * 0.22
    upper_top, upper_height = top - 38, 78 * mm
    lower_top = upper_top - upper_height - gap
    lower_height = lower_top - margin
    _profile(c, data, margin, upper_top, shares[0], upper_height)
    _plan(c, data, margin + shares[0] + gap, upper_top, shares[1], upper_height)
    rest = margin + sum(shares) + 2 * gap
    _indicators(c, data, rest, upper_top, width - margin - rest, upper_height)
    half = (inner - gap) / 2
    _events(c, data, margin, lower_top, half, lower_height)
    _top(c, data, margin + half + gap, lower_top, half, lower_height)


def _heading(c: Canvas, text: str, x: float, y: float, width: float) -> float:
    c.setFont(FONT_BOLD, 10)
    c.setFillColor(colors.black)
    c.drawString(x, y - 10, _fit(text, FONT_BOLD, 10, width))
    c.setStrokeColor(LIGHT)
    c.line(x, y - 14, x + width, y - 14)
    return y - 22


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _profile(c: Canvas, data: Dashboard, x: float, y: float, w: float, h: float) -> None:
    y = _heading(c, data.word("profile"), x, y, w)
    bottom = y - h + 34
    chart_height = y - bottom - 12
    most = max([1] + [max(b.before, b.after) for b in data.bands])
    slot = w / max(1, len(data.bands))
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
        c.setFont(FONT, 7)
        c.drawCentredString(x + index * slot + slot / 2, bottom - 9,
                            _fit(band.name, FONT, 7, slot - 2))  # fmt: skip
    c.setFillColor(GREY)
    c.setFont(FONT, 7)
    legend = f"■ {data.word('before')} (50 %)   ■ {data.word('after')}"
    c.drawString(x, bottom - 20, _fit(legend, FONT, 7, w))
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
    y = _heading(c, data.word("indicators"), x, y, w)
    c.setFont(FONT, 6.5)
    c.setFillColor(GREY)
    value_x, target_x = x + w - 62, x + w
    c.drawRightString(value_x, y, data.word("value"))
    c.drawRightString(target_x, y, data.word("target"))
    y -= 11
    for item in data.indicators:
        c.setFillColor(colors.black)
        c.setFont(FONT, 7)
        c.drawString(x, y, _fit(item.label, FONT, 7, w - 112))
        shown = data.word("no_data") if item.value is None else _number(item.value, data.lang)
        meets = item.meets_target
        c.setFillColor(colors.HexColor("#2E7D32") if meets else
                       colors.HexColor("#C62828") if meets is False else colors.black)  # fmt: skip
        c.setFont(FONT_BOLD, 7)
        c.drawRightString(value_x, y, shown)
        c.setFillColor(GREY)
        c.setFont(FONT, 7)
        c.drawRightString(target_x, y, "" if item.target is None else _number(item.target,
                                                                           data.lang))  # fmt: skip
        y -= 12


def _number(value: float, lang: str) -> str:
    return format_number(value, lang, decimals=0 if float(value).is_integer() else 3)


def _events(c: Canvas, data: Dashboard, x: float, y: float, w: float, h: float) -> None:
    y = _heading(c, data.word("events"), x, y, w)
    legend_rows = 3
    bottom = y - h + 22 + legend_rows * 10 + 12
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
    column = w / 3
    for index, (key, label) in enumerate(data.kinds):
        lx = x + (index % 3) * column
        ly = bottom - 22 - (index // 3) * 10
        c.setFillColor(colors.HexColor(colour_of[key]))
        c.rect(lx, ly - 1, 7, 7, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont(FONT, 6.5)
        c.drawString(lx + 10, ly, _fit(label, FONT, 6.5, column - 12))


def _top(c: Canvas, data: Dashboard, x: float, y: float, w: float, h: float) -> None:
    y = _heading(c, data.word("top"), x, y, w)
    numbers = (("not_tolerable", w - 118), ("hazards", w - 70), ("worst", w))
    c.setFont(FONT, 6.5)
    c.setFillColor(GREY)
    c.drawString(x, y, data.word("workplace"))
    for key, right in numbers:
        c.drawRightString(x + right, y, _fit(data.word(key), FONT, 6.5, 46))
    y -= 12
    if not data.top:
        c.drawString(x, y, data.word("no_hazards"))
    for number, place in enumerate(data.top, start=1):
        c.setFillColor(colors.black)
        c.setFont(FONT, 7.5)
        name = f"{number}. {place.name}" + (f" ({place.unit})" if place.unit else "")
        c.drawString(x, y, _fit(name, FONT, 7.5, w - 170))
        c.setFont(FONT_BOLD, 7.5)
        c.drawRightString(x + w - 118, y, str(place.not_tolerable))
        c.setFont(FONT, 7.5)
        c.drawRightString(x + w - 70, y, str(place.hazards))
        c.setFillColor(colors.HexColor(place.worst_colour))
        c.rect(x + w - 50, y - 2, 8, 8, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.drawRightString(x + w, y, _fit(place.worst, FONT, 7.5, 38))
        y -= 13
