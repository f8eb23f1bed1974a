"""One-off (issue 7): move the hazard library's kk and ru texts from its TOML files into the
wrac_library catalogues, leaving English in the TOML files as the msgid.

    python scripts/catalogues.py                      # creates wrac_library.po with the msgids
    python scripts/migrate_library_translations.py    # fills kk/ru, strips them from the TOML
    python scripts/catalogues.py                      # normalises the .po files, compiles .mo

Every wording is copied as it is; the script stops, changing nothing, if one English text in
one role had two different translations (one msgid can carry only one).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wrac_desktop.hazards.translation import (  # noqa: E402
    DOMAIN,
    KEYWORD_SEPARATOR,
    KEYWORDS,
    air_limit_texts,
    entry_texts,
    source_text,
)

HAZARDS = ROOT / "wrac_desktop" / "hazards"
FILES = [(path, entry_texts) for path in sorted((HAZARDS / "data").glob("*.toml"))]
FILES += [(HAZARDS / "reference" / "mine_air_limits.toml", air_limit_texts)]
TRANSLATED = ("kk", "ru")
_LINE = re.compile(r'^(kk|ru) = .*\n', re.MULTILINE)
_INLINE = re.compile(r', (kk|ru) = "(?:[^"\\]|\\.)*"')


def collect() -> dict[str, dict[tuple[str, str], str]]:
    found: dict[str, dict[tuple[str, str], str]] = {lang: {} for lang in TRANSLATED}
    for path, texts in FILES:
        for _record, field, context, table in texts(tomllib.loads(path.read_text("utf-8")), str(path)):
            msgid = source_text(context, table)
            assert msgid is not None, (path, field)
            for lang in TRANSLATED:
                value = table[lang]
                text = KEYWORD_SEPARATOR.join(value) if context == KEYWORDS else value.strip()
                known = found[lang].setdefault((context, msgid), text)
                if known != text:
                    sys.exit(f"{path.name} {field}: {lang} {text!r} differs from {known!r}")
    return found


def fill_catalogues(found: dict[str, dict[tuple[str, str], str]]) -> None:
    for lang in TRANSLATED:
        po = ROOT / "resources" / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po.open("rb") as file:
            catalogue = read_po(file, locale=lang, domain=DOMAIN)
        missing = set(found[lang])
        for message in catalogue:
            if message.id:
                message.string = found[lang][(message.context, message.id)]
                message.flags.discard("fuzzy")
                missing.discard((message.context, message.id))
        assert not missing, f"not extracted (run scripts/catalogues.py first): {missing}"
        with po.open("wb") as file:
            write_po(file, catalogue, width=0, omit_header=False)


def strip_files() -> None:
    for path, _texts in FILES:
        before = path.read_text("utf-8")
        after = _INLINE.sub("", _LINE.sub("", before))
        assert _without_translations(tomllib.loads(before)) == tomllib.loads(after), path
        assert not re.search(r"\b(kk|ru) =", after), path
        path.write_text(after, "utf-8")


def _without_translations(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_translations(v) for k, v in value.items() if k not in TRANSLATED}
    if isinstance(value, list):
        return [_without_translations(v) for v in value]
    return value


if __name__ == "__main__":
    translations = collect()
    fill_catalogues(translations)
    strip_files()
    print(f"moved {len(translations['kk'])} texts per language into {DOMAIN}.po")
