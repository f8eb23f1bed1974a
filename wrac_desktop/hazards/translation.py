"""The library's texts on gettext: English in the TOML files, Kazakh and Russian in a catalogue.

The TOML files hold each text in English (``en = "..."``), the source language, as the code does
for the UI. Its translations live in the ``wrac_library`` domain
(resources/locale/{kk,ru,en}/LC_MESSAGES/wrac_library.po), keyed by the English text and a
message context saying what the text is ("hazard name", "control", …), so that one English
wording in two roles can be translated two ways. ``translate_entry`` and
``translate_air_limits`` fill in every language when a file is loaded; ``extract_entries`` and
``extract_air_limits`` are the Babel extraction methods babel-library.cfg names, so
``make catalogues`` finds a new or changed text in the TOML files as it finds a new ``_()``.

A search keyword list is one message: the English words joined by ``; ``, translated by the
Kazakh or Russian words joined the same way. The lists are search terms in each language, not
word-for-word translations, so their lengths may differ.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from wrac_desktop.hazards.model import DOMAIN
from wrac_desktop.hazards.schema import Record
from wrac_desktop.i18n import LANGUAGES, catalogue

SOURCE_LANGUAGE = "en"
KEYWORD_SEPARATOR = "; "
KEYWORDS = "search keywords"
ENTRY_TEXTS = (("name", "hazard name"), ("description", "hazard description"))
ENTRY_LISTS = (
    ("unwanted_events", "unwanted event"),
    ("causes", "cause"),
    ("consequences", "consequence"),
    ("controls", "control"),
)
AIR_LIMITS_SOURCE = "mine-air limits source"
AIR_LIMIT_NAME, AIR_LIMIT_SOURCE = "mine-air limit name", "mine-air limit source"

# (the record a problem is reported against, field, message context, the table of the text)
Text = tuple[Record, str, str, Any]
Texts = Callable[[dict[str, Any], str], Iterator[Text]]


def entry_texts(data: dict[str, Any], source: str) -> Iterator[Text]:
    """Every text of a hazard entry's TOML data, keywords included, in file order."""
    entry = Record(data, source)
    for field, context in ENTRY_TEXTS:
        yield entry, field, context, data.get(field)
    if "keywords" in data:
        yield entry, "keywords", KEYWORDS, data["keywords"]
    for field, context in ENTRY_LISTS:
        items = data.get(field)
        for index, item in enumerate(items if isinstance(items, list) else []):
            yield entry, f"{field}[{index}]", context, item


def air_limit_texts(data: dict[str, Any], source: str) -> Iterator[Text]:
    """Every text of the mine-air limits file: its source, then each limit's name and source."""
    yield Record(data, source, "file"), "source", AIR_LIMITS_SOURCE, data.get("source")
    items = data.get("limit")
    for item in items if isinstance(items, list) else []:
        limit = Record(item, source, "limit", key="key")
        yield limit, "name", AIR_LIMIT_NAME, item.get("name")
        if "source" in item:
            yield limit, "source", AIR_LIMIT_SOURCE, item["source"]


def source_text(context: str, table: Any) -> str | None:
    """The msgid of a text: its English, or a keyword list's English words joined; None if the
    table has no usable English (validation then names what is missing)."""
    english = table.get(SOURCE_LANGUAGE) if isinstance(table, dict) else None
    if context == KEYWORDS:
        if not isinstance(english, list) or not all(isinstance(w, str) for w in english):
            return None
        return KEYWORD_SEPARATOR.join(word.strip() for word in english) or None
    return english.strip() if isinstance(english, str) and english.strip() else None


def translate_entry(data: dict[str, Any], source: str) -> dict[str, Any]:
    """A hazard entry read from a TOML file, with every text in kk, ru and en (in place)."""
    return _translate(entry_texts(data, source), data)


def translate_air_limits(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The mine-air limits file's data, with every text in kk, ru and en (in place)."""
    return _translate(air_limit_texts(data, source), data)


def _translate(texts: Iterable[Text], data: dict[str, Any]) -> dict[str, Any]:
    for record, field, context, table in texts:
        if not isinstance(table, dict):
            continue  # the schema says what is wrong with it
        for lang in sorted(set(table) & set(LANGUAGES) - {SOURCE_LANGUAGE}):
            record.fail(
                f"{field}.{lang}",
                f"does not belong in the TOML file: the file holds English only and the {lang} "
                f"text lives in resources/locale/{lang}/LC_MESSAGES/{DOMAIN}.po",
            )
        msgid = source_text(context, table)
        if msgid is None:
            continue
        for lang in LANGUAGES:
            text = catalogue(lang, DOMAIN).pgettext(context, msgid)  # English if untranslated
            table[lang] = _keyword_list(text) if context == KEYWORDS else text
    return data


def _keyword_list(text: str) -> list[str]:
    return [word.strip() for word in text.split(KEYWORD_SEPARATOR.strip()) if word.strip()]


def extract_entries(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for hazard entries (data/*.toml): each text with its context."""
    return _extract(fileobj, entry_texts)


def extract_air_limits(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for reference/mine_air_limits.toml."""
    return _extract(fileobj, air_limit_texts)


def _extract(
    fileobj: IO[bytes], texts: Texts
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    raw = fileobj.read().decode("utf-8")
    lines = raw.splitlines()
    where = str(getattr(fileobj, "name", "library file"))
    for _record, _field, context, table in texts(tomllib.loads(raw), where):
        msgid = source_text(context, table)
        if msgid is not None:
            yield _line_of(context, msgid, lines), "pgettext", (context, msgid), []


def _line_of(context: str, msgid: str, lines: list[str]) -> int:
    """The line of the ``en = ...`` that holds ``msgid`` (line numbers only order a catalogue)."""
    if context == KEYWORDS:
        needle = f'en = ["{msgid.split(KEYWORD_SEPARATOR)[0]}"'
    else:
        needle = 'en = "' + msgid.replace("\\", "\\\\").replace('"', '\\"')
    return next((number for number, line in enumerate(lines, 1) if needle in line), 1)
