"""The hazard library on gettext: English in the TOML files, kk and ru in wrac_library.po.

Counted from the TOML files and the catalogues, never from a hand-kept list: an English text
added to a TOML file without a Kazakh and a Russian translation fails here (run
`make catalogues`, then translate the new entries in resources/locale/{kk,ru}/LC_MESSAGES/
wrac_library.po).
"""

from __future__ import annotations

import ast
import gettext
import io
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo

from tests.unit.test_catalogues import catalogues
from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards import (
    DATA_DIR,
    load_air_limits,
    load_builtin_library,
    load_entry_file,
    translation,
)
from wrac_desktop.hazards.model import gost_group_label
from wrac_desktop.hazards.reference import AIR_LIMITS_FILE

DOMAIN = catalogues.LIBRARY_DOMAIN
PACKAGE = DATA_DIR.parents[1]
TOML_FILES = [*sorted(DATA_DIR.glob("*.toml")), AIR_LIMITS_FILE]
NOISE = (DATA_DIR / "noise.toml").read_text(encoding="utf-8")
TRANSLATED = ("kk", "ru")
FIELD_TEXTS = pytest.mark.parametrize("path", TOML_FILES, ids=lambda path: path.stem)


def tables(value: Any) -> Iterator[dict[str, Any]]:
    """Every table anywhere in a TOML document, however deep."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from tables(item)
    elif isinstance(value, list):
        for item in value:
            yield from tables(item)


def english_texts() -> dict[str, list[str]]:
    """Every English text of the TOML files (any table's ``en``) and of ``_library_text`` in
    the code, with the files holding it.

    Found by walking the files, not through hazards/translation.py: a field its extractor
    forgot still counts here."""
    found: dict[str, list[str]] = {}
    for path in TOML_FILES:
        for table in tables(tomllib.loads(path.read_text(encoding="utf-8"))):
            english = table.get("en")
            if isinstance(english, list):
                english = translation.KEYWORD_SEPARATOR.join(english)
            if isinstance(english, str):
                found.setdefault(english.strip(), []).append(path.name)
    for path in sorted(PACKAGE.rglob("*.py")):  # names in the code: _library_text(context, text)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _is_library_text(node) and isinstance(node, ast.Call):
                text = node.args[1]
                assert isinstance(text, ast.Constant), f"{path}:{node.lineno}: not a literal"
                found.setdefault(text.value, []).append(path.name)
    return found


def _is_library_text(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_library_text"
        and len(node.args) == 2
    )


def untranslated(catalogue: Catalog, texts: dict[str, list[str]]) -> dict[str, list[str]]:
    """The TOML texts without a usable translation in ``catalogue`` (missing, empty, fuzzy)."""
    done = {str(m.id) for m in catalogue if m.id and m.string and not m.fuzzy}
    return {text: where for text, where in texts.items() if text not in done}


@FIELD_TEXTS
def test_toml_files_hold_english_only(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for table in tables(data):
        assert not set(table) & set(TRANSLATED), f"{path.name}: kk/ru belong in {DOMAIN}.po"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_library_text_is_translated(lang: str) -> None:
    texts = english_texts()
    assert len(texts) > 600  # 39 entries, the mine-air limits, the GOST groups
    catalogue = catalogues.read_catalogue(lang, DOMAIN)
    missing = untranslated(catalogue, texts)
    assert not missing, f"{lang}: no translation in {DOMAIN}.po (run `make catalogues`): {missing}"
    problems = catalogues.problems(catalogue)
    assert not (problems.untranslated or problems.fuzzy or problems.bad_placeholders), problems


@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_catalogue_holds_exactly_the_texts_of_the_toml_files(lang: str) -> None:
    in_catalogue = {str(m.id) for m in catalogues.read_catalogue(lang, DOMAIN) if m.id}
    assert in_catalogue == set(english_texts()), "out of step: run `make catalogues`"


def test_a_missing_translation_is_found() -> None:
    catalogue = Catalog(locale="kk")
    catalogue.add("Noise", "Шу", context="hazard name")
    catalogue.add("Earplugs", "", context="control")
    catalogue.add("Dust", "Шаң", context="hazard name", flags=["fuzzy"])
    texts = {"Noise": ["noise.toml"], "Earplugs": ["noise.toml"], "Dust": ["dust.toml"]}
    texts["Vibration"] = ["vibration.toml"]  # not in the catalogue at all
    assert set(untranslated(catalogue, texts)) == {"Earplugs", "Dust", "Vibration"}


@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_compiled_library_catalogue_matches_its_po_file(lang: str) -> None:
    with catalogues.mo_path(lang, DOMAIN).open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    expected = {
        f"{m.context}\x04{m.id}" if m.context else str(m.id): str(m.string)
        for m in catalogues.read_catalogue(lang, DOMAIN)
        if m.id and m.string and not m.fuzzy
    }
    compiled.pop("", None)  # the header
    assert compiled == expected, f"{lang}: .mo is stale; run `make catalogues`"


def test_every_message_says_what_the_text_is_and_where_it_comes_from() -> None:
    catalogue = catalogues.read_catalogue("kk", DOMAIN)
    contexts = {m.context for m in catalogue if m.id}
    assert contexts == {
        "hazard name", "hazard description", "search keywords", "unwanted event", "cause",
        "consequence", "control", "mine-air limits source", "mine-air limit name",
        "mine-air limit source", "GOST group",
    }  # fmt: skip
    noise = catalogue.get("Noise", context="hazard name")
    assert noise is not None and noise.string == "Шу"
    assert [location for location, _line in noise.locations] == [
        "wrac_desktop/hazards/data/noise.toml"
    ]


def test_the_library_loads_in_every_language_from_the_catalogue() -> None:
    noise = load_builtin_library().get("noise")
    assert noise.name == {"kk": "Шу", "ru": "Шум", "en": "Noise"}
    assert noise.controls[-1].text["kk"] == "Шуға қарсы құлаққаптар немесе тығындар"
    kazakh = ("шу", "есту", "естімей қалу", "децибел", "шудың деңгейі", "құлаққап")
    assert noise.keywords["kk"] == kazakh
    assert len(noise.keywords["en"]) == 7 != len(noise.keywords["kk"])  # lists, not word for word
    assert load_air_limits().get("o2").name["kk"] == "Оттегі (O₂), кемінде"


def test_the_library_search_finds_catalogue_texts() -> None:
    library = load_builtin_library()
    assert "noise" in {entry.id for entry in library.search("құлаққап")}  # a kk keyword
    assert "noise" in {entry.id for entry in library.search("тугоухость")}  # a ru keyword


def test_a_kazakh_or_russian_text_in_a_toml_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.toml"
    path.write_text(NOISE.replace('en = "Noise"\n', 'en = "Noise"\nkk = "Шу"\n'), "utf-8")
    with pytest.raises(DataFileError) as error:
        load_entry_file(path)
    assert f"{path}, entry 'noise': field 'name.kk' does not belong in the TOML" in str(error.value)
    assert "resources/locale/kk/LC_MESSAGES/wrac_library.po" in str(error.value)


def test_an_untranslated_text_loads_in_english(tmp_path: Path) -> None:
    path = tmp_path / "noise.toml"
    path.write_text(NOISE.replace('en = "Earmuffs or earplugs"', 'en = "Custom plugs"'), "utf-8")
    control = load_entry_file(path).controls[-1]
    assert control.text == {"kk": "Custom plugs", "ru": "Custom plugs", "en": "Custom plugs"}


def test_one_english_text_in_two_roles_is_two_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = NOISE.replace('en = "Earmuffs or earplugs"', 'en = "Noise"')  # a control named so
    found = list(
        extract(
            translation.extract_entries,
            io.BytesIO(text.encode("utf-8")),
            keywords={"pgettext": ((1, "c"), 2)},
        )
    )
    assert [(m, c) for _line, m, _comments, c in found if m == "Noise"] == [
        ("Noise", "hazard name"),
        ("Noise", "control"),
    ]
    catalogue = Catalog(locale="kk")
    catalogue.add("Noise", "Шу", context="hazard name")
    catalogue.add("Noise", "Шудан қорғану", context="control")
    mo = io.BytesIO()
    write_mo(mo, catalogue)
    mo.seek(0)
    fake = gettext.GNUTranslations(mo)
    monkeypatch.setattr(translation, "catalogue", lambda lang, domain: fake)
    path = tmp_path / "noise.toml"
    path.write_text(text, encoding="utf-8")
    entry = load_entry_file(path)
    assert (entry.name["kk"], entry.controls[-1].text["kk"]) == ("Шу", "Шудан қорғану")


def test_extraction_follows_the_file_and_skips_what_has_no_english() -> None:
    text = NOISE.replace('en = "Noise"\n', "")  # the schema reports it when the file loads
    found = list(translation.extract_entries(io.BytesIO(text.encode("utf-8")), {}, (), {}))
    contexts = [context for _line, _funcname, (context, _msgid), _comments in found]
    assert contexts[:3] == ["hazard description", "search keywords", "unwanted event"]
    lines = [line for line, *_rest in found]
    assert lines == sorted(lines) and lines[0] > 1


def test_gost_group_names_come_from_the_library_catalogue() -> None:
    assert gost_group_label("physical", "kk") == "Физикалық"
    assert gost_group_label("psychophysiological", "ru") == "Психофизиологические"
    assert gost_group_label("chemical", "en") == "Chemical"
    assert gost_group_label("Falling rocks", "kk") == "Falling rocks"  # typed by the officer
