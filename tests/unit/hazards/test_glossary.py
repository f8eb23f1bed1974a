"""The glossary: every term in kk, ru and en, with unconfirmed Kazakh terms flagged for review."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards import load_glossary
from wrac_desktop.hazards.glossary import GLOSSARY_FILE
from wrac_desktop.i18n import LANGUAGES

TERMS = load_glossary()
BY_EN = {term.text["en"]: term for term in TERMS}
# The rows of docs/domain.md §6 marked "no confirmed official Kazakh source".
STARRED = {
    "Unwanted event", "Severity of consequences", "Control measure", "Existing controls",
    "Additional controls", "Residual risk", "Elimination", "Substitution",
    "Engineering controls", "Administrative controls", "Personal protective equipment (PPE)",
    "Accident at work", "Incident", "Near miss",
}  # fmt: skip


def test_every_term_has_three_languages_and_a_boolean_review_flag() -> None:
    raw = tomllib.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))["term"]
    assert len(raw) == len(TERMS) >= 100
    for term in raw:
        assert all(isinstance(term[lang], str) and term[lang].strip() for lang in LANGUAGES)
        assert isinstance(term["review"], bool)


def test_starred_and_coined_terms_await_review_and_official_ones_name_their_source() -> None:
    assert {en for en, term in BY_EN.items() if term.review} >= STARRED
    assert not BY_EN["Risk register"].review and not BY_EN["Work permit (permit-to-work)"].review
    for term in TERMS:
        assert term.source, term.text["en"]
        if "coined" in term.source:
            assert term.review, term.text["en"]


def test_roadmap_wording_is_in_the_glossary() -> None:
    kazakh = {term.text["kk"] for term in TERMS}
    assert {"«Улану» қауіпсіздік белгісі", "Бұғаттау және оқшаулау (LOTO)"} <= kazakh


def test_terms_the_library_relies_on_are_there() -> None:
    for en in ("Hazard", "Self-rescuer", "Face (working face)", "Lock-out / tag-out (LOTO)"):
        assert en in BY_EN


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[term]]\nen = "Hazard"\nru = "Опасность"\nkk = "Қауіп"\nreview = "no"\n', "'review'"),
        ('[[term]]\nen = "Hazard"\nru = "Опасность"\nreview = false\n', "field 'kk' is missing"),
        ('[[term]]\nen = "X"\nru = "Х"\nkk = "Х"\nreview = true\nsee = "y"\n', "'see'"),
    ],
)
def test_invalid_glossary_terms_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_glossary(path)
    assert str(path) in error.value.message and "term '" in error.value.message
    assert message in error.value.message
