"""The gettext catalogues: extract messages from the code, update the .po files, compile .mo.

    python scripts/catalogues.py          # extract + update + compile, then list what is missing
    python scripts/catalogues.py status   # only list untranslated / fuzzy / broken messages

Two domains: `wrac` (the program's messages, from `_()` in the code; babel.cfg) and
`wrac_library` (the hazard library's texts, from the English in its TOML files, each with a
message context; babel-library.cfg names the extraction methods in hazards/translation.py).
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
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "resources" / "locale"
DOMAIN = "wrac"
LIBRARY_DOMAIN = "wrac_library"
DOMAINS = (DOMAIN, LIBRARY_DOMAIN)
LANGUAGES = ("kk", "ru", "en")
SOURCE_LANGUAGE = "en"
# i18n.NC_(context, message): argument 1 is the msgctxt, argument 2 the msgid
CONTEXT_KEYWORDS = ("-k", "NC_:1c,2")
_PRINTF_FIELD = re.compile(r"%(?:\([a-z_]+\))?[rsd]")


def po_path(lang: str, domain: str = DOMAIN) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def mo_path(lang: str, domain: str = DOMAIN) -> Path:
    return po_path(lang, domain).with_suffix(".mo")


def read_catalogue(lang: str, domain: str = DOMAIN) -> Catalog:
    with po_path(lang, domain).open("rb") as po:
        return read_po(po, locale=lang, domain=domain)


def placeholders(text: str) -> list[str]:
    """The ``{name:spec}`` fields of a str.format message and the ``%(name)s`` / ``%s`` ones of
    argparse's messages, sorted; literal ``{{`` ignored."""
    fields = _PRINTF_FIELD.findall(text)
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append(
                f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            )
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
    _extract("babel.cfg", ["-k", "_", "-k", "N_", *CONTEXT_KEYWORDS], pot)


def extract_library(pot: Path) -> None:
    """The hazard library's texts: English from its TOML files (and the GOST group names in
    hazards/model.py), each with its context."""
    _extract("babel-library.cfg", ["-k", "pgettext:1c,2", "-k", "_library_text:1c,2"], pot)


def _extract(config: str, keywords: list[str], pot: Path) -> None:
    """pybabel extract with ``config`` and ``keywords`` only, run in ROOT (see main): locations
    are relative paths without line numbers, so the .po files change only when messages do."""
    _babel(
        "extract", "-F", str(ROOT / config), *keywords, "--no-default-keywords",
        "--sort-by-file", "--add-location", "file", "--no-wrap", "--project", "WRAC Desktop",
        "--version", "1", "-o", str(pot), ".",
    )  # fmt: skip


def update(pot: Path, domain: str = DOMAIN) -> None:
    before = {
        lang: po_path(lang, domain).read_text(encoding="utf-8")
        for lang in LANGUAGES
        if po_path(lang, domain).exists()
    }
    _update(pot, domain)
    for lang, old in before.items():  # only a new date in the header: keep the file as it was
        if _without_dates(old) == _without_dates(po_path(lang, domain).read_text(encoding="utf-8")):
            po_path(lang, domain).write_text(old, encoding="utf-8")


def _without_dates(text: str) -> str:
    return re.sub(r'^"(POT-Creation|PO-Revision)-Date: .*$', "", text, flags=re.MULTILINE)


def _update(pot: Path, domain: str = DOMAIN) -> None:
    for lang in LANGUAGES:
        po = po_path(lang, domain)
        if po.exists():
            _babel(
                "update",
                "-i",
                str(pot),
                "-o",
                str(po),
                "-l",
                lang,
                "-D",
                domain,
                "--no-wrap",
                "--ignore-obsolete",
            )
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            _babel("init", "-i", str(pot), "-o", str(po), "-l", lang, "-D", domain, "--no-wrap")
    fill_source_language(domain)


def fill_source_language(domain: str = DOMAIN) -> None:
    """English msgids are the English text: copy them into new English entries."""
    catalogue = read_catalogue(SOURCE_LANGUAGE, domain)
    for message in _messages(catalogue):
        if not message.string or message.fuzzy:
            message.string = message.id
            message.flags.discard("fuzzy")
    with po_path(SOURCE_LANGUAGE, domain).open("wb") as po:
        write_po(po, catalogue, width=0, omit_header=False)


def compile_all(domain: str = DOMAIN) -> None:
    _babel("compile", "-d", str(LOCALE_DIR), "-D", domain, "--statistics")


def compile_library() -> None:
    """The library's .mo files, without `pybabel compile`'s printf check: no library text is
    ever formatted, and that check takes "20 % oxygen" for a "% o" conversion."""
    for lang in LANGUAGES:
        with mo_path(lang, LIBRARY_DOMAIN).open("wb") as mo:
            write_mo(mo, read_catalogue(lang, LIBRARY_DOMAIN), use_fuzzy=False)


def report() -> int:
    """Print what each language of each domain still needs; 1 if anything, else 0."""
    missing = 0
    for domain in DOMAINS:
        for lang in LANGUAGES:
            found = problems(read_catalogue(lang, domain))
            for kind in ("untranslated", "fuzzy", "bad_placeholders"):
                for msgid in getattr(found, kind):
                    print(f"{lang}\t{domain}\t{kind}\t{msgid!r}")
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
        update_library()
    return report()


def update_library() -> None:
    """The hazard library's domain: extract from the TOML files, update the .po, compile."""
    with tempfile.TemporaryDirectory() as scratch:
        pot = Path(scratch) / f"{LIBRARY_DOMAIN}.pot"
        extract_library(pot)
        update(pot, LIBRARY_DOMAIN)
    compile_library()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
