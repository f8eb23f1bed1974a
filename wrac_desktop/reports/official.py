"""The official forms of Kazakh documents, as every printed report writes them (domain.md §8):
dates in words («06» декабря 2026 г. / 2026 жылғы «06» желтоқсан / 6 December 2026), the
blank date form a draft keeps, "1-редакция", the approver's initials and surname, and the
position named with the organisation. The words come from the catalogues (context "report"
and "month"); the code holds only their order.
"""

from __future__ import annotations

import re
from datetime import date

from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import NC_, in_each, pair_of, part, translated_in
from wrac_desktop.reports.data import AssessmentInfo, ReportData, TeamLine
from wrac_desktop.reports.labels import label

MONTHS = (
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
    NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
    NC_("month", "November"), NC_("month", "December"),
)  # fmt: skip
# Endings that mark a patronymic (Russian and Kazakh) or a surname, to tell which part of a
# full name is the surname: "Ахметов Серик Болатович", "Yerzhan Akhmetov", "Нұрлан Сейітұлы".
_PATRONYMIC = re.compile(r"(вич|вна|чна|ұлы|улы|қызы|кызы|ogly|kyzy|vich|vna)$", re.IGNORECASE)
_SURNAME = re.compile(r"(ов|ев|ёв|ова|ева|ин|ина|ын|ына|ский|ская|цкий|цкая|енко|uly)$", re.I)


def official_date(day: date, lang: str) -> str:
    """``day`` in words, as an approval stamp writes it."""
    month = translated_in(MONTHS[day.month - 1], lang)
    number = str(day.day) if lang == "en" else f"{day.day:02}"  # «06» декабря, 6 December
    return label("official_date", lang).format(day=number, month=month, year=day.year)


def date_or_blank(day: date | None, lang: str) -> str:
    """``day`` in words, or the blank form «___» ________ 20___ г. to fill in by hand: never
    both."""
    return official_date(day, lang) if day is not None else label("blank_date", lang)


def revision_text(revision: int, lang: str) -> str:
    """ "Revision 2" / "Редакция 2" / "2-редакция"."""
    return label("revision_n", lang).format(n=revision)


def initials_and_surname(full_name: str) -> str:
    """ "Ахметов Серик Болатович" → "С.Б. Ахметов", "Yerzhan Akhmetov" → "Y. Akhmetov"; a name
    already written with initials, or of one word, stays as it is."""
    parts = full_name.split()
    if len(parts) < 2 or "." in full_name:
        return full_name.strip()
    if len(parts) >= 3 and _PATRONYMIC.search(parts[-1]):
        surname, given = parts[0], parts[1:]  # surname, name, patronymic: the official order
    elif len(parts) == 2 and _SURNAME.search(parts[0]) and not _SURNAME.search(parts[1]):
        surname, given = parts[0], parts[1:]
    else:
        surname, given = parts[-1], parts[:-1]
    return "".join(f"{word[0].upper()}." for word in given) + f" {surname}"


def position_with_organisation(position: str, organisation: str, lang: str) -> str:
    """ "Главный инженер ТОО «…»" / "«…» ЖШС бас инженер" / "Chief engineer, … LLP"."""
    if pair_of(lang) is not None:  # each language's phrase whole (the word order differs)
        return in_each(
            lang,
            lambda one, n: position_with_organisation(
                part(position, n), part(organisation, n), one
            ),
        )
    position = position.strip()
    if not position:
        return organisation
    if organisation.strip() and organisation.strip().casefold() in position.casefold():
        return position  # typed with the organisation already: not named twice
    if lang == "kk" and len(position) > 1 and position[1].islower():
        position = position[0].lower() + position[1:]  # it follows the organisation's name
    return label("position_at", lang).format(position=position, organisation=organisation)


def commission_order(data: ReportData) -> str:
    """ "No. 45-П of 10.02.2026", or "" when no order is recorded."""
    org = data.organisation
    if not org.commission_order and org.commission_order_on is None:
        return ""
    return label("order_number_date", data.lang).format(
        number=org.commission_order, date=format_date(org.commission_order_on, data.lang)
    )


def document_line(assessment: AssessmentInfo, lang: str) -> str:
    """ "ОПР-2026/01 · Редакция 1 · Проект": the number (none yet: left out, not a blank
    before a dot), the revision, and the draft's word until approved."""
    parts = [assessment.document_number.strip(), revision_text(assessment.revision, lang)]
    if assessment.is_draft:
        parts.append(label("draft_word", lang))
    return " · ".join(part for part in parts if part)


def header_rows(data: ReportData) -> list[tuple[str, str, str, str]]:
    """(label, value, label, value) lines of the header, in the report's language."""
    lang, a, org = data.lang, data.assessment, data.organisation
    document = in_each(lang, lambda one, _half: document_line(a, one))
    return [
        (label("organisation", lang), org.legal_name, label("bin", lang), org.bin),
        (label("address", lang), org.address, label("region", lang), org.region),
        (label("industry", lang), org.industry, label("kato", lang), org.kato),
        (label("oked", lang), org.oked, label("headcount", lang), str(org.headcount)),
        (label("site", lang), data.scope_name or label("all_sites", lang),
         label("document", lang), document),
        (label("assessment", lang), a.title,
         label("assessed_on", lang), format_date(a.assessed_on, lang)),
        (label("scope", lang), a.scope,
         label("approved_on", lang), format_date(a.approved_on, lang) or "—"),
        (label("commission_order", lang), commission_order(data),
         label("next_review", lang), format_date(a.next_review_on, lang)),
    ]  # fmt: skip


def status_as_of(data: ReportData) -> str:
    """The plan's "status as of" line: the day whose progress log the completion column shows
    (the export date, or the day ``--as-of`` asked for)."""
    day = data.generated_on
    return in_each(data.lang, lambda one, _half: label("status_as_of", one).format(
        date=format_date(day, one)))  # fmt: skip


def approver(data: ReportData) -> tuple[str, str]:
    """(name, position) of whoever approves: as recorded at approval, else the team's approver
    (a draft names who is to sign), else nobody yet."""
    a = data.assessment
    if a.approved_by:
        return a.approved_by, a.approver_position
    chosen = next((m for m in data.team if m.role_key == "approver"), None)
    return (chosen.name, chosen.position) if chosen else ("", "")


def commission_members(data: ReportData) -> list[TeamLine]:
    """The commission in the order it signs: the chair, the members, the workers'
    representative; the approver signs the approval stamp instead."""
    order = {"facilitator": 0, "member": 1, "worker_representative": 2}
    members = [m for m in data.team if m.role_key != "approver"]
    return sorted(members, key=lambda m: order.get(m.role_key, 1))


def commission_role(member: TeamLine, lang: str) -> str:
    key = {"facilitator": "chair", "worker_representative": "workers_representative"}
    return label(key.get(member.role_key, "commission_member"), lang)
