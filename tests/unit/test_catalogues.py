"""The gettext catalogues: complete in kk, ru and en, in step with the code and with the .mo.

Counted from the catalogues and the source, never from a hand-kept list: a new `_("...")` in the
code without a translated entry in every language fails here (run `make catalogues`).
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from wrac_desktop import i18n

ROOT = Path(__file__).resolve().parents[2]


def _load_catalogues_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "scripts" / "catalogues.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("catalogues", module)
    spec.loader.exec_module(module)
    return module


catalogues = _load_catalogues_script()


MessageKey = tuple[str | None, str]  # (msgctxt, msgid); no context for _() and N_()
_MARKERS = {"_": 1, "N_": 1, "NC_": 2}  # how many literal arguments each marker takes


def source_messages() -> dict[MessageKey, list[str]]:
    """Every ``_("literal")``, ``N_("literal")`` and ``NC_("context", "literal")`` in the package,
    with where it is; calls with a non-literal argument as errors."""
    found: dict[MessageKey, list[str]] = {}
    for path in sorted((ROOT / "wrac_desktop").rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for key, _line in messages_in(path.read_text(encoding="utf-8"), where):
            found.setdefault(key, []).append(where)
    return found


def messages_in(source: str, where: str) -> list[tuple[MessageKey, int]]:
    """The marked messages of one module's source: a non-literal message or context yields a
    key naming the place, which no catalogue holds, so the completeness test fails on it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _is_translation_call(node)):
            continue
        assert isinstance(node.func, ast.Name)
        args = node.args[: _MARKERS[node.func.id]]
        literals = [
            a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        if len(literals) != _MARKERS[node.func.id] or node.keywords:
            key: MessageKey = (None, f"<not a literal at {where}:{node.lineno}>")
        else:
            key = (literals[0], literals[1]) if len(literals) == 2 else (None, literals[0])
        found.append((key, node.lineno))
    return found


def _is_translation_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _MARKERS
        and bool(node.args)
    )


def test_a_non_literal_message_or_context_is_reported() -> None:
    source = 'NC_(CONTEXT, "Deadline")\nNC_("plan", f"{x}")\n_(name)\nNC_("plan", "Deadline")\n'
    keys = [key for key, _line in messages_in(source, "m.py")]
    assert keys == [
        (None, "<not a literal at m.py:1>"),
        (None, "<not a literal at m.py:2>"),
        (None, "<not a literal at m.py:3>"),
        ("plan", "Deadline"),
    ]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_is_translated(lang: str) -> None:
    problems = catalogues.problems(catalogues.read_catalogue(lang))
    assert not problems.untranslated, f"{lang}: untranslated {problems.untranslated}"
    assert not problems.fuzzy, f"{lang}: fuzzy (needs review) {problems.fuzzy}"
    assert not problems.bad_placeholders, f"{lang}: placeholders differ {problems.bad_placeholders}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalogue_holds_exactly_the_messages_of_the_code(lang: str) -> None:
    in_code = source_messages()
    in_catalogue = {(m.context, str(m.id)) for m in catalogues.read_catalogue(lang) if m.id}
    missing = {msgid: in_code[msgid] for msgid in set(in_code) - in_catalogue}
    assert not missing, f"not in {lang} catalogue (run `make catalogues`): {missing}"
    assert not in_catalogue - set(in_code), "stale entries: run `make catalogues`"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_compiled_catalogue_matches_its_po_file(lang: str) -> None:
    with catalogues.mo_path(lang).open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    expected = {
        f"{m.context}\x04{m.id}" if m.context else str(m.id): str(m.string)  # gettext's key
        for m in catalogues.read_catalogue(lang)
        if m.id and m.string and not m.fuzzy
    }
    compiled.pop("", None)  # the header
    assert compiled == expected, f"{lang}: .mo is stale; run `make catalogues`"


def test_placeholders_are_compared_by_name_and_format() -> None:
    assert catalogues.placeholders("Score {score:g} · {band}") == ["{band}", "{score:g}"]
    assert catalogues.placeholders("{{literal}} {a!r}") == ["{a!r}"]
    assert catalogues.placeholders("%(prog)s: error: %(message)s") == ["%(message)s", "%(prog)s"]
    assert catalogues.placeholders("a limit in % must be above 0") == []
    assert catalogues.placeholders("Баға {score} · {band}") != catalogues.placeholders(
        "Score {score:g} · {band}"
    )


def test_a_missing_translation_is_found(tmp_path: Path) -> None:
    from babel.messages.catalog import Catalog

    catalogue = Catalog(locale="kk")
    catalogue.add("Risk register", "Тәуекелдер тізілімі")
    catalogue.add("Wrote {path}", "{file} жазылды")
    catalogue.add("Undo", "")
    catalogue.add("Redo", "Қайталау", flags=["fuzzy"])
    found = catalogues.problems(catalogue)
    assert (found.untranslated, found.fuzzy, found.bad_placeholders) == (
        ["Undo"],
        ["Redo"],
        ["Wrote {path}"],
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "Тәуекелдер тізілімі"), ("ru", "Реестр рисков"), ("en", "Risk register")],
)
def test_set_language_switches_program_messages(lang: str, expected: str) -> None:
    i18n.set_language(lang)
    assert i18n._("Risk register") == expected
    assert i18n.current_language() == lang


def _bare(text: str) -> str:
    """A menu or label text without its accelerator, ellipsis or colon, for comparison."""
    return text.replace("&", "").rstrip("…:").casefold()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogue_uses_the_glossary_wording(lang: str) -> None:
    from wrac_desktop.hazards import load_glossary

    glossary = {_bare(term.text["en"]): _bare(term.text[lang]) for term in load_glossary()}
    used = 0
    for message in catalogues.read_catalogue(lang):
        wanted = glossary.get(_bare(str(message.id))) if message.id else None
        if wanted is None:
            continue
        used += 1
        got = _bare(str(message.string))
        if message.context == "report" and got in wanted.split():
            continue  # a register column shortens the term to its head word: Срок, not Срок исп.
        assert got == wanted, f"{message.context or ''}|{message.id!r}: glossary says {wanted}"
    assert used >= 15  # the screens do name the domain's terms


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_space_stands_before_a_colon_after_a_word(lang: str) -> None:
    """The dashboard's indicator read «Тіркелген : жасырылған жарақаттар (42)»: a colon
    follows its word (a ratio of numbers, «1 : 10», may stand apart)."""
    spaced = re.compile(r"[^\W\d_] :")
    found = [
        str(message.string)
        for message in catalogues.read_catalogue(lang)
        if message.id and spaced.search(str(message.string))
    ]
    assert not found, found
