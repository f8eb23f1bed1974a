"""PAdES signatures: visible fields on the signature lines, several signers in sequence,
checked by our own verify and by poppler's pdfsig."""

from __future__ import annotations

import io
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from tests.unit.cli.test_approval_cli import PASSWORD, make_key
from wrac_desktop.reports import signing
from wrac_desktop.reports.pdf_base import styles
from wrac_desktop.reports.reportlab_adapter import (
    PageStore,
    add_signature_field,
    add_signature_form,
)
from wrac_desktop.reports.signature_places import APPROVER_FIELD, SignaturePlace, member_field
from wrac_desktop.reports.signature_spot import SignatureSpot

APPROVER, MEMBER = "Ахметов Ержан Серикович", "Нұрланова Әйгерім"
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    return {name: make_key(folder / f"{n}.p12", name) for n, name in enumerate((APPROVER, MEMBER))}


def form(lang: str = "kk") -> tuple[bytes, list[SignaturePlace]]:
    """A one-page document with the approver's and a member's signature spots, made into
    empty fields as the reports make them (``pdf_base.numbered_canvas``)."""
    places: list[SignaturePlace] = []

    class WithFields(PageStore):
        def annotate_page(self) -> None:
            for place in places:
                if place.page == self.page_number - 1:
                    add_signature_field(self, place.field, place.person, place.int_box())

        def before_save(self) -> None:
            add_signature_form(self, [place.field for place in places], lang)

    st = styles()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([
        Paragraph("БЕКІТЕМІН", st["bold"]),
        SignatureSpot(APPROVER_FIELD, APPROVER, 160, 40, places),
        Paragraph("Комиссия мүшелері", st["bold"]),
        SignatureSpot(member_field(1), MEMBER, 160, 40, places),
    ], canvasmaker=WithFields)  # fmt: skip
    return buffer.getvalue(), places


def test_spots_become_empty_named_fields_where_they_were_drawn() -> None:
    content, places = form()
    assert [p.field for p in places] == [APPROVER_FIELD, member_field(1)]
    assert places[0].page == 0 and places[0].box[1] > places[1].box[1]  # approver above
    fields = signing.signature_fields(content)
    assert [(f.name, f.signed, f.person) for f in fields] == [
        (APPROVER_FIELD, False, APPROVER), (member_field(1), False, MEMBER),
    ]  # fmt: skip
    assert signing.document_language(content) == "kk"
    assert signing.signatures(content) == []


def sign(content: bytes, key: Path, field: str | None = None) -> bytes:
    return signing.sign_pdf(content, signing.load_signer(key, PASSWORD), field=field)


def test_approver_and_member_sign_the_same_file_in_sequence(
    keys: dict[str, Path], tmp_path: Path
) -> None:
    content, _places = form("ru")
    once = sign(content, keys[APPROVER])  # the approver's field by default
    twice = sign(once, keys[MEMBER], member_field(1))
    assert twice.startswith(once)  # an incremental update: the first signature's bytes stay
    first, second = signing.signatures(twice)
    assert (first.field, second.field) == (APPROVER_FIELD, member_field(1))
    assert APPROVER in first.signer and MEMBER in second.signer
    assert first.intact and second.intact and first.pades and second.pades
    assert not first.covers_whole_file and first.unchanged_since  # only a signature came after
    assert second.covers_whole_file
    assert first.reason == "Утверждение оценки профессиональных рисков"  # the PDF's language
    assert all(f.signed for f in signing.signature_fields(twice))
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(twice)
    if shutil.which("pdfsig") is None:
        pytest.fail("poppler's pdfsig is needed (apt-get install poppler-utils)")
    report = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert report.count("Signature is Valid") == 2, report
    assert report.count("ETSI.CAdES.detached") == 2
    assert f"Common Name: {APPROVER}" in report and f"Common Name: {MEMBER}" in report


def test_the_signature_shows_in_its_field(keys: dict[str, Path], tmp_path: Path) -> None:
    content, places = form()
    signed = sign(content, keys[APPROVER])
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(signed)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout  # fmt: skip
    assert "Цифрлық қолтаңбамен қол қойылды" in text and APPROVER in text
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                    str(ARTIFACTS / "signature-stamp")], check=True)  # fmt: skip


def test_a_change_after_the_first_signature_is_named(keys: dict[str, Path]) -> None:
    from pyhanko.pdf_utils.generic import NameObject, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    content, _places = form()
    once = sign(content, keys[APPROVER])
    writer = IncrementalPdfFileWriter(io.BytesIO(once))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[NameObject("/Rotate")] = pdf_string("90")  # a page changed after signing
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)
    [check] = signing.signatures(output.getvalue())
    assert check.intact and not check.covers_whole_file and not check.unchanged_since


def test_no_library_warning_reaches_the_user(keys: dict[str, Path]) -> None:
    content, _places = form()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        signing.signatures(sign(content, keys[APPROVER]))
    assert [str(w.message) for w in caught] == []
