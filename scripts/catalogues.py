"""The gettext catalogues: extract messages from the code, update the .po files, compile .mo.

    python scripts/catalogues.py          # extract + update + compile, then list what is missing
    python scripts/catalogues.py status   # only list untranslated / fuzzy / broken messages

`make catalogues` runs the first. English is the language of the msgids, so new English entries
are filled with their msgid; Kazakh and Russian ones are left empty (or fuzzy, when Babel finds a
similar old message) for a translator, and `status` lists them per language. The compiled .mo
files are committed, so a clean clone, `pip install` and the frozen build all have them;
tests/unit/test_catalogues.py fails when a .mo no longer matches its .po.
"""

from __future__ import annotations

import os
import re
import string
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "resources" / "locale"
DOMAIN = "wrac"
LANGUAGES = ("kk", "ru", "en")
SOURCE_LANGUAGE = "en"
# i18n.NC_(context, message): argument 1 is the msgctxt, argument 2 the msgid
CONTEXT_KEYWORDS = ("-k", "NC_:1c,2")
_PRINTF_FIELD = re.compile(r"%(?:\([a-z_]+\))?[rsd]")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def read_catalogue(lang: str) -> Catalog:
    with po_path(lang).open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def placeholders(text: str) -> list[str]:
    """The ``{name:spec}`` fields of a str.format message and the ``%(name)s`` / ``%s`` ones of
    argparse's messages, sorted; literal ``{{`` ignored."""
    fields = _PRINTF_FIELD.findall(text)
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    return sorted(fields)


@dataclass
class Problems:
    """What keeps one language's catalogue from being complete."""

    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    bad_placeholders: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.untranslated or self.fuzzy or self.bad_placeholders)


def problems(catalogue: Catalog) -> Problems:
    found = Problems()
    for message in _messages(catalogue):
        msgid = str(message.id)
        if message.fuzzy:
            found.fuzzy.append(msgid)
        elif not message.string:
            found.untranslated.append(msgid)
        elif placeholders(msgid) != placeholders(str(message.string)):
            found.bad_placeholders.append(msgid)
    return found


def _messages(catalogue: Catalog) -> list[Message]:
    return [message for message in catalogue if message.id]


def extract(pot: Path) -> None:
    _babel(
        "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_", "-k", "N_", *CONTEXT_KEYWORDS,
        "--no-default-keywords",
        "--sort-by-file", "--add-location", "file", "--no-wrap", "--project", "WRAC Desktop",
        "--version", "1", "-o", str(pot), ".",
    )  # run in ROOT (see main): locations are relative paths without line numbers, so the
    # .po files change only when messages do


def update(pot: Path) -> None:
    before = {lang: po_path(lang).read_text(encoding="utf-8") for lang in LANGUAGES
              if po_path(lang).exists()}
    _update(pot)
    for lang, old in before.items():  # only a new date in the header: keep the file as it was
        if _without_dates(old) == _without_dates(po_path(lang).read_text(encoding="utf-8")):
            po_path(lang).write_text(old, encoding="utf-8")


def _without_dates(text: str) -> str:
    return re.sub(r'^"(POT-Creation|PO-Revision)-Date: .*$', "", text, flags=re.MULTILINE)


def _update(pot: Path) -> None:
    for lang in LANGUAGES:
        po = po_path(lang)
        if po.exists():
            _babel("update", "-i", str(pot), "-o", str(po), "-l", lang, "-D", DOMAIN,
                   "--no-wrap", "--ignore-obsolete")
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            _babel("init", "-i", str(pot), "-o", str(po), "-l", lang, "-D", DOMAIN, "--no-wrap")
    fill_source_language()


def fill_source_language() -> None:
    """English msgids are the English text: copy them into new English entries."""
    catalogue = read_catalogue(SOURCE_LANGUAGE)
    for message in _messages(catalogue):
        if not message.string or message.fuzzy:
            message.string = message.id
            message.flags.discard("fuzzy")
    with po_path(SOURCE_LANGUAGE).open("wb") as po:
        write_po(po, catalogue, width=0, omit_header=False)


def compile_all() -> None:
    _babel("compile", "-d", str(LOCALE_DIR), "-D", DOMAIN, "--statistics")


def report() -> int:
    """Print what each language still needs; 1 if anything, else 0."""
    missing = 0
    for lang in LANGUAGES:
        found = problems(read_catalogue(lang))
        for kind in ("untranslated", "fuzzy", "bad_placeholders"):
            for msgid in getattr(found, kind):
                print(f"{lang}\t{kind}\t{msgid!r}")
                missing += 1
    print(f"{missing} message(s) need a translator" if missing else "all catalogues complete")
    return 1 if missing else 0


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    if argv[:1] != ["status"]:
        with tempfile.TemporaryDirectory() as scratch:
            pot = Path(scratch) / f"{DOMAIN}.pot"
            extract(pot)
            update(pot)
        compile_all()
    return report()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
