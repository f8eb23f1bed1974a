"""What ``wrac check`` says about a register's languages (issue 16 item 6): per language, how
many texts of the current revision have no version in it or need checking after an edit in
another language. Warnings, not problems: the exit code stays 0 (a register in one language
is complete as a register; the state language is a duty the officer is reminded of).

Kazakh and Russian are always counted; English only once the revision has some English
text, so a register kept in the two state languages is not nagged about a third.
"""

from __future__ import annotations

from collections.abc import Callable

from wrac_desktop.i18n import _
from wrac_desktop.register import Register
from wrac_desktop.reports.translations_xlsx import SheetText
from wrac_desktop.services.assessments import current_assessment
from wrac_desktop.services.translation_files import sheet_texts

EXAMPLE_CHARS = 60


def _missing(lang: str) -> str:
    return {
        "kk": _("texts with no Kazakh version: {count}, e.g. “{example}” ({where})"),
        "ru": _("texts with no Russian version: {count}, e.g. “{example}” ({where})"),
        "en": _("texts with no English version: {count}, e.g. “{example}” ({where})"),
    }[lang]


def _unchecked(lang: str) -> str:
    return {
        "kk": _(
            "texts whose Kazakh version needs checking after an edit in another language: "
            "{count}, e.g. “{example}” ({where})"
        ),
        "ru": _(
            "texts whose Russian version needs checking after an edit in another language: "
            "{count}, e.g. “{example}” ({where})"
        ),
        "en": _(
            "texts whose English version needs checking after an edit in another language: "
            "{count}, e.g. “{example}” ({where})"
        ),
    }[lang]


def translation_warnings(register: Register, location: str) -> list[str]:
    """One line per language that lacks texts or has texts to check, and how to fill them."""
    with register.uow.reading() as session:
        assessment = current_assessment(session)
        texts = list(sheet_texts(session, assessment)) if assessment is not None else []
    langs = ["kk", "ru"] + (["en"] if any(text.values["en"] for text in texts) else [])
    lines = [
        *_lines(texts, langs, _missing, lambda text, lang: not text.values[lang]),
        *_lines(texts, langs, _unchecked, lambda text, lang: lang in text.unchecked),
    ]
    if lines:
        lines.append(
            _(
                "a translator can fill them in Excel: wrac translations {path} --export "
                "FILE.xlsx, then --import FILE.xlsx"
            ).format(path=location)
        )
    return lines


def _lines(
    texts: list[SheetText],
    langs: list[str],
    message: Callable[[str], str],
    wanted: Callable[[SheetText, str], bool],
) -> list[str]:
    lines = []
    for lang in langs:
        found = [text for text in texts if wanted(text, lang)]
        if found:
            first = found[0]
            lines.append(
                message(lang).format(
                    count=len(found),
                    example=_shortened(first.values[first.lang]),
                    where=first.used_in.split("\n")[0],
                )
            )
    return lines


def _shortened(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= EXAMPLE_CHARS else line[: EXAMPLE_CHARS - 1] + "…"
